import Foundation

public struct Learner: Sendable, Equatable {
    public let id: String
    public let name: String
    public let code: String
    public let language: String?
}

/// A problem a person can fix, said so that they can.
public struct StoreRefusal: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Store {
    static let learnerSessionLifetime: Int64 = 30 * 24 * 3600 * 1000

    /// Creates learners with fresh codes, all in one transaction. A name already used is refused (a
    /// trainer tells learners apart by name), with nothing created.
    public func addLearners(_ names: [String], language: String? = nil) async throws -> [Learner] {
        var seen = Set<String>()
        for name in names {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= 100 else { throw StoreRefusal("a learner's name must be 1 to 100 characters ('\(name)')") }
            guard seen.insert(trimmed.lowercased()).inserted else { throw StoreRefusal("the name '\(trimmed)' is given twice") }
        }
        // A code collision (1 in 887 million per pair) or a name taken: the unique index refuses the
        // whole group; a new draw of codes settles the first, the second is the trainer's to fix.
        for _ in 0..<5 {
            let learners = names.map {
                Learner(id: Secret.token(bytes: 12), name: $0.trimmingCharacters(in: .whitespacesAndNewlines), code: Secret.learnerCode(), language: language)
            }
            let time = now()
            do {
                try await backend.write(learners.map {
                    SQLStatement("INSERT INTO learner (id, name, code, language, created_at) VALUES (?, ?, ?, ?, ?)",
                                 [.text($0.id), .text($0.name), .text($0.code), $0.language.map(SQLValue.text) ?? .null, .integer(time)])
                })
                return learners
            } catch SQLBackendError.uniqueViolation(let message) {
                if message.contains("name") {
                    let existing = try await allLearners().map { $0.name.lowercased() }
                    let taken = learners.map(\.name).filter { existing.contains($0.lowercased()) }
                    throw StoreRefusal("a learner named \(taken.map { "'\($0)'" }.joined(separator: ", ")) already exists")
                }
                continue
            }
        }
        throw StoreRefusal("could not draw unused learner codes; try again")
    }

    public func allLearners() async throws -> [Learner] {
        try await backend.read(SQLStatement("SELECT id, name, code, language FROM learner ORDER BY name")).map(Self.learner)
    }

    public func learner(id: String) async throws -> Learner? {
        try await backend.read(SQLStatement("SELECT id, name, code, language FROM learner WHERE id = ?", [.text(id)])).first.map(Self.learner)
    }

    /// The learner a typed code or name belongs to.
    public func learner(codeOrName typed: String) async throws -> Learner? {
        if let code = Secret.normalizedCode(typed),
           let found = try await backend.read(SQLStatement("SELECT id, name, code, language FROM learner WHERE code = ?", [.text(code)])).first {
            return Self.learner(found)
        }
        let name = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return nil }
        return try await backend.read(SQLStatement("SELECT id, name, code, language FROM learner WHERE lower(name) = lower(?)", [.text(name)]))
            .first.map(Self.learner)
    }

    public func setLanguage(learner: String, _ language: String) async throws {
        try await backend.write(SQLStatement("UPDATE learner SET language = ? WHERE id = ?", [.text(language), .text(learner)]))
    }

    /// Starts a session for the learner; the token goes to the browser, its hash to the database.
    public func openLearnerSession(_ learner: Learner) async throws -> String {
        let token = Secret.token()
        let time = now()
        try await backend.write(SQLStatement("INSERT INTO learner_session (token_hash, learner_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                                             [.text(Secret.hash(token)), .text(learner.id), .integer(time), .integer(time + Self.learnerSessionLifetime)]))
        return token
    }

    /// The learner whose live session this token is.
    public func learner(sessionToken token: String) async throws -> Learner? {
        let rows = try await backend.read(SQLStatement("""
            SELECT l.id, l.name, l.code, l.language FROM learner_session s JOIN learner l ON l.id = s.learner_id
            WHERE s.token_hash = ? AND s.expires_at > ?
            """, [.text(Secret.hash(token)), .integer(now())]))
        return rows.first.map(Self.learner)
    }

    public func closeLearnerSession(_ token: String) async throws {
        try await backend.write(SQLStatement("DELETE FROM learner_session WHERE token_hash = ?", [.text(Secret.hash(token))]))
    }

    static func learner(_ row: SQLRow) -> Learner {
        Learner(id: row["id"].string ?? "", name: row["name"].string ?? "", code: row["code"].string ?? "", language: row["language"].string)
    }
}
