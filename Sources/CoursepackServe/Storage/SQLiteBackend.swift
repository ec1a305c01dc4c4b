import Foundation
import GRDB

/// The store's backend on one SQLite file (GRDB): WAL, `synchronous = FULL`, so a write that returned
/// survives a crash or a power cut.
///
/// Every durable transaction costs one flush to disk, which on a small machine is most of a commit's
/// time. Writes from concurrent callers are therefore grouped: callers queue their statements, and one
/// writer runs everything queued so far in one transaction, each caller's statements inside a savepoint
/// of their own, so one caller's failure rolls back only its own statements. Everyone in the group is
/// answered after the one COMMIT.
public final class SQLiteBackend: SQLBackend, @unchecked Sendable {
    public var dialect: SQLDialect { .sqlite }
    let pool: DatabasePool
    private let lock = NSLock()
    private var pending: [PendingWrite] = []
    private var draining = false
    private var closed = false
    private let writer = DispatchQueue(label: "coursepack.sqlite.writer")

    private struct PendingWrite {
        let statements: [SQLStatement]
        let answer: CheckedContinuation<[[SQLRow]], Error>
    }

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw SQLBackendError.unavailable("\(path) cannot be opened: \(Self.message(error))")
        }
    }

    public func migrate(_ migrations: [SQLMigration]) async throws {
        do {
            try await pool.write { db in
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            }
            for migration in migrations {
                try await pool.write { db in
                    let done = try Bool.fetchOne(db, sql: "SELECT 1 FROM schema_migration WHERE name = ?", arguments: [migration.name]) ?? false
                    guard !done else { return }
                    for sql in migration.statements(for: .sqlite) { try db.execute(sql: sql) }
                    try db.execute(sql: "INSERT INTO schema_migration (name, applied_at) VALUES (?, ?)",
                                   arguments: [migration.name, ISO8601DateFormatter().string(from: Date())])
                }
            }
        } catch {
            throw Self.translate(error)
        }
    }

    @discardableResult
    public func write(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        try await withCheckedThrowingContinuation { continuation in
            let start: Bool? = lock.withLock {
                if closed { return nil }
                pending.append(PendingWrite(statements: statements, answer: continuation))
                defer { draining = true }
                return !draining
            }
            guard let start else {
                continuation.resume(throwing: SQLBackendError.unavailable("the database is closed"))
                return
            }
            if start { writer.async { self.drain() } }
        }
    }

    /// Runs groups of queued writes until the queue is empty.
    private func drain() {
        while true {
            let group: [PendingWrite] = lock.withLock {
                let group = pending
                pending = []
                if group.isEmpty { draining = false }
                return group
            }
            if group.isEmpty { return }
            run(group)
        }
    }

    private func run(_ group: [PendingWrite]) {
        var outcomes: [Result<[[SQLRow]], Error>] = Array(repeating: .failure(SQLBackendError.failed("not run")), count: group.count)
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    for (index, request) in group.enumerated() {
                        // Each caller's statements in a savepoint of their own. (Compiled once and reused,
                        // as the statements are: GRDB's `inSavepoint` compiles its SAVEPOINT and RELEASE
                        // anew each time, a few percent of a commit.)
                        try db.cachedStatement(sql: "SAVEPOINT caller").execute()
                        do {
                            var rows: [[SQLRow]] = []
                            for statement in request.statements {
                                rows.append(try Self.execute(statement, in: db))
                            }
                            try db.cachedStatement(sql: "RELEASE SAVEPOINT caller").execute()
                            outcomes[index] = .success(rows)
                        } catch {
                            try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT caller").execute()
                            try db.cachedStatement(sql: "RELEASE SAVEPOINT caller").execute()
                            outcomes[index] = .failure(Self.translate(error))
                        }
                    }
                    return .commit
                }
            }
        } catch {
            // The COMMIT itself failed (disk full, I/O error): nothing of the group is durable.
            let failure = Self.translate(error)
            for request in group { request.answer.resume(throwing: failure) }
            return
        }
        for (request, outcome) in zip(group, outcomes) { request.answer.resume(with: outcome) }
    }

    public func read(_ statement: SQLStatement) async throws -> [SQLRow] {
        do {
            return try await pool.read { db in try Self.execute(statement, in: db) }
        } catch {
            throw Self.translate(error)
        }
    }

    public func close() async throws {
        lock.withLock { closed = true }
        // Let the writes already queued finish before the file is closed.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in writer.async { done.resume() } }
        try? pool.close()
    }

    static func execute(_ statement: SQLStatement, in db: Database) throws -> [SQLRow] {
        let arguments = StatementArguments(statement.arguments.map { value -> DatabaseValueConvertible? in
            switch value {
            case .null: return nil
            case .integer(let number): return number
            case .real(let number): return number
            case .text(let text): return text
            case .blob(let bytes): return Data(bytes)
            }
        })
        // The store sends the same few SQL texts over and over: a statement compiled once per connection
        // and reused saves SQLite's parser and GRDB's authorizer, which were ~10 % of a commit's CPU.
        let rows = try Row.fetchAll(db.cachedStatement(sql: statement.sql), arguments: arguments)
        if statement.requiresRow && rows.isEmpty { throw SQLBackendError.conditionFailed(statement.sql) }
        return rows.map { row in
            SQLRow(columns: row.columnNames.map { $0.lowercased() }, values: row.databaseValues.map { value in
                switch value.storage {
                case .null: return .null
                case .int64(let number): return .integer(number)
                case .double(let number): return .real(number)
                case .string(let text): return .text(text)
                case .blob(let data): return .blob([UInt8](data))
                }
            })
        }
    }

    static func translate(_ error: Error) -> Error {
        if let backend = error as? SQLBackendError { return backend }
        if let database = error as? DatabaseError {
            switch database.extendedResultCode {
            case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
                return SQLBackendError.uniqueViolation(database.message ?? "\(database)")
            default: break
            }
            switch database.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL:
                return SQLBackendError.unavailable(database.message ?? "\(database)")
            default:
                return SQLBackendError.failed(database.message ?? "\(database)")
            }
        }
        return SQLBackendError.failed(message(error))
    }

    static func message(_ error: Error) -> String {
        (error as? DatabaseError)?.message ?? "\(error)"
    }
}
