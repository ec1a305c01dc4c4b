import Foundation

// The host keeps learners' progress in SQLite (one machine) or PostgreSQL (a centre's servers, several
// instances). The store is written once, as SQL both understand, against this small interface; each
// database has a backend that runs it. Statements use `?` placeholders; the PostgreSQL backend numbers
// them ($1, $2, ...) itself. Where the two dialects differ (column types in tables, mostly), the
// store asks `dialect`.

/// A value bound to a statement's parameter or read from a row's column.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var int: Int64? { if case .integer(let value) = self { return value }; return nil }
    public var string: String? { if case .text(let value) = self { return value }; return nil }
    public var double: Double? {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }
    public var bytes: [UInt8]? { if case .blob(let value) = self { return value }; return nil }
    public var isNull: Bool { self == .null }
}

/// One statement and its arguments, in the order of its `?` placeholders.
public struct SQLStatement: Sendable, Hashable, CustomStringConvertible {
    public var sql: String
    public var arguments: [SQLValue]
    /// The statement is a condition of its write: when it returns no row, the backend fails the write
    /// with `.conditionFailed` and nothing of it is kept. (So it has a RETURNING clause, and returns no
    /// row exactly when it changed nothing.) (A write whose statements each see the database
    /// afresh, as PostgreSQL's READ COMMITTED does, cannot tell from one statement's result that the next
    /// one's condition still held.)
    public var requiresRow = false

    public init(_ sql: String, _ arguments: [SQLValue] = [], requiresRow: Bool = false) {
        self.sql = sql
        self.arguments = arguments
        self.requiresRow = requiresRow
    }

    public var description: String { sql }
}

/// One row of a result, its columns by name (lowercase, as both databases return unquoted names).
public struct SQLRow: Sendable, Hashable {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        precondition(columns.count == values.count, "a row has one value per column")
        self.columns = columns
        self.values = values
    }

    /// The value of a column, or `.null` when the row has no such column.
    public subscript(column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }
}

public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// What went wrong in the database, as the store needs to tell it apart.
public enum SQLBackendError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A UNIQUE or PRIMARY KEY constraint refused a row: for the store, "this was already written"
    /// (a retried commit, a code taken).
    case uniqueViolation(String)
    /// The database cannot be reached or refused the connection; the request may be retried later.
    case unavailable(String)
    /// A statement marked `requiresRow` returned no row: the write is rolled back, whole.
    case conditionFailed(String)
    /// Anything else, with the database's own message.
    case failed(String)

    public var description: String {
        switch self {
        case .uniqueViolation(let message): return "already recorded: \(message)"
        case .unavailable(let message): return "the database cannot be reached: \(message)"
        case .conditionFailed(let sql): return "a condition of the write no longer held: \(sql)"
        case .failed(let message): return "the database refused a statement: \(message)"
        }
    }
}

/// A database the store runs its SQL on.
///
/// `write` is the only way to change data. Its statements run in one transaction, all or none, and when
/// it returns without throwing the transaction is durable: it survives the process being killed and,
/// for SQLite, the machine losing power (WAL with `synchronous = FULL`; PostgreSQL's default
/// `synchronous_commit`). The host tells a learner "saved" only after `write` returned. A backend may
/// group the writes of concurrent callers into one transaction to share one flush to disk, as long as
/// each caller's statements stay all-or-none and a failing caller does not fail the others.
public protocol SQLBackend: Sendable {
    var dialect: SQLDialect { get }

    /// Creates or upgrades the tables: runs, in order, each migration not yet recorded as run, and records
    /// it, in one transaction per migration. Several instances may start at once against one database;
    /// a backend makes that safe (PostgreSQL: an advisory lock).
    func migrate(_ migrations: [SQLMigration]) async throws

    /// Runs the statements in one durable transaction; returns the rows each returned (`RETURNING`
    /// included), one array per statement. A statement marked `requiresRow` that returns no row fails
    /// the whole write with `.conditionFailed`.
    @discardableResult
    func write(_ statements: [SQLStatement]) async throws -> [[SQLRow]]

    /// Runs one read-only statement.
    func read(_ statement: SQLStatement) async throws -> [SQLRow]

    /// Closes the connections; calls after it throw `.unavailable`.
    func close() async throws
}

/// One step of the schema, with the SQL of each dialect.
public struct SQLMigration: Sendable {
    public let name: String
    public let sqlite: [String]
    public let postgres: [String]

    public init(name: String, sqlite: [String], postgres: [String]) {
        self.name = name
        self.sqlite = sqlite
        self.postgres = postgres
    }

    public init(name: String, both: [String]) {
        self.init(name: name, sqlite: both, postgres: both)
    }

    public func statements(for dialect: SQLDialect) -> [String] {
        dialect == .sqlite ? sqlite : postgres
    }
}

extension SQLBackend {
    @discardableResult
    public func write(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await write([statement]).first ?? []
    }
}
