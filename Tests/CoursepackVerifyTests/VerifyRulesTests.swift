@testable import CoursepackVerify
import Foundation
import XCTest

/// The checks on in-memory packages: one rule at a time, with its severity, location and effects.
final class VerifyRulesTests: XCTestCase {
    private func verify(_ files: [String: String], source: PackageSourceKind = .folder) -> PackageVerification {
        let entries = files.keys.sorted().map {
            ArchiveEntry(path: $0, size: Int64(files[$0]!.utf8.count), sha256: "", modificationTime: 0, permissions: 0o644,
                         storedSize: Int64(files[$0]!.utf8.count))
        }
        let archive = PackageArchive(url: URL(fileURLWithPath: "/p"), source: source, fileSize: 1, entries: entries,
                                     contents: files.mapValues { Data($0.utf8) })
        return PackageVerification.check(archive, displayPath: "p")
    }

    private func scorm2004(_ body: String, version: String? = "2004 4th Edition") -> String {
        """
        <?xml version="1.0"?>
        <manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
        \(version.map { "<metadata><schema>ADL SCORM</schema><schemaversion>\($0)</schemaversion></metadata>" } ?? "")
        \(body)
        </manifest>
        """
    }

    func testARepeatedDefectIsOneFindingWithACount() {
        let items = (1...1_001).map { "<item identifier=\"i\($0)\" identifierref=\"gone\"><title>t</title></item>" }.joined(separator: "\n")
        let result = verify(["imsmanifest.xml": scorm2004("""
            <organizations default="o"><organization identifier="o"><title>t</title>
            \(items)
            </organization></organizations>
            <resources/>
            """)])
        let dangling = result.findings.filter { $0.rule == "scorm-identifierref-dangling" }
        XCTAssertEqual(dangling.count, 1)
        XCTAssertEqual(dangling.first?.count, 1_001)
        XCTAssertEqual(dangling.first?.line, 5)
        XCTAssertEqual(dangling.first?.severity, .runtime)
        XCTAssertTrue(dangling.first!.text.hasSuffix("(1001 times)"), dangling.first!.text)
    }

    func testMissingFilesAreNamedByThePathLookedFor() {
        let result = verify(["imsmanifest.xml": scorm2004("""
            <organizations default="o"><organization identifier="o"><title>t</title>
            <item identifier="i" identifierref="r"><title>t</title></item></organization></organizations>
            <resources xml:base="content/"><resource identifier="r" type="webcontent" adlcp:scormType="sco" xml:base="unit/" href="./a/../start.html?x=1#top">
            <file href="../shared/caf%C3%A9.css"/></resource></resources>
            """, version: "2004 3rd Edition")])
        XCTAssertEqual(result.shape.edition, "SCORM 2004 3rd Edition")
        let messages = result.findings.map(\.message)
        XCTAssertTrue(messages.contains("the launch file 'content/unit/start.html' (href './a/../start.html?x=1#top') is not in the package"), "\(messages)")
        XCTAssertTrue(messages.contains("'content/shared/caf\u{E9}.css' (href '../shared/caf%C3%A9.css') is listed but not in the package"), "\(messages)")
        let climbing = verify(["imsmanifest.xml": scorm2004("""
            <organizations/><resources><resource identifier="r" type="webcontent" adlcp:scormType="asset" href="../../etc/passwd"/></resources>
            """), "index.html": ""])
        XCTAssertTrue(climbing.findings.contains { $0.rule == "scorm-href-outside" }, "\(climbing.findings)")
    }

    func testEditionFromNamespacesWhenSchemaversionIsMissingAndMoodlesVerdict() {
        let result = verify(["imsmanifest.xml": scorm2004("""
            <organizations default="o"><organization identifier="o"><title>t</title>
            <item identifier="i" identifierref="r"><title>t</title></item></organization></organizations>
            <resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="a.html"><file href="a.html"/></resource></resources>
            """, version: nil), "a.html": ""])
        XCTAssertEqual(result.shape.type, .scorm2004)
        XCTAssertEqual(result.shape.edition, "SCORM 2004 (edition not stated)")
        XCTAssertEqual(result.findings.map(\.rule), ["scorm-schemaversion-missing"])
        XCTAssertEqual(result.verdicts.first { $0.family == .moodle }?.effect, .broken)
        XCTAssertEqual(result.verdicts.first { $0.family == .strict }?.effect, .refused)
    }

