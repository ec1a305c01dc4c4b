import Foundation

/// A stored xAPI statement.
public struct StoredStatement: Sendable, Equatable {
    public let id: String
    public let attemptID: String
    public let verb: String
    public let body: String
}

/// What an xAPI credential grants: the statements and state of one attempt at one AU, for one
/// registration. None of it changes once the credential is issued.
public struct XAPIGrant: Sendable, Equatable {
    public let attemptID: String
    public let learnerID: String
    public let packageID: String
    public let packageVersion: String
    /// The AU's activity id (the attempt's SCO).
    public let auID: String
    public let registration: String
}

/// Where an attempt's cmi5 sessions stand: the verbs the cmi5 specification defines stored so far,
/// oldest first (the LMS's `launched` included; "answered" and other verbs do not count), and whether
/// the attempt still takes statements (a trainer's reset retires it).
public struct CMI5Progress: Sendable, Equatable {
    public var verbs: [String]
    public var open: Bool

    public init(verbs: [String], open: Bool) {
        self.verbs = verbs
        self.open = open
    }

    /// As the attempt's `cmi5_verbs` column keeps it: the verbs separated by spaces.
    init(stored: String, open: Bool) {
        self.init(verbs: stored.split(separator: " ").map(String.init), open: open)
    }

    var stored: String { verbs.joined(separator: " ") }
}

/// What statements change of an attempt's summary (nil: unchanged).
public struct XAPISummary: Sendable, Equatable {
    public var completion: String?
    public var success: String?
    public var score: Double?

    public init(completion: String? = nil, success: String? = nil, score: Double? = nil) {
        self.completion = completion
        self.success = success
        self.score = score
    }

    var isEmpty: Bool { completion == nil && success == nil && score == nil }
}

/// What `storeStatements` did.
public enum StatementsWrite: Sendable, Equatable {
    case stored
    /// The attempt's cmi5 progress is no longer the one the statements were checked against (another
    /// request was first), or the attempt was retired: nothing stored; read the grant afresh and check again.
    case progressChanged
    /// A statement id is taken (a retry, or another statement's): nothing stored.
    case idsTaken
}

extension Store {
    /// A one-time token for the cmi5 fetch URL of this launch.
    public func issueFetchToken(attempt: String) async throws -> String {
        let token = Secret.token()
        try await backend.write(SQLStatement("INSERT INTO cmi5_token (token, attempt_id, used, created_at) VALUES (?, ?, 0, ?)",
                                             [.text(token), .text(attempt), .integer(now())]))
        return token
    }

    /// Spends a fetch token: the first call gets an xAPI credential for the attempt, any later call nil.
    public func redeemFetchToken(_ token: String) async throws -> (attempt: String, credential: String)? {
        let credential = Secret.token()
        // One statement spends the token and tells whether it was still unused, so that two
        // concurrent fetches (two instances) cannot both win.
        let rows = try await backend.write([
            SQLStatement("UPDATE cmi5_token SET used = 1 WHERE token = ? AND used = 0 RETURNING attempt_id", [.text(token)]),
        ])
        guard let attempt = rows.first?.first?["attempt_id"].string else { return nil }
        try await backend.write(SQLStatement("INSERT INTO xapi_auth (token_hash, attempt_id, created_at) VALUES (?, ?, ?)",
                                             [.text(Secret.hash(credential)), .text(attempt), .integer(now())]))
        return (attempt, credential)
    }

    /// What an xAPI credential was issued for, and where its attempt's cmi5 session stands. The grant
    /// never changes and is remembered per process; the progress remembered with it is this instance's
    /// last knowledge, which `storeStatements` checks against the database (`fresh` reads it anew).
    public func xapiGrant(credential: String, fresh: Bool = false) async throws -> (grant: XAPIGrant, progress: CMI5Progress)? {
        let hash = Secret.hash(credential)
        if !fresh, let known = memo.grant(credentialHash: hash) { return known }
        let rows = try await backend.read(SQLStatement("""
            SELECT a.id, a.learner_id, a.package_id, a.package_version, a.sco_id, a.registration, a.status, a.cmi5_verbs
            FROM xapi_auth x JOIN attempt a ON a.id = x.attempt_id WHERE x.token_hash = ?
            """, [.text(hash)]))
        guard let row = rows.first, let id = row["id"].string else { return nil }
        let grant = XAPIGrant(attemptID: id, learnerID: row["learner_id"].string ?? "", packageID: row["package_id"].string ?? "",
                              packageVersion: row["package_version"].string ?? "", auID: row["sco_id"].string ?? "",
                              registration: row["registration"].string ?? "")
        let progress = CMI5Progress(stored: row["cmi5_verbs"].string ?? "", open: row["status"].string == Attempt.Status.open.rawValue)
        memo.remember(grant: grant, progress: progress, credentialHash: hash)
        return (grant, progress)
    }

