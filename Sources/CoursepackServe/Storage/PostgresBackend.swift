import Foundation
import Logging
import PostgresNIO

/// The store's backend on PostgreSQL (postgres-nio), for a centre's server and for several instances
/// sharing one database. (A first outline: connecting is not written yet.)
public final class PostgresBackend: SQLBackend {
    public var dialect: SQLDialect { .postgres }

    /// Connects to `url` (`postgres://user:password@host:port/database`), with a pool of connections.
    public static func connect(url: String, logger: Logger) async throws -> PostgresBackend {
        throw SQLBackendError.unavailable("PostgreSQL support is not built yet")
    }

    public func migrate(_ migrations: [SQLMigration]) async throws {
        throw SQLBackendError.unavailable("PostgreSQL support is not built yet")
    }

    public func write(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        throw SQLBackendError.unavailable("PostgreSQL support is not built yet")
    }

    public func read(_ statement: SQLStatement) async throws -> [SQLRow] {
        throw SQLBackendError.unavailable("PostgreSQL support is not built yet")
    }

    public func close() async throws {}
}
