@testable import CoursepackVerify
import Foundation
import XCTest

/// Zips are never trusted: names that escape, repeat or collide, links, encrypted entries and bombs are
/// refused with a message; a nested manifest is reported as LMSs would reject it. The hostile zips are
/// made with Python's zipfile, which writes whatever it is told to.
final class ZipReaderTests: XCTestCase {
    /// Writes a zip with the given (name, text) entries; `symlink` marks the last entry as a link.
    private func makeZip(_ entries: [(String, String)], symlink: Bool = false, deflate: Bool = false) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).zip")
        let script = """
            import sys, zipfile, json, warnings
            warnings.simplefilter("ignore")
            entries = json.loads(sys.argv[2])
            # "@zeros:N" stands for N zero bytes, too many to pass as an argument.
            entries = [(name, "0" * int(text[7:]) if text.startswith("@zeros:") else text) for name, text in entries]
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED if sys.argv[4] == "1" else zipfile.ZIP_STORED) as z:
                for index, (name, text) in enumerate(entries):
                    info = zipfile.ZipInfo(name)
                    if sys.argv[3] == "1" and index == len(entries) - 1:
                        info.external_attr = 0o120777 << 16
                    info.compress_type = zipfile.ZIP_DEFLATED if sys.argv[4] == "1" else zipfile.ZIP_STORED
                    z.writestr(info, text)
            """
        let json = String(decoding: try JSONSerialization.data(withJSONObject: entries.map { [$0.0, $0.1] }), as: UTF8.self)
        let outcome = try Run.python(script, [url.path, json, symlink ? "1" : "0", deflate ? "1" : "0"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func assertRefused(_ url: URL, limits: ReadLimits = ReadLimits(), mentioning text: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ZipReader.read(url, limits: limits), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(text), "\(error)", file: file, line: line)
        }
    }

    func testPathsThatEscapeAreRefused() throws {
        assertRefused(try makeZip([("index.html", "x"), ("../../etc/evil", "x")]), mentioning: "climbs out of the package")
        assertRefused(try makeZip([("/etc/evil", "x")]), mentioning: "absolute path")
        // libarchive reads Windows separators as '/': the climb is still seen.
        assertRefused(try makeZip([("..\\..\\evil.txt", "x")]), mentioning: "climbs out of the package")
    }

    func testDuplicateAndCaseCollidingNamesAreRefused() throws {
        assertRefused(try makeZip([("index.html", "a"), ("index.html", "b")]), mentioning: "appears twice")
        assertRefused(try makeZip([("Index.html", "a"), ("index.html", "b")]), mentioning: "differ only in case")
    }

    func testLinksAreRefused() throws {
        assertRefused(try makeZip([("index.html", "x"), ("media/link", "/etc/passwd")], symlink: true), mentioning: "is a symbolic link")
    }

    func testZipBombIsRefused() throws {
        var limits = ReadLimits()
        limits.maxUnpackedSize = 1 << 20
        assertRefused(try makeZip([("zeros.txt", "@zeros:\(3 << 20)")], deflate: true), limits: limits,
                      mentioning: "more than the limit of 1048576 bytes (--max-size)")
    }

    func testNotAZipIsRefused() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("not-\(UUID().uuidString).zip")
        try Data("just text".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        assertRefused(url, mentioning: "is not a zip file")
    }

    func testNestedManifestIsReported() throws {
        let url = try makeZip([("course/imsmanifest.xml", "<manifest/>"), ("course/index.html", "x")])
        let result = UploadCheck.check(try ZipReader.read(url, keep: UploadCheck.needsContents))
        XCTAssertEqual(result.findings.count, 1)
        XCTAssertTrue(result.findings[0].message.contains("in a folder"), result.findings[0].message)
    }

    func testUnresolvedReferencesAreReported() throws {
        let manifest = """
            <?xml version="1.0"?>
            <manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">
              <metadata><schema>ADL SCORM</schema><schemaversion>1.3</schemaversion></metadata>
              <organizations default="nowhere"><organization identifier="o"><title>t</title>
                <item identifier="i" identifierref="missing"><title>t</title></item></organization></organizations>
              <resources><resource identifier="r" type="webcontent" href="index.html"><file href="gone.html"/></resource></resources>
            </manifest>
            """
        let url = try makeZip([("imsmanifest.xml", manifest), ("index.html", "x")])
        let messages = UploadCheck.check(try ZipReader.read(url, keep: UploadCheck.needsContents)).findings.map(\.message)
        XCTAssertTrue(messages.contains { $0.contains("schemaversion '1.3'") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("default='nowhere'") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("'missing', which does not exist") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("'gone.html' is named in the manifest but is not in the zip") }, "\(messages)")
    }

    func testManifestWithEntitiesIsRefused() throws {
        let manifest = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaa\">]><manifest identifier=\"&a;\"/>"
        let url = try makeZip([("imsmanifest.xml", manifest)])
        let findings = UploadCheck.check(try ZipReader.read(url, keep: UploadCheck.needsContents)).findings
        XCTAssertTrue(findings.contains { $0.message.contains("declares the entity 'a'") }, "\(findings)")
    }

    func testNetworkReferencesAreFound() {
        let html = """
            <!DOCTYPE html><html><head>
            <link rel="stylesheet" href="https://cdn.example.org/x.css">
            <script src="//cdn.example.org/x.js"></script>
            <style>body { background: url("http://example.org/b.png") }</style>
            </head><body>
            <a href="https://example.org/more">a link the learner may follow</a>
            <img src="media/local.png" alt="">
            <img src="/media/from-the-root.png" alt="">
            <!-- <img src="https://example.org/in-a-comment.png"> -->
            <script type="application/json" id="coursepack-data">{"link": "https://example.org"}</script>
            </body></html>
            """
        let findings = NetworkReferences.scan("index.html", Data(html.utf8))
        XCTAssertEqual(findings.count, 4, "\(findings)")
        XCTAssertEqual(findings.map(\.line), [2, 3, 4, 8])
        let script = "const verb = 'http://adlnet.gov/expapi/verbs/completed';\nimport('https://cdn.example.org/m.js');\n"
        XCTAssertEqual(NetworkReferences.scan("player/player.js", Data(script.utf8)).count, 1)
    }
}