    /// Stores an AU's statements (checked by the caller against `progress`) and what they change of the
    /// attempt, in one transaction, only if the attempt's cmi5 progress is still `progress`: two
    /// statements checked at once, on one instance or two, cannot both pass a rule only one may (a
    /// second `initialized`, `completed` twice). Nothing is stored unless the answer is `.stored`.
    public func storeStatements(_ statements: [StoredStatement], grant: XAPIGrant, credential: String, checkedAgainst progress: CMI5Progress,
                                verbsAfter: [String], summary: XAPISummary) async throws -> StatementsWrite {
        let time = now()
        let guarded = "EXISTS (SELECT 1 FROM attempt WHERE id = ? AND status = 'open' AND cmi5_verbs = ?)"
        var writes = statements.map {
            SQLStatement("""
                INSERT INTO xapi_statement (id, attempt_id, registration, verb, body, stored) SELECT ?, ?, ?, ?, ?, CAST(? AS BIGINT)
                WHERE \(guarded) RETURNING id
                """, [.text($0.id), .text(grant.attemptID), .text(grant.registration), .text($0.verb), .text($0.body), .integer(time),
                      .text(grant.attemptID), .text(progress.stored)], requiresRow: true)
        }
        let after = CMI5Progress(verbs: verbsAfter, open: true)
        if after.stored != progress.stored || !summary.isEmpty {
            writes.append(SQLStatement("""
                UPDATE attempt SET cmi5_verbs = ?, completion = COALESCE(?, completion), success = COALESCE(?, success),
                  score = COALESCE(?, score), updated_at = ?
                WHERE id = ? AND status = 'open' AND cmi5_verbs = ? RETURNING id
                """, [.text(after.stored), summary.completion.map(SQLValue.text) ?? .null, summary.success.map(SQLValue.text) ?? .null,
                      summary.score.map(SQLValue.real) ?? .null, .integer(time), .text(grant.attemptID), .text(progress.stored)],
                requiresRow: true))
        }
        guard !writes.isEmpty else { return .stored }
        let hash = Secret.hash(credential)
        // Every statement of the write requires the progress it was checked against: on PostgreSQL each
        // one sees the database afresh, so another transaction committing between two of them must fail
        // the whole write, not leave part of it.
        do {
            try await backend.write(writes)
        } catch SQLBackendError.uniqueViolation {
            return .idsTaken
        } catch SQLBackendError.conditionFailed {
            memo.forgetProgress(credentialHash: hash)
            return .progressChanged
        }
        memo.update(progress: after, credentialHash: hash)
        return .stored
    }

    /// The statement the LMS writes itself when an AU is launched: stored, and `launched` added to the
    /// attempt's cmi5 progress (a new session begins). A relaunch never takes back a completion.
    public func storeLaunchStatement(_ statement: StoredStatement, registration: String, satisfiedAtLaunch: Bool) async throws {
        let time = now()
        try await backend.write([
            SQLStatement("INSERT INTO xapi_statement (id, attempt_id, registration, verb, body, stored) VALUES (?, ?, ?, ?, ?, ?)",
                         [.text(statement.id), .text(statement.attemptID), .text(registration), .text(statement.verb), .text(statement.body),
                          .integer(time)]),
            SQLStatement("""
                UPDATE attempt SET cmi5_verbs = TRIM(cmi5_verbs || ' ' || ?),
                  completion = CASE WHEN completion = 'completed' THEN completion ELSE ? END, updated_at = ? WHERE id = ?
                """, [.text(statement.verb), .text(satisfiedAtLaunch ? "completed" : "incomplete"), .integer(time), .text(statement.attemptID)]),
        ])
    }

    public func statement(id: String) async throws -> StoredStatement? {
        try await backend.read(SQLStatement("SELECT id, attempt_id, verb, body FROM xapi_statement WHERE id = ?", [.text(id)])).first.map(Self.storedStatement)
    }

    /// The stored statements among these ids (a retry is one of them; another attempt's is a conflict).
    public func statements(ids: [String]) async throws -> [StoredStatement] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        return try await backend.read(SQLStatement("SELECT id, attempt_id, verb, body FROM xapi_statement WHERE id IN (\(marks))",
                                                   ids.map(SQLValue.text))).map(Self.storedStatement)
    }

    /// Every statement, for the export (nil: all learners).
    public func statements(learner: String?) async throws -> [StoredStatement] {
        let rows: [SQLRow]
        if let learner {
            rows = try await backend.read(SQLStatement("""
                SELECT s.id, s.attempt_id, s.verb, s.body FROM xapi_statement s JOIN attempt a ON a.id = s.attempt_id
                WHERE a.learner_id = ? ORDER BY s.stored, s.id
                """, [.text(learner)]))
        } else {
            rows = try await backend.read(SQLStatement("SELECT id, attempt_id, verb, body FROM xapi_statement ORDER BY stored, id"))
        }
        return rows.map(Self.storedStatement)
    }

    static func storedStatement(_ row: SQLRow) -> StoredStatement {
        StoredStatement(id: row["id"].string ?? "", attemptID: row["attempt_id"].string ?? "", verb: row["verb"].string ?? "", body: row["body"].string ?? "")
    }

    public func stateDocument(attempt: String, stateID: String) async throws -> (contentType: String, body: String)? {
        try await backend.read(SQLStatement("SELECT content_type, body FROM xapi_state WHERE attempt_id = ? AND state_id = ?",
                                            [.text(attempt), .text(stateID)])).first.map { ($0["content_type"].string ?? "application/json", $0["body"].string ?? "") }
    }

    public func putStateDocument(attempt: String, stateID: String, contentType: String, body: String) async throws {
        try await backend.write(SQLStatement("""
            INSERT INTO xapi_state (attempt_id, state_id, content_type, body, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (attempt_id, state_id) DO UPDATE SET content_type = excluded.content_type, body = excluded.body, updated_at = excluded.updated_at
            """, [.text(attempt), .text(stateID), .text(contentType), .text(body), .integer(now())]))
    }

    public func deleteStateDocument(attempt: String, stateID: String?) async throws {
        if let stateID {
            try await backend.write(SQLStatement("DELETE FROM xapi_state WHERE attempt_id = ? AND state_id = ?", [.text(attempt), .text(stateID)]))
        } else {
            try await backend.write(SQLStatement("DELETE FROM xapi_state WHERE attempt_id = ?", [.text(attempt)]))
        }
    }
}