    func testMoodleAcceptsWhatStrictLMSsRefuse() {
        // A default organization that names nothing, and a missing <file>: Moodle imports both.
        let result = verify(["imsmanifest.xml": scorm2004("""
            <organizations default="nowhere"><organization identifier="o"><title>t</title>
            <item identifier="i" identifierref="r"><title>t</title></item></organization></organizations>
            <resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="a.html"><file href="a.html"/><file href="b.css"/></resource></resources>
            """), "a.html": ""])
        XCTAssertEqual(Set(result.findings.map(\.rule)), ["scorm-default-organization", "scorm-file-missing"])
        XCTAssertEqual(result.verdicts.first { $0.family == .moodle }?.effect, .broken)
        XCTAssertEqual(result.verdicts.first { $0.family == .moodle }?.rules, ["scorm-file-missing"])
        XCTAssertEqual(result.verdicts.first { $0.family == .strict }?.effect, .refused)
    }

    func testCMI5Checks() {
        let ns = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
        func au(_ id: String, _ url: String) -> String {
            "<au id=\"\(id)\"><title><langstring lang=\"en\">t</langstring></title><description><langstring lang=\"en\">d</langstring></description><url>\(url)</url></au>"
        }
        let xml = """
            <courseStructure xmlns="\(ns)">
            <course id="https://example.org/c"><title><langstring lang="en">c</langstring></title><description><langstring lang="en">d</langstring></description></course>
            \(au("https://example.org/au", "a.html"))
            \(au("https://example.org/au", "b c.html"))
            \(au("au3", "a.html?endpoint=x&amp;fetch=y"))
            <au id="https://example.org/au4"><url>a.html</url><title><langstring lang="en">t</langstring></title><description><langstring lang="en">d</langstring></description></au>
            </courseStructure>
            """
        let rules = Set(verify(["cmi5.xml": xml, "a.html": ""]).findings.map(\.rule))
        XCTAssertEqual(rules, ["cmi5-id-duplicate", "cmi5-url-invalid", "cmi5-iri", "cmi5-url-reserved-parameter", "cmi5-order"])
        // A bare cmi5.xml needs absolute AU urls; no cmi5.xml and no index.html is not a package.
        let bare = verify(["cmi5.xml": xml.replacingOccurrences(of: "b c.html", with: "https://example.org/b")], source: .courseStructure)
        XCTAssertTrue(bare.findings.contains { $0.rule == "cmi5-au-missing" && $0.message.contains("absolute AU urls") })
        XCTAssertEqual(verify(["readme.txt": "x"]).findings.map(\.rule), ["package-no-manifest"])
    }

    func testRemoteScriptsFramesAndStylesAreFound() {
        let html = """
            <!DOCTYPE html><html><head>
            <script src="https://cdn.example.org/lib.js"></script>
            <style>@import "//fonts.example.org/f.css"; body { background: url(https://example.org/b.png) }</style>
            </head><body><iframe src="https://video.example.org/embed/1"></iframe></body></html>
            """
        let result = verify(["index.html": html, "style.css": "@import url(\"https://example.org/x.css\");"])
        XCTAssertEqual(result.shape.type, .web)
        let lines = result.findings.filter { $0.rule == "network-load" }.map { "\($0.file ?? ""):\($0.line ?? 0)" }
        XCTAssertEqual(Set(lines), ["index.html:2", "index.html:3", "index.html:4", "style.css:1"], "\(result.findings)")
    }

    func testTinCanAndAICC() {
        let tincan = verify(["tincan.xml": "<tincan xmlns=\"http://projecttincan.com/tincan.xsd\"><activities><activity id=\"http://x/a\" type=\"http://adlnet.gov/expapi/activities/course\"><name>Course</name><launch lang=\"en\">story.html</launch></activity></activities></tincan>",
                                 "story.html": ""])
        XCTAssertEqual(tincan.shape.type, .tincan)
        XCTAssertEqual(tincan.findings, [])
        XCTAssertEqual(tincan.verdicts.first { $0.family == .moodle }?.effect, .refused)
        let aicc = verify(["course.crs": "[Course]\nCourse_ID=C1\nCourse_Title=T\n", "course.au": "\"System_ID\",\"File_Name\"\n\"A1\",\"a.html\"\n"])
        XCTAssertEqual(aicc.shape.type, .aicc)
        XCTAssertEqual(Set(aicc.findings.map(\.rule)), ["aicc-file-missing", "scorm-launch-missing"])
        XCTAssertEqual(aicc.findings.filter { $0.rule == "aicc-file-missing" }.count, 2)
    }
}
