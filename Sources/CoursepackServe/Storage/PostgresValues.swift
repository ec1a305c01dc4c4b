import Foundation
import PostgresNIO

// The store's five kinds of value on PostgreSQL's types. Going in: integer as bigint, real as double
// precision, text as text, blob as bytea, null untyped (PostgreSQL takes the column's type). Coming out,
// every type the store's SQL can produce maps back to the value SQLite would have given for the same
// query: smallint/integer/bigint and boolean (1 or 0) as integer, real/double as real, numeric (what
// SUM of a bigint column gives) as integer when it is whole and as real otherwise, text-like types as
// text, bytea as blob, timestamps as text in SQLite's CURRENT_TIMESTAMP form.

extension SQLStatement {
    /// The statement as postgres-nio sends it: placeholders numbered, arguments bound.
    func postgresQuery() throws(SQLBackendError) -> PostgresQuery {
        let (sql, count) = PostgresPlaceholders.number(self.sql)
        guard count == arguments.count else {
            throw SQLBackendError.failed("the statement has \(count) placeholder(s) but \(arguments.count) argument(s): \(self.sql)")
        }
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: binds.appendNull()
            case .integer(let value): binds.append(value)
            case .real(let value): binds.append(value)
            case .text(let value):
                // PostgreSQL's text cannot hold U+0000 (SQLite's can); say so rather than show its encoding error.
                guard !value.utf8.contains(0) else {
                    throw SQLBackendError.failed("a text value contains the character U+0000, which PostgreSQL cannot store")
                }
                binds.append(value)
            case .blob(let value): binds.append(ByteBuffer(bytes: value))
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}

extension SQLRow {
    init(postgres row: PostgresRow) throws(SQLBackendError) {
        var columns: [String] = []
        var values: [SQLValue] = []
        for cell in row {
            columns.append(cell.columnName.lowercased())
            values.append(try SQLValue(postgres: cell))
        }
        self.init(columns: columns, values: values)
    }
}

extension SQLValue {
    init(postgres cell: PostgresCell) throws(SQLBackendError) {
        guard cell.bytes != nil else { self = .null; return }
        do {
            switch cell.dataType {
            case .int2, .int4, .int8:
                self = .integer(try cell.decode(Int64.self))
            case .bool:
                self = .integer(try cell.decode(Bool.self) ? 1 : 0)
            case .float4, .float8:
                self = .real(try cell.decode(Double.self))
            case .numeric:
                self = Self.number(try cell.decode(Decimal.self))
            case .bytea:
                var buffer = try cell.decode(ByteBuffer.self)
                self = .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
            case .text, .varchar, .bpchar, .name, .uuid, .json, .jsonb:
                self = .text(try cell.decode(String.self))
            case .timestamp, .timestamptz:
                self = .text(Self.sqliteTimestamp(try cell.decode(Date.self)))
            default:
                throw SQLBackendError.failed("column '\(cell.columnName)' has PostgreSQL type \(cell.dataType), which the store's values cannot hold; cast it in the query (::text, ::bigint)")
            }
        } catch let error as SQLBackendError {
            throw error
        } catch {
            throw SQLBackendError.failed("column '\(cell.columnName)' (PostgreSQL type \(cell.dataType)) could not be read: \(error)")
        }
    }

    private static func number(_ decimal: Decimal) -> SQLValue {
        var value = decimal
        var whole = Decimal()
        NSDecimalRound(&whole, &value, 0, .plain)
        if whole == decimal, let integer = Int64(exactly: NSDecimalNumber(decimal: decimal).int64Value),
           Decimal(integer) == decimal {
            return .integer(integer)
        }
        return .real(NSDecimalNumber(decimal: decimal).doubleValue)
    }

    private static func sqliteTimestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year!, parts.month!, parts.day!,
                      parts.hour!, parts.minute!, parts.second!)
    }
}
