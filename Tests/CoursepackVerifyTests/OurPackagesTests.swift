import Foundation
import XCTest

/// Our own packages, for every target, verify clean (with the official schemas); the same packages
/// with one defect each fail with the right rule, severity and location.
final class OurPackagesTests: XCTestCase {
    struct Found {
        let rule: String
        let severity: String
        let file: String?
        let line: Int?
        let count: Int
    }

    static func verify(_ paths: [String], extra: [String] = []) throws -> (Outcome, [[String: Any]]) {
        let outcome = try coursepack(["verify", "--format", "json", "--schemas", VerifyPaths.schemas.path] + extra + paths)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]] ?? []
        return (outcome, json)
    }

    static func findings(_ result: [String: Any]) -> [Found] {
        (result["findings"] as? [[String: Any]] ?? []).map {
            Found(rule: $0["rule"] as! String, severity: $0["severity"] as! String, file: $0["file"] as? String,
                  line: $0["line"] as? Int, count: $0["count"] as? Int ?? 1)
        }
    }

    private func pack(_ folder: TestFolder, sign key: URL? = nil) throws -> [URL] {
        let out = folder.url("dist")
        var arguments = ["pack", VerifyPaths.samples.appendingPathComponent("first-weeks").path, "--target", "scorm12",
                         "--target", "scorm2004", "--target", "cmi5", "--target", "web", "--out", out.path]
        if let key { arguments += ["--sign", key.path + ".key"] }
        let outcome = try coursepack(arguments)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        return try FileManager.default.contentsOfDirectory(at: out, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "zip" }.sorted { $0.path < $1.path }
    }

    func testEveryTargetVerifiesCleanWithTheOfficialSchemas() throws {
        let folder = try TestFolder()
        let zips = try pack(folder)
        XCTAssertEqual(zips.count, 4)
        let (outcome, results) = try Self.verify(zips.map(\.path))
        XCTAssertEqual(outcome.status, 0, outcome.stdout + outcome.stderr)
        XCTAssertEqual(results.count, 4)
        let editions = results.map { ($0["shape"] as! [String: Any])["edition"] as! String }
        XCTAssertEqual(Set(editions), ["cmi5", "SCORM 1.2", "SCORM 2004 4th Edition", "Coursepack web package"])
        for result in results {
            XCTAssertTrue(Self.findings(result).isEmpty, "\(result["file"]!): \(Self.findings(result))")
            let verdicts = result["verdicts"] as! [[String: Any]]
            let coursepack = verdicts.first { $0["family"] as? String == "coursepack" }
            XCTAssertEqual(coursepack?["effect"] as? String, "accepted")
        }
        // The text report names the kind, the title and the SCOs.
        let text = try coursepack(["verify", zips.first { $0.path.hasSuffix("scorm2004.zip") }!.path])
        XCTAssertEqual(text.status, 0, text.stdout)
        XCTAssertTrue(text.stdout.contains("kind       SCORM 2004 4th Edition (schemaversion '2004 4th Edition')"), text.stdout)
        XCTAssertTrue(text.stdout.contains("no problems found"), text.stdout)
    }

    /// Unpacks `zip`, lets `change` alter the folder, and zips it again.
    private func altered(_ folder: TestFolder, _ zip: URL, _ name: String, _ change: (URL) throws -> Void) throws -> URL {
        let unpacked = try folder.unzip(zip, to: name)
        try change(unpacked)
        return try folder.zip(unpacked, to: name + ".zip")
    }

    private func replace(_ file: URL, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(file.lastPathComponent) has no '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    private func lineOf(_ needle: String, in file: URL) throws -> Int {
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    private func assertFinding(_ zip: URL, rule: String, severity: String, file: String?, line: Int?,
                               source: StaticString = #filePath, at sourceLine: UInt = #line) throws {
        let (outcome, results) = try Self.verify([zip.path])
        XCTAssertEqual(outcome.status, 1, outcome.stdout, file: source, line: sourceLine)
        let found = Self.findings(results.first ?? [:])
        XCTAssertTrue(found.contains { $0.rule == rule && $0.severity == severity && $0.file == file && (line == nil || $0.line == line) },
                      "wanted \(rule) \(severity) \(file ?? "-"):\(line ?? 0), got \(found)", file: source, line: sourceLine)
    }

    func testOneDefectEachFailsWithTheRightRuleSeverityAndLocation() throws {
        let folder = try TestFolder()
        let zips = try pack(folder)
        let scorm12 = zips.first { $0.path.hasSuffix("scorm12.zip") }!
        let scorm2004 = zips.first { $0.path.hasSuffix("scorm2004.zip") }!

        // A nested manifest: the folder zipped instead of its contents.
        let unpacked = try folder.unzip(scorm12, to: "nested-src")
        let wrapper = folder.url("nested-wrapper")
        try FileManager.default.createDirectory(at: wrapper, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: unpacked, to: wrapper.appendingPathComponent("course"))
        try assertFinding(try folder.zip(wrapper, to: "nested.zip"), rule: "manifest-nested", severity: "upload",
                          file: "course/imsmanifest.xml", line: nil)

        var line = 0
        let dangling = try altered(folder, scorm2004, "dangling") { root in
            let manifest = root.appendingPathComponent("imsmanifest.xml")
            line = try lineOf("identifierref=", in: manifest)
            let text = try String(contentsOf: manifest, encoding: .utf8)
            let reference = text.range(of: #"identifierref="[^"]*""#, options: .regularExpression).map { String(text[$0]) }!
            try replace(manifest, reference, #"identifierref="nowhere""#)
        }
        try assertFinding(dangling, rule: "scorm-identifierref-dangling", severity: "runtime", file: "imsmanifest.xml", line: line)

        let missingLaunch = try altered(folder, scorm12, "missing-launch") { root in
            try FileManager.default.removeItem(at: root.appendingPathComponent("index.html"))
            line = try lineOf("href=\"index.html\"", in: root.appendingPathComponent("imsmanifest.xml"))
        }
        try assertFinding(missingLaunch, rule: "scorm-launch-missing", severity: "runtime", file: "imsmanifest.xml", line: line)

        let duplicate = try altered(folder, scorm12, "duplicate") { root in
            let manifest = root.appendingPathComponent("imsmanifest.xml")
            let text = try String(contentsOf: manifest, encoding: .utf8)
            let organization = text.range(of: #"<organization identifier="[^"]*""#, options: .regularExpression).map { String(text[$0]) }!
            let manifestID = text.range(of: #"<manifest identifier="[^"]*""#, options: .regularExpression).map { String(text[$0]) }!
            let id = manifestID.components(separatedBy: "\"")[1]
            try replace(manifest, organization, "<organization identifier=\"  \(id) \"")
            line = try lineOf("<organization identifier=", in: manifest)
        }
        try assertFinding(duplicate, rule: "scorm-identifier-duplicate", severity: "standard", file: "imsmanifest.xml", line: line)

        let badVersion = try altered(folder, scorm2004, "bad-version") { root in
            let manifest = root.appendingPathComponent("imsmanifest.xml")
            try replace(manifest, "2004 4th Edition", "2004 5th Edition")
            line = try lineOf("<schemaversion>", in: manifest)
        }
        try assertFinding(badVersion, rule: "scorm-schemaversion-unknown", severity: "standard", file: "imsmanifest.xml", line: line)

        let tampered = try altered(folder, scorm12, "tampered") { root in
            try replace(root.appendingPathComponent("index.html"), "</html>", "<!-- changed --></html>")
        }
        try assertFinding(tampered, rule: "coursepack-file-changed", severity: "standard", file: "coursepack.json", line: nil)
    }

    func testBrokenSignatureAndTrust() throws {
        let folder = try TestFolder()
        let key = folder.url("keys/partner")
        try FileManager.default.createDirectory(at: folder.url("keys"), withIntermediateDirectories: true)
        let made = try coursepack(["keygen", key.path])
        XCTAssertEqual(made.status, 0, made.stderr)
        let zips = try pack(folder, sign: key)
        let scorm12 = zips.first { $0.path.hasSuffix("scorm12.zip") }!
        let trusted = try coursepack(["verify", "--trust", key.path + ".pub", scorm12.path])
        XCTAssertEqual(trusted.status, 0, trusted.stdout)
        XCTAssertTrue(trusted.stdout.contains("signature  valid, signed by the trusted key"), trusted.stdout)

        let other = folder.url("keys/other")
        XCTAssertEqual(try coursepack(["keygen", other.path]).status, 0)
        let untrusted = try coursepack(["verify", "--trust", other.path + ".pub", scorm12.path])
        XCTAssertEqual(untrusted.status, 1)
        XCTAssertTrue(untrusted.stdout.contains("upload [signature-untrusted]"), untrusted.stdout)

        // Issue 13: index.html renamed in the central directory only, so that unzip and an LMS see
        // another file than the signed one; the reader refuses it before any signature is believed.
        let renamed = folder.url("central-rename.zip")
        let patch = """
            import struct, sys
            data = bytearray(open(sys.argv[1], "rb").read())
            end = data.rfind(b"PK\\x05\\x06")
            start = struct.unpack_from("<I", data, end + 16)[0]
            at = data.index(b"index.html", start)
            data[at:at + 10] = b"evil1.html"
            open(sys.argv[2], "wb").write(data)
            """
        XCTAssertEqual(try runProgram("/usr/bin/env", ["python3", "-c", patch, scorm12.path, renamed.path]).status, 0)
        let refused = try coursepack(["verify", "--trust", key.path + ".pub", renamed.path])
        XCTAssertEqual(refused.status, 1, refused.stdout)
        XCTAssertTrue(refused.stdout.contains("[zip-header-mismatch]") && refused.stdout.contains("'evil1.html' is called 'index.html' in its local header"),
                      refused.stdout)
        XCTAssertFalse(refused.stdout.contains("signature  valid"), refused.stdout)
        let inspected = try coursepack(["inspect", renamed.path])
        XCTAssertEqual(inspected.status, 2, inspected.stdout)
        XCTAssertTrue(inspected.stderr.contains("is called 'index.html' in its local header"), inspected.stderr)

        let broken = try altered(folder, scorm12, "broken-signature") { root in
            try replace(root.appendingPathComponent("coursepack.json"), "\"title\": \"", "\"title\": \"X")
        }
        try assertFinding(broken, rule: "signature-invalid", severity: "standard", file: "coursepack.sig", line: nil)
    }

    /// Issue 13 point 8: inspect and verify look for what pages and style sheets load from the network,
    /// as docs/packages.md says, while the package is read (one file in memory at a time).
    func testInspectAndVerifyFindRemoteScriptsFramesAndStyles() throws {
        let folder = try TestFolder()
        try folder.write("web/index.html", """
            <!DOCTYPE html><html><head>
            <script src="https://cdn.example.org/lib.js"></script>
            <link rel="stylesheet" href="css/site.css">
            </head><body><iframe src="//video.example.org/embed/1"></iframe><a href="https://example.org/">a link</a></body></html>
            """)
        try folder.write("web/css/site.css", "@import url(\"https://fonts.example.org/f.css\");\nbody { color: black }\n")
        let zip = try folder.zip(folder.url("web"), to: "web.zip")
        let inspected = try coursepack(["inspect", zip.path])
        XCTAssertEqual(inspected.status, 1, inspected.stdout)
        for line in ["index.html:2: error: <script src=\"https://cdn.example.org/lib.js\"> loads from the network",
                     "index.html:4: error: <iframe src=\"//video.example.org/embed/1\"> loads from the network",
                     "css/site.css:1: error: the style sheet loads 'https://fonts.example.org/f.css' from the network"] {
            XCTAssertTrue(inspected.stdout.contains(line), "missing \(line) in \(inspected.stdout)")
        }
        let verified = try coursepack(["verify", zip.path])
        XCTAssertEqual(verified.status, 1)
        XCTAssertEqual(verified.stdout.components(separatedBy: "[network-load]").count - 1, 3, verified.stdout)
    }
}
