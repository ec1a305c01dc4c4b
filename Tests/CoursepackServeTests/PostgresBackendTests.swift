import Foundation
import Logging
import XCTest
@testable import CoursepackServe

/// The PostgreSQL backend against a real server: run with `COURSEPACK_TEST_POSTGRES_URL` set
/// (Tests/Scale/run.sh starts a private server and sets it). Every test works in tables of its own, named
/// with a random suffix, so that the suite can share a database with the host's other tests.
final class PostgresBackendTests: XCTestCase {
    private var backend: PostgresBackend!
    private var suffix = ""
    private var tables: [String] = []

    override func setUp() async throws {
        guard let url = ProcessInfo.processInfo.environment["COURSEPACK_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw XCTSkip("COURSEPACK_TEST_POSTGRES_URL is not set: no PostgreSQL to test against (Tests/Scale/run.sh starts one)")
        }
        backend = try await PostgresBackend.connect(url: url, logger: Logger(label: "test"))
        suffix = String(UUID().uuidString.prefix(8)).lowercased()
    }

    override func tearDown() async throws {
        guard let backend else { return }
        for table in tables.reversed() { _ = try? await backend.write(SQLStatement("DROP TABLE IF EXISTS \(table)")) }
        try await backend.close()
    }

    private var url: String { ProcessInfo.processInfo.environment["COURSEPACK_TEST_POSTGRES_URL"]! }

    /// Creates a table of this test's own and returns its name.
    private func table(_ name: String, _ columns: String) async throws -> String {
        let table = "\(name)_\(suffix)"
        tables.append(table)
        try await backend.write(SQLStatement("CREATE TABLE \(table) (\(columns))"))
        return table
    }

    // MARK: values

    func testEveryValueComesBackAsItWasWritten() async throws {
        let t = try await table("vals", "id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, s TEXT, b BYTEA")
        let values: [[SQLValue]] = [
            [.integer(1), .integer(Int64.max), .real(0.1), .text("مرحبا، Amina 👋🏽 ትግርኛ"), .blob(Array(0...255))],
            [.integer(2), .integer(Int64.min), .real(-1.5e300), .text(""), .blob([])],
            [.integer(3), .integer(0), .real(.infinity), .text("it's \"quoted\" ? and $1 and \\ backslash"), .blob([0, 0])],
            [.integer(4), .null, .null, .null, .null],
        ]
        for row in values {
            try await backend.write(SQLStatement("INSERT INTO \(t) (id, i, r, s, b) VALUES (?, ?, ?, ?, ?)", row))
        }
        let rows = try await backend.read(SQLStatement("SELECT id, i, r, s, b FROM \(t) ORDER BY id"))
        XCTAssertEqual(rows.map(\.values), values)
        XCTAssertEqual(rows.first?.columns, ["id", "i", "r", "s", "b"])
    }

    func testAStoreColumnOfAnIntegerTypeComesBackAsAnInteger() async throws {
        let t = try await table("ints", "a SMALLINT, b INTEGER, c BIGINT, d BOOLEAN, e REAL")
        try await backend.write(SQLStatement("INSERT INTO \(t) VALUES (?, ?, ?, TRUE, ?)", [.integer(-7), .integer(70_000), .integer(1 << 40), .real(0.5)]))
        let row = try await backend.read(SQLStatement("SELECT a, b, c, d, e FROM \(t)")).first
        XCTAssertEqual(row?.values, [.integer(-7), .integer(70_000), .integer(1 << 40), .integer(1), .real(0.5)])
    }

