import Foundation
import XCTest

/// A corpus built from the specifications by make_corpus.py: every SCORM edition, multi-SCO and nested
/// organizations, sequencing collections, xml:base on every level, padded identifiers, sub-manifests,
/// metadata in separate files, other namespace prefixes, non-ASCII and percent-encoded names, BOM and
/// UTF-16 manifests, cmi5 with blocks and a bare cmi5.xml of 1,000 AUs, AICC course files, and
/// defects the official schemas see. Each manifest is checked with ../shared/xsd/check, and the
/// built-in checks (run without the schemas) must agree with it.
final class CorpusTests: XCTestCase {
    /// Rules that stand for something the official schemas refuse (as xmllint applies them).
    static let schemaRules: Set<String> = [
        "xml-not-well-formed", "scorm-root", "scorm-required-missing", "scorm-identifier-invalid", "scorm-identifier-duplicate",
        "scorm-scormtype-invalid", "cmi5-root", "cmi5-required-missing", "cmi5-order", "cmi5-value",
    ]

    func testBuiltInChecksAgreeWithTheOfficialSchemasOnTheCorpus() throws {
        let folder = try TestFolder()
        let corpus = folder.url("corpus")
        let made = try runProgram("/usr/bin/env", ["python3", VerifyPaths.here.appendingPathComponent("make_corpus.py").path, corpus.path])
        XCTAssertEqual(made.status, 0, made.stderr)
        let packages = made.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        XCTAssertGreaterThan(packages.count, 25)
        // Folders, except the bare course structure, read as cmi5 lets an LMS import it.
        let paths = packages.map { $0[0] == "cmi5-bare-1000" ? corpus.appendingPathComponent("cmi5-bare-1000/cmi5.xml").path
                                                             : corpus.appendingPathComponent($0[0]).path }
        let outcome = try coursepack(["verify", "--format", "json"] + paths)
        XCTAssertNotEqual(outcome.status, 2, outcome.stderr)
        let results = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [[String: Any]]
        XCTAssertEqual(results.count, packages.count)
        var byName: [String: [String: Any]] = [:]
        for (package, result) in zip(packages, results) {
            let (name, kind, manifest, expect) = (package[0], package[1], package[2], package[3])
            byName[name] = result
            let rules = OurPackagesTests.findings(result).map(\.rule)
            if kind != "none" {
                let check = try runProgram(VerifyPaths.schemas.appendingPathComponent("check").path,
                                           [kind, corpus.appendingPathComponent("\(name)/\(manifest)").path])
                XCTAssertEqual(check.status == 0 ? "valid" : "invalid", expect, "\(name): \(check.stderr)")
                let builtInRefuses = rules.contains { Self.schemaRules.contains($0) }
                XCTAssertEqual(builtInRefuses, check.status != 0, "\(name): schema says \(check.status == 0 ? "valid" : check.stderr), built-in found \(rules)")
            }
        }
        func shape(_ name: String) -> [String: Any] { byName[name]?["shape"] as? [String: Any] ?? [:] }
        func rules(_ name: String) -> [String] { OurPackagesTests.findings(byName[name] ?? [:]).map(\.rule) }

        XCTAssertEqual(shape("scorm12-single")["edition"] as? String, "SCORM 1.2")
        XCTAssertEqual(shape("scorm2004-2nd")["edition"] as? String, "SCORM 2004 2nd Edition")
        XCTAssertEqual(shape("scorm2004-3rd")["edition"] as? String, "SCORM 2004 3rd Edition")
        XCTAssertEqual(shape("scorm2004-4th")["edition"] as? String, "SCORM 2004 4th Edition")
        // Without schemaversion, the namespaces say 2004, not 1.2.
        XCTAssertEqual(shape("scorm2004-no-schemaversion")["type"] as? String, "scorm2004")
        XCTAssertEqual(rules("scorm2004-no-schemaversion"), ["scorm-schemaversion-missing"])
        for clean in ["scorm12-single", "scorm2004-2nd", "scorm2004-3rd", "scorm2004-4th", "scorm12-multi-sco", "scorm2004-multi-sco",
                      "scorm2004-sequencing-collection", "scorm2004-xml-base", "scorm2004-padded-identifiers", "scorm2004-sub-manifest",
                      "scorm12-metadata-files", "scorm12-prefixed-cp", "scorm2004-non-ascii-names", "scorm12-bom", "scorm12-utf16",
                      "cmi5-blocks", "cmi5-bare-1000", "aicc-course"] {
            XCTAssertEqual(rules(clean), [], clean)
        }
        let multi = shape("scorm2004-multi-sco")
        XCTAssertEqual(multi["organizations"] as? Int, 2)
        XCTAssertEqual(multi["items"] as? Int, 7)
        let launchables = multi["launchables"] as? [[String: Any]] ?? []
        XCTAssertEqual(launchables.filter { $0["kind"] as? String == "sco" }.count, 4)
        XCTAssertEqual(launchables.filter { $0["kind"] as? String == "asset" }.count, 1)
        XCTAssertEqual(shape("scorm2004-sequencing-collection")["sequencing"] as? Bool, true)
        XCTAssertEqual(Set(shape("scorm12-metadata-files")["metadataFiles"] as? [String] ?? []), ["meta/sco1.xml", "meta/course.xml"])
        let based = (shape("scorm2004-xml-base")["launchables"] as? [[String: Any]])?.first?["launch"] as? String
        XCTAssertEqual(based, "course/content/unit1/one.html")
        XCTAssertEqual(rules("scorm12-other-prefix"), ["scorm-prefix-moodle"])
        XCTAssertEqual(rules("scorm2004-default-names-nothing"), ["scorm-default-organization"])
        XCTAssertEqual((shape("cmi5-bare-1000")["launchables"] as? [Any])?.count, 1_000)
        XCTAssertEqual(shape("cmi5-blocks")["blocks"] as? Int, 1)
        XCTAssertEqual(shape("aicc-course")["type"] as? String, "aicc")
        XCTAssertEqual((shape("aicc-course")["launchables"] as? [Any])?.count, 2)
    }
}
