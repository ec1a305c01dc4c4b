import Foundation

/// How a launchable talks to the host.
public enum RuntimeKind: String, Sendable, Codable {
    case scorm12 = "1.2"
    case scorm2004 = "2004"
    case cmi5
}

/// One learner's attempt at one SCO or AU of one package.
public struct Attempt: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// The one the learner resumes.
        case open
        /// The trainer reset it: commits of a session still running are refused.
        case reset
        /// Ended by the content (SCORM 2004 exit other than suspend, cmi5 terminated); a launch starts a new one.
        case closed
    }

    public let id: String
    public let learnerID: String
    public let packageID: String
    public let packageVersion: String
    public let scoID: String
    public let kind: RuntimeKind
    public let number: Int
    public let status: Status
    /// The runtime's flat record as last committed.
    public let record: [String: String]
    public let lastSeq: Int64
    public let completion: String?
    public let success: String?
    public let score: Double?
    public let registration: String?
    public let updatedAt: Int64
}

/// What a commit did.
public enum CommitOutcome: Sendable, Equatable {
    /// Kept, durable.
    case saved
    /// This (attempt, seq) was kept before: nothing changed.
    case duplicate
    /// Older than the record already kept: logged in the trace, the record not overwritten.
    case stale
    /// The attempt was reset or closed: nothing kept.
    case retired
    /// The session token opens no live session: nothing kept.
    case noSession
    /// No such attempt, or not the session's learner's: nothing kept.
    case notFound
}

extension Store {
    static let attemptColumns = """
        id, learner_id, package_id, package_version, sco_id, kind, number, status, record, last_seq, completion, success,
        score, registration, updated_at
        """

    /// The learner's open attempt at this SCO, or a new one (numbered after the last). Two devices
    /// launching at once get the same attempt: the unique (learner, package, sco, number) settles it.
    public func openAttempt(learner: String, package: String, version: String, sco: String, kind: RuntimeKind,
                            registration: String? = nil) async throws -> Attempt {
        for _ in 0..<3 {
            if let open = try await currentAttempt(learner: learner, package: package, sco: sco), open.status == .open {
                return open
            }
            let last = try await backend.read(SQLStatement(
                "SELECT MAX(number) AS n FROM attempt WHERE learner_id = ? AND package_id = ? AND sco_id = ?",
                [.text(learner), .text(package), .text(sco)])).first?["n"].int ?? 0
            let time = now()
            let id = Secret.token(bytes: 12)
            let registrationValue: SQLValue = kind == .cmi5 ? .text(registration ?? Secret.uuid()) : .null
            let inserted = try await backend.write(SQLStatement("""
                INSERT INTO attempt (id, learner_id, package_id, package_version, sco_id, kind, number, status, record, last_seq,
                  registration, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'open', '{}', 0, ?, ?, ?)
                ON CONFLICT (learner_id, package_id, sco_id, number) DO NOTHING RETURNING id
                """, [.text(id), .text(learner), .text(package), .text(version), .text(sco), .text(kind.rawValue), .integer(last + 1),
                      registrationValue, .integer(time), .integer(time)]))
            if !inserted.isEmpty, let attempt = try await attempt(id: id) { return attempt }
        }
        throw SQLBackendError.failed("could not start an attempt for \(package) \(sco)")
    }

    /// The learner's latest attempt at this SCO, whatever its status.
    public func currentAttempt(learner: String, package: String, sco: String) async throws -> Attempt? {
        try await backend.read(SQLStatement("""
            SELECT \(Self.attemptColumns) FROM attempt WHERE learner_id = ? AND package_id = ? AND sco_id = ?
            ORDER BY number DESC LIMIT 1
            """, [.text(learner), .text(package), .text(sco)])).first.flatMap(Self.attempt)
    }

    public func attempt(id: String) async throws -> Attempt? {
        try await backend.read(SQLStatement("SELECT \(Self.attemptColumns) FROM attempt WHERE id = ?", [.text(id)])).first.flatMap(Self.attempt)
    }

