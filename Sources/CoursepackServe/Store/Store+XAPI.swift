import Foundation

/// A stored xAPI statement.
public struct StoredStatement: Sendable, Equatable {
    public let id: String
    public let attemptID: String
    public let verb: String
    public let body: String
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

    /// The attempt an xAPI credential was issued for.
    public func attempt(xapiCredential credential: String) async throws -> Attempt? {
        let rows = try await backend.read(SQLStatement("SELECT attempt_id FROM xapi_auth WHERE token_hash = ?", [.text(Secret.hash(credential))]))
        guard let id = rows.first?["attempt_id"].string else { return nil }
        return try await attempt(id: id)
    }

    /// Stores statements (already checked) and the attempt summary they change, in one transaction.
    /// A statement id already stored is a conflict unless the body is the same (a retry).
    public func storeStatements(_ statements: [StoredStatement], registration: String, summary: SQLStatement?) async throws -> [String] {
        var writes = statements.map {
            SQLStatement("INSERT INTO xapi_statement (id, attempt_id, registration, verb, body, stored) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                         [.text($0.id), .text($0.attemptID), .text(registration), .text($0.verb), .text($0.body), .integer(now())])
        }
        if let summary { writes.append(summary) }
        try await backend.write(writes)
        return statements.map(\.id)
    }

    public func statement(id: String) async throws -> StoredStatement? {
        try await backend.read(SQLStatement("SELECT id, attempt_id, verb, body FROM xapi_statement WHERE id = ?", [.text(id)])).first.map {
            StoredStatement(id: $0["id"].string ?? "", attemptID: $0["attempt_id"].string ?? "", verb: $0["verb"].string ?? "", body: $0["body"].string ?? "")
        }
    }

    /// The verbs (cmi5 short names) already stored for an attempt, to apply the cmi5 order rules.
    public func verbs(attempt: String) async throws -> [String] {
        try await backend.read(SQLStatement("SELECT verb FROM xapi_statement WHERE attempt_id = ? ORDER BY stored", [.text(attempt)])).compactMap { $0["verb"].string }
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
        return rows.map { StoredStatement(id: $0["id"].string ?? "", attemptID: $0["attempt_id"].string ?? "", verb: $0["verb"].string ?? "", body: $0["body"].string ?? "") }
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
