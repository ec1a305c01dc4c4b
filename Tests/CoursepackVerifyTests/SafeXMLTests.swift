@testable import CoursepackVerify
import Foundation
import XCTest

/// Manifests are parsed with the network off, no DTD loaded and no entity expanded: a document that
/// declares an entity is refused at the declaration; a harmless DOCTYPE is accepted.
final class SafeXMLTests: XCTestCase {
    func testBillionLaughsIsRefusedQuickly() throws {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 { entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">" }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE manifest [\n\(entities)\n]>\n<manifest identifier=\"&lol9;\"/>"
        let started = Date()
        XCTAssertThrowsError(try XMLTree.parse(Data(xml.utf8), file: "imsmanifest.xml")) { error in
            let failure = error as! XMLTree.Failure
            XCTAssertEqual(failure.rule, "xml-entity")
            XCTAssertEqual(failure.line, 3)
            XCTAssertTrue(failure.description.contains("declares the entity 'lol0'"), failure.description)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
    }

    func testExternalEntityToALocalFileIsRefusedAndNothingIsRead() throws {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE manifest [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n<manifest identifier=\"m\">&secret;</manifest>"
        XCTAssertThrowsError(try XMLTree.parse(Data(xml.utf8), file: "imsmanifest.xml")) { error in
            let failure = error as! XMLTree.Failure
            XCTAssertEqual(failure.rule, "xml-entity")
            XCTAssertTrue(failure.description.contains("an external entity 'secret'"), failure.description)
            XCTAssertFalse(failure.description.contains("root:"), failure.description)
        }
        let parameter = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><m/>"
        XCTAssertThrowsError(try XMLTree.parse(Data(parameter.utf8), file: "cmi5.xml"))
    }

    func testHarmlessDoctypeIsAccepted() throws {
        for doctype in ["<!DOCTYPE manifest>", "<!DOCTYPE manifest SYSTEM \"ims_cp.dtd\">",
                        "<!DOCTYPE manifest PUBLIC \"-//x//y\" \"http://example.org/never-fetched.dtd\">"] {
            let xml = "<?xml version=\"1.0\"?>\n\(doctype)\n<manifest identifier=\"m\"><x/></manifest>"
            let tree = try XMLTree.parse(Data(xml.utf8), file: "imsmanifest.xml")
            XCTAssertEqual(tree.name, "manifest", doctype)
            XCTAssertEqual(tree.line, 3, doctype)
        }
    }

    func testBOMAndUTF16AreRead() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<manifest identifier=\"caf\u{E9}\"/>"
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(xml.data(using: .utf16LittleEndian)!)
        XCTAssertEqual(try XMLTree.parse(utf16, file: "imsmanifest.xml").attribute("identifier"), "caf\u{E9}")
        var bom = Data([0xEF, 0xBB, 0xBF])
        bom.append(Data("<manifest identifier=\"m\"/>".utf8))
        XCTAssertEqual(try XMLTree.parse(bom, file: "imsmanifest.xml").attribute("identifier"), "m")
    }

    func testNotWellFormedSaysWhere() {
        XCTAssertThrowsError(try XMLTree.parse(Data("<manifest>\n<a>\n</manifest>".utf8), file: "imsmanifest.xml")) { error in
            let failure = error as! XMLTree.Failure
            XCTAssertEqual(failure.rule, "xml-not-well-formed")
            XCTAssertEqual(failure.line, 3)
        }
    }

    func testDeepNestingIsRefusedNotRecursedInto() {
        let xml = String(repeating: "<a>", count: 5_000) + String(repeating: "</a>", count: 5_000)
        XCTAssertThrowsError(try XMLTree.parse(Data(xml.utf8), file: "imsmanifest.xml")) { error in
            XCTAssertTrue(["xml-too-deep", "xml-not-well-formed"].contains((error as! XMLTree.Failure).rule))
        }
    }
}
