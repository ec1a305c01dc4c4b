import XCTest
@testable import CoursepackServe

/// The `--database` URL and the placeholder numbering need no server: these always run.
final class PostgresURLTests: XCTestCase {
    func testAFullURLGivesEveryPart() throws {
        let url = try PostgresURL("postgres://coursepack:s3cret@db.centre.example:6543/learners?sslmode=require&pool=8")
        XCTAssertEqual(url.user, "coursepack")
        XCTAssertEqual(url.password, "s3cret")
        XCTAssertEqual(url.host, "db.centre.example")
        XCTAssertEqual(url.port, 6543)
        XCTAssertEqual(url.database, "learners")
        XCTAssertEqual(url.tls, .require)
        XCTAssertEqual(url.poolSize, 8)
    }

    func testDefaultsAreLibpqs() throws {
        let url = try PostgresURL("postgresql://amina@127.0.0.1")
        XCTAssertEqual(url.port, 5432)
        XCTAssertEqual(url.database, "amina", "no database: the user's name, as psql does")
        XCTAssertNil(url.password)
        XCTAssertEqual(url.tls, .disable)
        XCTAssertEqual(url.poolSize, PostgresURL.defaultPoolSize)
    }

    func testAPercentEncodedPasswordIsDecodedAndNeverPrinted() throws {
        let url = try PostgresURL("postgres://admin:p%40ss%3Aword@[::1]:5433/db")
        XCTAssertEqual(url.password, "p@ss:word")
        XCTAssertEqual(url.host, "::1")
        XCTAssertEqual(url.description, "postgres://admin@[::1]:5433/db")
    }

    func testBadURLsAreRefusedWithWhatToWrite() {
        let cases: [(String, String)] = [
            ("localhost:5432/db", "postgres://USER:PASSWORD@HOST:PORT/DATABASE"),
            ("mysql://u:p@h/db", "only postgres://"),
            ("postgres://127.0.0.1/db", "names no user"),
            ("postgres://u:p@:5432/db", "names no host"),
            ("postgres://u:p@h:0/db", "not a TCP port"),
            ("postgres://u:p@h/a/b", "one database name"),
            ("postgres://u:p@h/db?sslmode=allow", "sslmode=allow is not supported"),
            ("postgres://u:p@h/db?pool=0", "pool=0"),
            ("postgres://u:p@h/db?timeout=3", "'timeout' is not understood"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try PostgresURL(text), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(text): \(error)")
            }
        }
    }

    func testAPasswordInARefusedURLIsNotRepeated() {
        XCTAssertThrowsError(try PostgresURL("postgres://u:hunter2@h:99999/db")) { error in
            XCTAssertFalse("\(error)".contains("hunter2"), "\(error)")
        }
    }

    func testPlaceholdersAreNumberedOutsideLiteralsIdentifiersAndComments() {
        let sql = """
            SELECT '?', "a?b", E'it\\'s ?', $tag$ ? $tag$, ? -- a comment?
            /* outer /* nested ? */ still ? */ FROM t WHERE x = ? AND y IN (?, ?) AND z = $1
            """
        let (numbered, count) = PostgresPlaceholders.number(sql)
        XCTAssertEqual(count, 4)
        XCTAssertEqual(numbered, """
            SELECT '?', "a?b", E'it\\'s ?', $tag$ ? $tag$, $1 -- a comment?
            /* outer /* nested ? */ still ? */ FROM t WHERE x = $2 AND y IN ($3, $4) AND z = $1
            """)
    }

    func testAQuoteDoubledInsideALiteralDoesNotEndIt() {
        let (numbered, count) = PostgresPlaceholders.number("INSERT INTO t VALUES ('it''s ?', ?)")
        XCTAssertEqual(numbered, "INSERT INTO t VALUES ('it''s ?', $1)")
        XCTAssertEqual(count, 1)
    }

    func testAStatementWithTheWrongNumberOfArgumentsIsRefusedBeforeItIsSent() {
        XCTAssertThrowsError(try SQLStatement("SELECT ?, ?", [.integer(1)]).postgresQuery()) { error in
            XCTAssertEqual(error as? SQLBackendError,
                           .failed("the statement has 2 placeholder(s) but 1 argument(s): SELECT ?, ?"))
        }
    }
}
