@testable import CoursepackPackage
import CoursepackRender
@testable import CoursepackVerify
import Foundation
import TestSupport
import XCTest

/// Both samples, every target: the manifests validate against the official schemas, and the zips pass
/// the checks an LMS applies on upload.
final class TargetPackageTests: XCTestCase {
    static let samples = ["first-weeks", "talking-with-newcomers"]

    func testEveryTargetOfBothSamplesValidatesAndPassesUploadChecks() throws {
        let scratch = try Scratch()
        for sample in Self.samples {
            let out = try scratch.folder("out-\(sample)")
            let result = try Packer.pack(Paths.samples.appendingPathComponent(sample), options: Packs.options(PackageTarget.allCases, out: out))
            XCTAssertEqual(result.packages.map(\.target), PackageTarget.allCases)
            for package in result.packages {
                let name = package.url.lastPathComponent
                // The locale is in the name only when the package carries one locale of several.
                XCTAssertTrue(name.hasPrefix("\(sample)-1.0.0-") && name.hasSuffix("-\(package.target.rawValue).zip"), name)
                let archive = try Packs.read(package.url)
                let paths = Set(archive.entries.map(\.path))

                // Another implementation than the one that wrote it reads every entry and its CRC.
                let tested = try Run.unzipTest(package.url)
                XCTAssertEqual(tested.status, 0, "\(name): \(tested.stdout)\(tested.stderr)")

                let upload = UploadCheck.check(archive)
                XCTAssertEqual(upload.findings, [], "\(name): \(upload.findings)")
                XCTAssertEqual(upload.launch, "index.html", name)
                XCTAssertTrue(paths.contains("index.html"), name)
                switch package.target {
                case .scorm12: XCTAssertEqual(upload.kind, .scorm12)
                case .scorm2004: XCTAssertEqual(upload.kind, .scorm2004)
                case .cmi5: XCTAssertEqual(upload.kind, .cmi5)
                case .web: XCTAssertEqual(upload.kind, .web)
                }

                if let (kind, file) = Self.manifest(of: package.target) {
                    let manifest = try XCTUnwrap(archive.contents[file], "\(name) has no \(file) at its root")
                    let saved = scratch.root.appendingPathComponent("\(sample)-\(package.target.rawValue)-\(file)")
                    try manifest.write(to: saved)
                    let check = try Run.schemaCheck(kind, saved)
                    XCTAssertEqual(check.status, 0, "\(name): \(file) does not validate:\n\(check.stdout)\(check.stderr)")
                }
                if package.target == .scorm12 || package.target == .scorm2004 {
                    let tree = try XMLTree.parse(try XCTUnwrap(archive.contents["imsmanifest.xml"]), file: "imsmanifest.xml")
                    let listed = Set(tree.descendants("file").compactMap { $0.attribute("href") })
                    XCTAssertEqual(listed, paths.subtracting(["imsmanifest.xml"]), "\(name): the manifest must list every file")
                }

                let integrity = PackageIntegrity.check(archive)
                XCTAssertEqual(integrity.findings, [], name)
                let recorded = try XCTUnwrap(integrity.manifest)
                XCTAssertEqual(Set(recorded.files.keys), paths.subtracting([PackageManifest.fileName]), name)
                XCTAssertEqual(recorded.target, package.target.rawValue)

                for (path, data) in archive.contents {
                    XCTAssertEqual(NetworkReferences.scan(path, data), [], "\(name): \(path) refers to the network")
                }
                let manifests = ["imsmanifest.xml", "cmi5.xml"].compactMap { archive.contents[$0] }
                for manifest in manifests {
                    let tree = try XMLTree.parse(manifest, file: "manifest")
                    for href in tree.descendants("file").compactMap({ $0.attribute("href") }) + tree.descendants("url").map(\.text) {
                        XCTAssertFalse(NetworkReferences.isNetwork(href), "\(name): \(href)")
                    }
                }
            }
        }
    }

