@testable import CoursepackVerify
import Foundation
import XCTest

/// docs/verify.md lists every rule with its severity and its effect on each LMS family.
final class DocsTests: XCTestCase {
    func testEveryRuleIsDocumentedWithItsSeverityAndFamilies() throws {
        let docs = try String(contentsOf: VerifyPaths.repository.appendingPathComponent("docs/verify.md"), encoding: .utf8)
        for rule in VerifyRule.all {
            let row = "| <a id=\"\(rule.id)\"></a>`\(rule.id)` | \(rule.severity.rawValue) | \(rule.moodle.rawValue.prefix(1)) | "
                + "\(rule.strict.rawValue.prefix(1)) | \(rule.coursepack.rawValue.prefix(1)) |"
            XCTAssertTrue(docs.contains(row), "docs/verify.md lacks or misstates: \(row)")
        }
        for rule in ReadRule.allCases {
            XCTAssertTrue(docs.contains("| `\(rule.rawValue)` |"), "docs/verify.md lacks \(rule.rawValue)")
        }
        XCTAssertEqual(Set(VerifyRule.all.map(\.id)).count, VerifyRule.all.count)
    }
}
