import XCTest
@testable import CoursepackServe

final class SQLValueTests: XCTestCase {
    func testARowAnswersByColumnNameAndNullForAMissingOne() {
        let row = SQLRow(columns: ["id", "name"], values: [.integer(7), .text("Amina")])
        XCTAssertEqual(row["id"].int, 7)
        XCTAssertEqual(row["name"].string, "Amina")
        XCTAssertTrue(row["missing"].isNull)
    }

    func testAMigrationGivesEachDialectItsOwnStatements() {
        let migration = SQLMigration(name: "1", sqlite: ["CREATE TABLE a (id INTEGER)"], postgres: ["CREATE TABLE a (id BIGINT)"])
        XCTAssertEqual(migration.statements(for: .postgres), ["CREATE TABLE a (id BIGINT)"])
        XCTAssertEqual(migration.statements(for: .sqlite), ["CREATE TABLE a (id INTEGER)"])
    }
}