    static func manifest(of target: PackageTarget) -> (kind: String, file: String)? {
        switch target {
        case .scorm12: return ("scorm12", "imsmanifest.xml")
        case .scorm2004: return ("scorm2004", "imsmanifest.xml")
        case .cmi5: return ("cmi5", "cmi5.xml")
        case .web: return nil
        }
    }

    /// The manifest identifier is unique to the module and the same in every version of it.
    func testIdentifierIsStableAcrossVersionsAndUniquePerModule() throws {
        let scratch = try Scratch()
        let module = try scratch.copy(sample: "first-weeks")
        let first = try Packer.pack(module, options: Packs.options([.scorm12, .scorm2004, .cmi5], out: try scratch.folder("v1")))
        let yaml = module.appendingPathComponent("module.yaml")
        try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "version: 1.0.0", with: "version: 1.1.0")
            .write(to: yaml, atomically: true, encoding: .utf8)
        let second = try Packer.pack(module, options: Packs.options([.scorm12, .scorm2004, .cmi5], out: try scratch.folder("v2")))
        let other = try Packer.pack(Paths.samples.appendingPathComponent("talking-with-newcomers"),
                                    options: Packs.options([.scorm12, .scorm2004, .cmi5], out: try scratch.folder("other")))
        for index in 0..<3 {
            let old = try identity(first.packages[index].url)
            let new = try identity(second.packages[index].url)
            XCTAssertEqual(old.identifier, new.identifier)
            XCTAssertEqual([old.version, new.version], ["1.0.0", "1.1.0"])
            XCTAssertNotEqual(old.identifier, try identity(other.packages[index].url).identifier)
        }
        let name = second.packages[0].url.lastPathComponent
        XCTAssertTrue(name.hasPrefix("first-weeks-1.1.0-") && name.hasSuffix("-scorm12.zip"), name)
    }

    private func identity(_ zip: URL) throws -> (identifier: String, version: String?) {
        let archive = try Packs.read(zip)
        if let manifest = archive.contents["imsmanifest.xml"] {
            let tree = try XMLTree.parse(manifest, file: "imsmanifest.xml")
            return (try XCTUnwrap(tree.attribute("identifier")), tree.attribute("version"))
        }
        let tree = try XMLTree.parse(try XCTUnwrap(archive.contents["cmi5.xml"]), file: "cmi5.xml")
        let recorded = try PackageManifest.decode(try XCTUnwrap(archive.contents[PackageManifest.fileName]))
        return (try XCTUnwrap(tree.child("course")?.attribute("id")), recorded.version)
    }

    /// The module's completion rule reaches each manifest: mastery score, threshold, objective, moveOn.
    func testCompletionRulesReachTheManifests() throws {
        let scratch = try Scratch()
        let weeks = try Packer.pack(Paths.samples.appendingPathComponent("first-weeks"),
                                    options: Packs.options([.scorm12, .scorm2004, .cmi5], out: try scratch.folder("weeks")))
        let weeks12 = try tree(weeks.packages[0].url, "imsmanifest.xml")
        XCTAssertEqual(weeks12.descendants("masteryscore").first?.text, "70")
        let weeks2004 = try tree(weeks.packages[1].url, "imsmanifest.xml")
        XCTAssertEqual(weeks2004.descendants("schemaversion").first?.text, "2004 4th Edition")
        XCTAssertEqual(weeks2004.descendants("minNormalizedMeasure").first?.text, "0.7")
        XCTAssertEqual(weeks2004.descendants("primaryObjective").first?.attribute("satisfiedByMeasure"), "true")
        XCTAssertEqual(weeks2004.descendants("completionThreshold").first?.attribute("minProgressMeasure"), "1.0")
        XCTAssertEqual(weeks2004.descendants("resource").first?.attribute("scormType", namespace: "http://www.adlnet.org/xsd/adlcp_v1p3"), "sco")
        XCTAssertEqual(weeks2004.descendants("controlMode").first?.attribute("flow"), "true")
        let weeksCMI5 = try tree(weeks.packages[2].url, "cmi5.xml").descendants("au").first
        XCTAssertEqual(weeksCMI5?.attribute("moveOn"), "CompletedAndPassed")
        XCTAssertEqual(weeksCMI5?.attribute("masteryScore"), "0.7")

        let talking = try Packer.pack(Paths.samples.appendingPathComponent("talking-with-newcomers"),
                                      options: Packs.options([.scorm2004, .cmi5], out: try scratch.folder("talking")))
        XCTAssertTrue(try tree(talking.packages[0].url, "imsmanifest.xml").descendants("completionThreshold").isEmpty,
                      "quiz-passed has no pages to complete")
        let talkingCMI5 = try tree(talking.packages[1].url, "cmi5.xml").descendants("au").first
        XCTAssertEqual(talkingCMI5?.attribute("moveOn"), "Passed")
        XCTAssertEqual(talkingCMI5?.attribute("masteryScore"), "0.8")

        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest.replacingOccurrences(
            of: "  rule: pages-seen", with: "  rule: pages-seen\n  pages_required: 75"), "pages/01-start.md": TemporaryModule.page])
        let seen = try Packer.pack(module.root, options: Packs.options([.scorm12, .scorm2004, .cmi5], out: try scratch.folder("seen")))
        XCTAssertTrue(try tree(seen.packages[0].url, "imsmanifest.xml").descendants("masteryscore").isEmpty)
        XCTAssertEqual(try tree(seen.packages[1].url, "imsmanifest.xml").descendants("completionThreshold").first?
            .attribute("minProgressMeasure"), "0.75")
        let seenCMI5 = try tree(seen.packages[2].url, "cmi5.xml").descendants("au").first
        XCTAssertEqual(seenCMI5?.attribute("moveOn"), "Completed")
        XCTAssertNil(seenCMI5?.attribute("masteryScore"))
        for package in seen.packages {
            let (kind, file) = try XCTUnwrap(Self.manifest(of: package.target))
            let saved = scratch.root.appendingPathComponent("seen-\(package.target.rawValue).xml")
            try XCTUnwrap(try Packs.read(package.url).contents[file]).write(to: saved)
            XCTAssertEqual(try Run.schemaCheck(kind, saved).status, 0, "\(package.target)")
        }
    }

    private func tree(_ zip: URL, _ file: String) throws -> XMLTree {
        try XMLTree.parse(try XCTUnwrap(try Packs.read(zip).contents[file]), file: file)
    }

    /// Titles with markup characters stay well-formed and valid, in every manifest.
    func testManifestTextIsEscaped() throws {
        let scratch = try Scratch()
        let title = "Rights & duties: <who> \"pays\" what?"
        let module = try TemporaryModule([
            "module.yaml": TemporaryModule.manifest.replacingOccurrences(of: "title: Test module", with: "title: '\(title)'"),
            "pages/01-start.md": TemporaryModule.page])
        let result = try Packer.pack(module.root, options: Packs.options([.scorm12, .scorm2004, .cmi5], out: try scratch.folder("out")))
        for package in result.packages {
            let (kind, file) = try XCTUnwrap(Self.manifest(of: package.target))
            let data = try XCTUnwrap(try Packs.read(package.url).contents[file])
            // The first title is the metadata's (SCORM) or the course's (cmi5), with the text in a child.
            XCTAssertEqual(try XMLTree.parse(data, file: file).descendants("title").first?.children.first?.text, title)
            let saved = scratch.root.appendingPathComponent("\(package.target.rawValue).xml")
            try data.write(to: saved)
            XCTAssertEqual(try Run.schemaCheck(kind, saved).status, 0)
        }
    }

    func testScaledScoresAreExactDecimals() {
        XCTAssertEqual(CompletionRule.decimal(percent: 70), "0.7")
        XCTAssertEqual(CompletionRule.decimal(percent: 75), "0.75")
        XCTAssertEqual(CompletionRule.decimal(percent: 5), "0.05")
        XCTAssertEqual(CompletionRule.decimal(percent: 100), "1.0")
        XCTAssertEqual(CompletionRule.decimal(percent: 0), "0.0")
    }
}