    func testAggregatesGiveWhatSQLiteWouldGive() async throws {
        let t = try await table("agg", "n BIGINT")
        for n in [2, 3, 5] { try await backend.write(SQLStatement("INSERT INTO \(t) VALUES (?)", [.integer(Int64(n))])) }
        let row = try await backend.read(SQLStatement("SELECT COUNT(*) AS count, SUM(n) AS total, AVG(n) AS mean, MAX(n) AS top FROM \(t)")).first
        XCTAssertEqual(row?["count"], .integer(3))
        XCTAssertEqual(row?["total"], .integer(10), "SUM of a bigint column is numeric in PostgreSQL; whole, it is an integer")
        XCTAssertEqual(row?["mean"].double ?? 0, 10.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(row?["top"], .integer(5))
    }

    func testColumnNamesAreLowercaseAndAQuestionMarkInALiteralIsNotAParameter() async throws {
        let row = try await backend.read(SQLStatement(#"SELECT '?' AS "MixedCase", ? AS value, NOW() AS at"#, [.text("x")])).first
        XCTAssertEqual(row?.columns, ["mixedcase", "value", "at"])
        XCTAssertEqual(row?["mixedcase"], .text("?"))
        XCTAssertEqual(row?["value"], .text("x"))
        let at = try XCTUnwrap(row?["at"].string)
        XCTAssertNotNil(at.range(of: #"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"#, options: .regularExpression), at)
    }

    func testATextWithANulCharacterIsRefusedInWords() async throws {
        let t = try await table("nul", "s TEXT")
        do {
            try await backend.write(SQLStatement("INSERT INTO \(t) VALUES (?)", [.text("a\u{0}b")]))
            XCTFail("PostgreSQL cannot store U+0000")
        } catch let error as SQLBackendError {
            XCTAssertEqual(error, .failed("a text value contains the character U+0000, which PostgreSQL cannot store"))
        }
    }

    // MARK: transactions

    func testWriteReturnsTheRowsOfEachStatement() async throws {
        let t = try await table("ret", "id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL")
        let results = try await backend.write([
            SQLStatement("INSERT INTO \(t) (name) VALUES (?) RETURNING id", [.text("Amina")]),
            SQLStatement("INSERT INTO \(t) (name) VALUES (?)", [.text("Dawit")]),
            SQLStatement("INSERT INTO \(t) (name) VALUES (?), (?) RETURNING id, name", [.text("Lin"), .text("Oleksandr")]),
        ])
        XCTAssertEqual(results.count, 3)
        XCTAssertEqual(results[0].map { $0["id"] }, [.integer(1)])
        XCTAssertEqual(results[1], [])
        XCTAssertEqual(results[2].map { $0["name"] }, [.text("Lin"), .text("Oleksandr")])
    }

    func testAFailingStatementRollsBackTheWholeWrite() async throws {
        let t = try await table("tx", "id BIGINT PRIMARY KEY, note TEXT")
        try await backend.write(SQLStatement("INSERT INTO \(t) VALUES (1, 'kept')"))
        do {
            try await backend.write([
                SQLStatement("UPDATE \(t) SET note = 'changed' WHERE id = 1"),
                SQLStatement("INSERT INTO \(t) VALUES (2, 'new')"),
                SQLStatement("INSERT INTO \(t) VALUES (1, 'duplicate')"),
            ])
            XCTFail("the third statement violates the primary key")
        } catch SQLBackendError.uniqueViolation(let message) {
            XCTAssertTrue(message.contains("duplicate key"), message)
        }
        let rows = try await backend.read(SQLStatement("SELECT id, note FROM \(t) ORDER BY id"))
        XCTAssertEqual(rows.map(\.values), [[.integer(1), .text("kept")]])
    }

    func testAnSQLErrorRollsBackAndTheConnectionsStayUsable() async throws {
        let t = try await table("err", "id BIGINT PRIMARY KEY")
        // More failures than the pool has connections: a connection left inside a failed transaction would
        // make a later write fail with "current transaction is aborted".
        for n in 0..<(PostgresURL.defaultPoolSize + 5) {
            do {
                try await backend.write([SQLStatement("INSERT INTO \(t) VALUES (?)", [.integer(Int64(n))]),
                                         SQLStatement("INSERT INTO no_such_table_\(suffix) VALUES (1)")])
                XCTFail("the table does not exist")
            } catch SQLBackendError.failed(let message) {
                XCTAssertTrue(message.contains("does not exist") && message.contains("42P01"), message)
            }
        }
        let writes = (0..<40).map { n in SQLStatement("INSERT INTO \(t) VALUES (?)", [.integer(Int64(n))]) }
        let backend: PostgresBackend = self.backend
        try await withThrowingTaskGroup(of: Void.self) { group in
            for statement in writes { group.addTask { try await backend.write([statement, SQLStatement("SELECT 1")]) } }
            try await group.waitForAll()
        }
        let count = try await backend.read(SQLStatement("SELECT COUNT(*) AS n FROM \(t)")).first?["n"]
        XCTAssertEqual(count, .integer(40))
    }

    func testAUniqueViolationIsToldApart() async throws {
        let t = try await table("uniq", "attempt TEXT, seq BIGINT, PRIMARY KEY (attempt, seq)")
        try await backend.write(SQLStatement("INSERT INTO \(t) VALUES (?, ?)", [.text("a1"), .integer(13)]))
        do {
            try await backend.write(SQLStatement("INSERT INTO \(t) VALUES (?, ?)", [.text("a1"), .integer(13)]))
            XCTFail("a retried commit is a unique violation")
        } catch SQLBackendError.uniqueViolation(let message) {
            XCTAssertTrue(message.contains("(attempt, seq)=(a1, 13)"), message)
        }
    }

    func testConcurrentWritesAllLandAndCountersDoNotLoseUpdates() async throws {
        let t = try await table("conc", "learner BIGINT, seq BIGINT, PRIMARY KEY (learner, seq)")
        let counter = try await table("counter", "id INT PRIMARY KEY, n BIGINT NOT NULL")
        try await backend.write(SQLStatement("INSERT INTO \(counter) VALUES (1, 0)"))
        let backend: PostgresBackend = self.backend
        try await withThrowingTaskGroup(of: Void.self) { group in
            for learner in 0..<50 {
                group.addTask {
                    for seq in 1...8 {
                        try await backend.write([
                            SQLStatement("INSERT INTO \(t) VALUES (?, ?)", [.integer(Int64(learner)), .integer(Int64(seq))]),
                            SQLStatement("UPDATE \(counter) SET n = n + 1 WHERE id = 1"),
                        ])
                    }
                }
            }
            try await group.waitForAll()
        }
        let rows = try await backend.read(SQLStatement("SELECT COUNT(*) AS n FROM \(t)"))
        XCTAssertEqual(rows.first?["n"], .integer(400))
        let total = try await backend.read(SQLStatement("SELECT n FROM \(counter)"))
        XCTAssertEqual(total.first?["n"], .integer(400))
    }

    // MARK: migrations

    func testTwoInstancesMigratingAtOnceRunEachMigrationOnce() async throws {
        let log = try await table("miglog", "name TEXT NOT NULL")
        let created = "migrated_\(suffix)"
        tables.append(created)
        let migrations = [
            // CREATE TABLE without IF NOT EXISTS fails if it runs twice; the log counts the runs.
            SQLMigration(name: "test-\(suffix)-1", sqlite: [], postgres: [
                "CREATE TABLE \(created) (id BIGINT PRIMARY KEY)", "INSERT INTO \(log) VALUES ('1')"]),
            SQLMigration(name: "test-\(suffix)-2", sqlite: [], postgres: [
                "ALTER TABLE \(created) ADD COLUMN note TEXT", "INSERT INTO \(log) VALUES ('2')"]),
        ]
        let url = self.url
        let instances = try await withThrowingTaskGroup(of: PostgresBackend.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresBackend.connect(url: url, logger: Logger(label: "test")) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for instance in instances { group.addTask { try await instance.migrate(migrations) } }
            try await group.waitForAll()
        }
        let runs = try await backend.read(SQLStatement("SELECT name FROM \(log) ORDER BY name")).map { $0["name"] }
        XCTAssertEqual(runs, [.text("1"), .text("2")])

        // Started again with a third migration: only that one runs.
        let third = SQLMigration(name: "test-\(suffix)-3", sqlite: [], postgres: ["INSERT INTO \(log) VALUES ('3')"])
        try await instances[0].migrate(migrations + [third])
        let after = try await backend.read(SQLStatement("SELECT COUNT(*) AS n FROM \(log)"))
        XCTAssertEqual(after.first?["n"], .integer(3))
        for instance in instances { try await instance.close() }
        try await backend.write(SQLStatement("DELETE FROM schema_migration WHERE name LIKE ?", [.text("test-\(suffix)-%")]))
    }

    func testAFailingMigrationIsRolledBackAndNotRecorded() async throws {
        let made = "halfmade_\(suffix)"
        tables.append(made)
        // A good migration first: it stays recorded when the one after it fails (and, on a fresh database,
        // it is what creates the table of recorded migrations).
        let good = SQLMigration(name: "test-\(suffix)-good", sqlite: [], postgres: ["SELECT 1"])
        let broken = SQLMigration(name: "test-\(suffix)-broken", sqlite: [], postgres: [
            "CREATE TABLE \(made) (id BIGINT)", "ALTER TABLE \(made) ADD COLUMN id TEXT"])
        do {
            try await backend.migrate([good, broken])
            XCTFail("the column exists already")
        } catch SQLBackendError.failed(let message) {
            XCTAssertTrue(message.hasPrefix("migration 'test-\(suffix)-broken' failed and was rolled back:"), message)
        }
        let table = try await backend.read(SQLStatement("SELECT to_regclass(?)::text AS t", [.text(made)]))
        XCTAssertEqual(table.first?["t"], .null, "the first statement of the failed migration was rolled back")
        let recorded = try await backend.read(SQLStatement("SELECT name FROM schema_migration WHERE name LIKE ?", [.text("test-\(suffix)-%")]))
        XCTAssertEqual(recorded.map { $0["name"] }, [.text(good.name)])
        try await backend.write(SQLStatement("DELETE FROM schema_migration WHERE name LIKE ?", [.text("test-\(suffix)-%")]))
    }

    // MARK: connecting

    func testAWrongPasswordIsToldInWords() async throws {
        let parsed = try PostgresURL(url)
        let wrong = "postgres://\(parsed.user):not-the-password@\(parsed.host):\(parsed.port)/\(parsed.database)"
        do {
            _ = try await PostgresBackend.connect(url: wrong, logger: Logger(label: "test"))
            XCTFail("the password is wrong")
        } catch let error as SQLBackendError {
            XCTAssertEqual(error, .unavailable("PostgreSQL at \(parsed.host):\(parsed.port) refused the password of user '\(parsed.user)'; check the user and password in the database URL"))
            XCTAssertFalse("\(error)".contains("not-the-password"))
        }
    }

    func testAMissingDatabaseIsToldInWords() async throws {
        let parsed = try PostgresURL(url)
        let password = parsed.password.map { ":\($0)" } ?? ""
        let missing = "postgres://\(parsed.user)\(password)@\(parsed.host):\(parsed.port)/nowhere_\(suffix)"
        do {
            _ = try await PostgresBackend.connect(url: missing, logger: Logger(label: "test"))
            XCTFail("the database does not exist")
        } catch SQLBackendError.unavailable(let message) {
            XCTAssertTrue(message.contains("has no database 'nowhere_\(suffix)'"), message)
        }
    }

    func testAnUnreachableServerIsToldInWords() async throws {
        // A port nothing listens on: bound and closed again by the test, so it is free.
        let port = try freePort()
        do {
            _ = try await PostgresBackend.connect(url: "postgres://u:p@127.0.0.1:\(port)/db", logger: Logger(label: "test"))
            XCTFail("nothing listens there")
        } catch SQLBackendError.unavailable(let message) {
            XCTAssertTrue(message.contains("nothing answers at 127.0.0.1:\(port)"), message)
        }
    }

    func testCallsAfterCloseAreRefused() async throws {
        let other = try await PostgresBackend.connect(url: url, logger: Logger(label: "test"))
        try await other.close()
        do {
            _ = try await other.read(SQLStatement("SELECT 1"))
            XCTFail("the backend is closed")
        } catch let error as SQLBackendError {
            XCTAssertEqual(error, .unavailable("the connection to PostgreSQL was closed"))
        }
    }

    private func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw XCTSkip("no free port to test an unreachable server with") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
