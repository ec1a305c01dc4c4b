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

    /// Keeps one commit: the record, its summary and the calls, durably, once per (attempt, seq).
    /// (The CASTs give PostgreSQL the parameters' types, which an INSERT ... SELECT cannot infer.)
    public func commit(attempt: Attempt, seq: Int64, reason: String, record: [String: String], calls: String) async throws -> CommitOutcome {
        let summary = RecordSummary(record, kind: attempt.kind)
        let recordText = FlatJSON.object(record)
        let time = now()
        // The content ended its attempt (SCORM 2004: an exit other than suspend on Terminate); the next
        // launch starts a new one, as the runtime's `launch` does.
        let closes = attempt.kind == .scorm2004 && reason == "terminate" && (record["cmi.exit"] ?? "") != "suspend"
        let results = try await backend.write([
            SQLStatement("""
                INSERT INTO commit_log (attempt_id, seq, reason, calls, at) SELECT ?, CAST(? AS BIGINT), ?, ?, CAST(? AS BIGINT) WHERE EXISTS
                  (SELECT 1 FROM attempt WHERE id = ? AND status = 'open')
                ON CONFLICT (attempt_id, seq) DO NOTHING RETURNING seq
                """, [.text(attempt.id), .integer(seq), .text(reason), .text(calls), .integer(time), .text(attempt.id)]),
            SQLStatement("""
                UPDATE attempt SET record = ?, last_seq = ?, completion = CASE WHEN marked_complete = 1 THEN 'completed' ELSE CAST(? AS TEXT) END,
                  success = ?, score = ?, updated_at = ?, status = ?
                WHERE id = ? AND status = 'open' AND last_seq < ? RETURNING id
                """, [.text(recordText), .integer(seq), summary.completion.map(SQLValue.text) ?? .null,
                      summary.success.map(SQLValue.text) ?? .null, summary.score.map(SQLValue.real) ?? .null, .integer(time),
                      .text(closes ? Attempt.Status.closed.rawValue : Attempt.Status.open.rawValue), .text(attempt.id), .integer(seq)]),
        ])
        if !results[1].isEmpty { return .saved }
        if !results[0].isEmpty { return .stale }
        // Nothing written: a retry of a kept commit, or an attempt no longer open.
        let kept = try await backend.read(SQLStatement("SELECT 1 AS kept FROM commit_log WHERE attempt_id = ? AND seq = ?",
                                                       [.text(attempt.id), .integer(seq)]))
        return kept.isEmpty ? .retired : .duplicate
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

    /// Sets the summary of a cmi5 attempt from the statements the AU sent (moveOn applied by the caller).
    func updateSummary(attempt: String, completion: String?, success: String?, score: Double?, closes: Bool) -> SQLStatement {
        SQLStatement("""
            UPDATE attempt SET completion = COALESCE(?, completion), success = COALESCE(?, success), score = COALESCE(?, score),
              status = CASE WHEN ? = 1 AND status = 'open' THEN 'closed' ELSE status END, updated_at = ? WHERE id = ?
            """, [completion.map(SQLValue.text) ?? .null, success.map(SQLValue.text) ?? .null, score.map(SQLValue.real) ?? .null,
                  .integer(closes ? 1 : 0), .integer(now()), .text(attempt)])
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