    /// Every attempt of a learner (nil: of everyone), for the catalog and the reports.
    public func attempts(learner: String?, package: String? = nil) async throws -> [Attempt] {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if let learner { conditions.append("learner_id = ?"); arguments.append(.text(learner)) }
        if let package { conditions.append("package_id = ?"); arguments.append(.text(package)) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await backend.read(SQLStatement("SELECT \(Self.attemptColumns) FROM attempt \(filter) ORDER BY package_id, sco_id, number",
                                                   arguments)).compactMap(Self.attempt)
    }

    /// Keeps one commit of the learner whose session `sessionToken` is: the record, its summary and the
    /// calls, durably, once per (attempt, seq).
    ///
    /// Who may commit is checked inside the write itself (the session is live and belongs to the
    /// attempt's learner, the attempt is open), not by reads before it: a commit is then one grouped
    /// write and no read, and no other instance can change the answer between a check and the write.
    /// Only when nothing was written does the store read, to say why.
    /// (The CASTs give PostgreSQL the parameters' types, which an INSERT ... SELECT cannot infer.)
    public func commit(attempt id: String, sessionToken: String, seq: Int64, reason: String, record: [String: String],
                       calls: String) async throws -> CommitOutcome {
        guard let kind = try await attemptKind(id) else { return try await whyNothingWasKept(attempt: id, sessionToken: sessionToken, seq: seq) }
        let summary = RecordSummary(record, kind: kind)
        let recordText = FlatJSON.object(record)
        let time = now()
        let session = Secret.hash(sessionToken)
        // The content ended its attempt (SCORM 2004: an exit other than suspend on Terminate); the next
        // launch starts a new one, as the runtime's `launch` does.
        let closes = kind == .scorm2004 && reason == "terminate" && (record["cmi.exit"] ?? "") != "suspend"
        let results = try await backend.write([
            SQLStatement("""
                INSERT INTO commit_log (attempt_id, seq, reason, calls, at) SELECT ?, CAST(? AS BIGINT), ?, ?, CAST(? AS BIGINT) WHERE EXISTS
                  (SELECT 1 FROM attempt a JOIN learner_session s ON s.learner_id = a.learner_id
                   WHERE a.id = ? AND a.status = 'open' AND s.token_hash = ? AND s.expires_at > ?)
                ON CONFLICT (attempt_id, seq) DO NOTHING RETURNING seq
                """, [.text(id), .integer(seq), .text(reason), .text(calls), .integer(time), .text(id), .text(session), .integer(time)]),
            SQLStatement("""
                UPDATE attempt SET record = ?, last_seq = ?, completion = CASE WHEN marked_complete = 1 THEN 'completed' ELSE CAST(? AS TEXT) END,
                  success = ?, score = ?, updated_at = ?, status = ?
                WHERE id = ? AND status = 'open' AND last_seq < ? AND EXISTS
                  (SELECT 1 FROM learner_session s WHERE s.learner_id = attempt.learner_id AND s.token_hash = ? AND s.expires_at > ?)
                RETURNING id
                """, [.text(recordText), .integer(seq), summary.completion.map(SQLValue.text) ?? .null,
                      summary.success.map(SQLValue.text) ?? .null, summary.score.map(SQLValue.real) ?? .null, .integer(time),
                      .text(closes ? Attempt.Status.closed.rawValue : Attempt.Status.open.rawValue), .text(id), .integer(seq),
                      .text(session), .integer(time)]),
        ])
        if !results[1].isEmpty { return .saved }
        if !results[0].isEmpty { return .stale }
        return try await whyNothingWasKept(attempt: id, sessionToken: sessionToken, seq: seq)
    }

    /// Whether the token may be a live session: remembered from an earlier request, or read. The
    /// commit's write checks it again; this spares the write to a token that opens nothing.
    public func mayBeLiveSession(_ token: String) async throws -> Bool {
        let hash = Secret.hash(token)
        if memo.knowsSession(hash) { return true }
        guard try await learner(sessionToken: token) != nil else { return false }
        memo.remember(session: hash)
        return true
    }

    /// Why a commit wrote nothing: no live session, not this learner's attempt, a retry of a commit kept
    /// before, or an attempt no longer open.
    func whyNothingWasKept(attempt id: String, sessionToken: String, seq: Int64) async throws -> CommitOutcome {
        guard let learner = try await learner(sessionToken: sessionToken) else {
            memo.forget(session: Secret.hash(sessionToken))
            return .noSession
        }
        let rows = try await backend.read(SQLStatement("""
            SELECT a.learner_id, (SELECT 1 FROM commit_log c WHERE c.attempt_id = a.id AND c.seq = ?) AS kept FROM attempt a WHERE a.id = ?
            """, [.integer(seq), .text(id)]))
        guard let row = rows.first, row["learner_id"].string == learner.id else { return .notFound }
        return row["kept"].isNull ? .retired : .duplicate
    }

    /// How an attempt talks to the host (SCORM 1.2, 2004, cmi5), which never changes once it is created:
    /// read once per process.
    func attemptKind(_ id: String) async throws -> RuntimeKind? {
        if let known = memo.kind(ofAttempt: id) { return known }
        let rows = try await backend.read(SQLStatement("SELECT kind FROM attempt WHERE id = ?", [.text(id)]))
        guard let kind = rows.first?["kind"].string.flatMap(RuntimeKind.init(rawValue:)) else { return nil }
        memo.remember(kind: kind, ofAttempt: id)
        return kind
    }

    /// The trainer's reset: the attempt is retired, the next launch starts afresh.
    public func resetAttempt(id: String) async throws -> Bool {
        !(try await backend.write(SQLStatement("UPDATE attempt SET status = 'reset', updated_at = ? WHERE id = ? AND status <> 'reset' RETURNING id",
                                              [.integer(now()), .text(id)]))).isEmpty
    }

    /// The trainer marks an attempt complete (a learner who did it on paper, a package that cannot report).
    public func markComplete(id: String) async throws -> Bool {
        !(try await backend.write(SQLStatement("UPDATE attempt SET completion = 'completed', marked_complete = 1, updated_at = ? WHERE id = ? RETURNING id",
                                              [.integer(now()), .text(id)]))).isEmpty
    }

    /// The commits of an attempt, oldest first, with the runtime calls each carried: the trace.
    public func trace(attempt: String) async throws -> [(seq: Int64, reason: String, at: Int64, calls: String)] {
        try await backend.read(SQLStatement("SELECT seq, reason, at, calls FROM commit_log WHERE attempt_id = ? ORDER BY at, seq",
                                            [.text(attempt)])).map {
            (seq: $0["seq"].int ?? 0, reason: $0["reason"].string ?? "", at: $0["at"].int ?? 0, calls: $0["calls"].string ?? "[]")
        }
    }

    static func attempt(_ row: SQLRow) -> Attempt? {
        guard let kind = row["kind"].string.flatMap(RuntimeKind.init(rawValue:)), let status = row["status"].string.flatMap(Attempt.Status.init(rawValue:)) else {
            return nil
        }
        let record = (try? JSONDecoder().decode([String: String].self, from: Data((row["record"].string ?? "{}").utf8))) ?? [:]
        return Attempt(id: row["id"].string ?? "", learnerID: row["learner_id"].string ?? "", packageID: row["package_id"].string ?? "",
                       packageVersion: row["package_version"].string ?? "", scoID: row["sco_id"].string ?? "", kind: kind,
                       number: Int(row["number"].int ?? 1), status: status, record: record, lastSeq: row["last_seq"].int ?? 0,
                       completion: row["completion"].string, success: row["success"].string, score: row["score"].double,
                       registration: row["registration"].string, updatedAt: row["updated_at"].int ?? 0)
    }
}
