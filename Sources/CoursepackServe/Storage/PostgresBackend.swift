import Foundation
import Logging
import PostgresNIO

/// The store's backend on PostgreSQL (postgres-nio), for a centre's server and for several instances
/// sharing one database.
///
/// Each `write` is one transaction on one pooled connection, committed with PostgreSQL's default
/// `synchronous_commit = on`: when it returns, the commit is in the write-ahead log on disk. Concurrent
/// writers need no grouping here: PostgreSQL's WAL flush already covers every commit waiting at the time.
public final class PostgresBackend: SQLBackend, @unchecked Sendable {
    public var dialect: SQLDialect { .postgres }

    /// The database, for messages (its description leaves the password out).
    public let url: PostgresURL
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    private let lock = NSLock()
    private var closed = false

    /// The key of the advisory lock that migrations hold, the same in every instance (ASCII "cpmigrat").
    static let migrationLockKey: Int64 = 0x63706D6967726174
    /// A transaction PostgreSQL rolled back as a deadlock or serialization victim runs again, this often.
    static let attemptsPerWrite = 3

    private init(url: PostgresURL, client: PostgresClient, logger: Logger) {
        self.url = url
        self.client = client
        self.logger = logger
        self.runner = Task { await client.run() }
    }

    /// Connects to `url` (`postgres://user:password@host:port/database`), with a pool of connections.
    ///
    /// One connection is opened and tried first, so that a wrong password, a missing database or a
    /// server that does not answer is reported now, in words, rather than on the first learner's commit.
    /// Throws `PostgresURLError` for a URL that cannot be read, `SQLBackendError.unavailable` otherwise.
    public static func connect(url text: String, logger: Logger) async throws -> PostgresBackend {
        let url = try PostgresURL(text)
        try await probe(url, logger: logger)
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: url.tls == .disable ? .disable : .require(.makeClientConfiguration()))
        configuration.options.maximumConnections = url.poolSize
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [("application_name", "coursepack serve")]
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return PostgresBackend(url: url, client: client, logger: logger)
    }

    private static func probe(_ url: PostgresURL, logger: Logger) async throws {
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = url.tls == .disable ? .disable : .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        } catch {
            throw SQLBackendError.unavailable("TLS cannot be set up for PostgreSQL: \(error)")
        }
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            defer { Task { try? await connection.close() } }
            try await connection.query("SELECT 1", logger: logger)
        } catch {
            throw SQLBackendError.postgres(error, at: url)
        }
    }

    public func migrate(_ migrations: [SQLMigration]) async throws {
        try checkOpen()
        for migration in migrations {
            do {
                try await client.withConnection { connection in
                    try await self.transaction(on: connection) {
                        // Every instance takes the same lock first, so that one runs the migration and the
                        // others, waiting here, then find it recorded. The lock ends with the transaction.
                        try await connection.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))"), logger: self.logger)
                        try await connection.query("CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)", logger: self.logger)
                        let done = try await connection.query("SELECT 1 FROM schema_migration WHERE name = \(migration.name)", logger: self.logger)
                        for try await _ in done { return }
                        for sql in migration.statements(for: .postgres) {
                            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: self.logger)
                        }
                        let now = ISO8601DateFormatter().string(from: Date())
                        try await connection.query("INSERT INTO schema_migration (name, applied_at) VALUES (\(migration.name), \(now))", logger: self.logger)
                    }
                }
            } catch {
                let reason = SQLBackendError.postgres(error, at: url)
                if case .failed(let message) = reason {
                    throw SQLBackendError.failed("migration '\(migration.name)' failed and was rolled back: \(message)")
                }
                throw reason
            }
        }
    }

    @discardableResult
    public func write(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        try checkOpen()
        // With each statement's SQL when it is a condition of the write (`requiresRow`).
        var queries: [(query: PostgresQuery, requiresRow: String?)] = []
        for statement in statements { queries.append((try statement.postgresQuery(), statement.requiresRow ? statement.sql : nil)) }
        guard !queries.isEmpty else { return [] }
        var attempt = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    // One statement is a transaction of its own: no BEGIN and COMMIT round trips. If it is a
                    // condition and returned no row, it changed nothing, so there is nothing to roll back.
                    if queries.count == 1 {
                        let rows = try await self.rows(of: queries[0].query, on: connection)
                        if let requiresRow = queries[0].requiresRow, rows.isEmpty { throw SQLBackendError.conditionFailed(requiresRow) }
                        return [rows]
                    }
                    return try await self.transaction(on: connection) {
                        var results: [[SQLRow]] = []
                        for (query, requiresRow) in queries {
                            let rows = try await self.rows(of: query, on: connection)
                            // READ COMMITTED: each statement sees the database afresh, so a condition that
                            // held for the first statement may not for the next; the whole write rolls back.
                            if let requiresRow, rows.isEmpty { throw SQLBackendError.conditionFailed(requiresRow) }
                            results.append(rows)
                        }
                        return results
                    }
                }
            } catch {
                if attempt < Self.attemptsPerWrite && SQLBackendError.postgresIsRetryable(error) {
                    attempt += 1
                    continue
                }
                throw SQLBackendError.postgres(error, at: url)
            }
        }
    }

    public func read(_ statement: SQLStatement) async throws -> [SQLRow] {
        try checkOpen()
        let query = try statement.postgresQuery()
        do {
            return try await client.withConnection { connection in try await self.rows(of: query, on: connection) }
        } catch {
            throw SQLBackendError.postgres(error, at: url)
        }
    }

    public func close() async throws {
        let wasOpen = lock.withLock {
            defer { closed = true }
            return !closed
        }
        guard wasOpen else { return }
        runner.cancel()
        await runner.value
    }

    private func checkOpen() throws {
        try lock.withLock {
            if closed { throw SQLBackendError.unavailable("the connection to PostgreSQL was closed") }
        }
    }

    /// Runs `body` between BEGIN and COMMIT; on any error, rolls back. A connection whose ROLLBACK fails is
    /// closed, so that the pool does not hand a connection stuck in a failed transaction to someone else.
    private func transaction<Result: Sendable>(on connection: PostgresConnection,
                                               _ body: () async throws -> Result) async throws -> Result {
        try await connection.query("BEGIN", logger: logger)
        do {
            let result = try await body()
            try await connection.query("COMMIT", logger: logger)
            return result
        } catch {
            do {
                try await connection.query("ROLLBACK", logger: logger)
            } catch {
                try? await connection.close()
            }
            throw error
        }
    }

    private func rows(of query: PostgresQuery, on connection: PostgresConnection) async throws -> [SQLRow] {
        var rows: [SQLRow] = []
        for try await row in try await connection.query(query, logger: logger) {
            rows.append(try SQLRow(postgres: row))
        }
        return rows
    }
}
