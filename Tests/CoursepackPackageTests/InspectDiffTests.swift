import CoursepackPackage
import CoursepackRender
import CoursepackVerify
import Foundation
import XCTest

/// `inspect` tells what a package is; `diff` writes the release note between two versions; both as
/// commands, with their exit statuses.
final class InspectDiffTests: XCTestCase {
    func testInspectReportsIdentityLocalesFilesAndSignature() throws {
        let scratch = try Scratch()
        let package = try Packer.pack(Paths.samples.appendingPathComponent("talking-with-newcomers"),
                                      options: Packs.options([.scorm2004], out: try scratch.folder("out"))).packages[0]
        let text = try Run.coursepack(["inspect", package.url.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        for expected in ["module     talking-with-newcomers 1.0.0: Talking with newcomers at the service counter",
                         "target     scorm2004, launches index.html", "identifier coursepack.talking-with-newcomers",
                         "locales    en (source)", "signature  not signed",
                         "imsmanifest.xml", "built      2023-11-14T22:13:20Z (SOURCE_DATE_EPOCH)", "no problems found"] {
            XCTAssertTrue(text.stdout.contains(expected), "missing '\(expected)' in:\n\(text.stdout)")
        }
        let json = try Run.coursepack(["inspect", "--format", "json", package.url.path])
        XCTAssertEqual(json.status, 0)
        let decoded = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(decoded["id"] as? String, "talking-with-newcomers")
        XCTAssertEqual(decoded["kind"] as? String, "scorm2004")
        XCTAssertEqual((decoded["signature"] as? [String: Any])?["state"] as? String, "unsigned")
        XCTAssertEqual((decoded["files"] as? [[String: Any]])?.count, package.url.path.isEmpty ? 0 : (try Packs.read(package.url)).entries.count)
        XCTAssertEqual(decoded["size"] as? Int, Int(package.size))

        let missing = try Run.coursepack(["inspect", scratch.root.appendingPathComponent("nothing.zip").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no such file"), missing.stderr)
    }

    func testSignAndCheckThroughTheCommands() throws {
        let scratch = try Scratch()
        let keygen = try Run.coursepack(["keygen", "team"], in: scratch.root)
        XCTAssertEqual(keygen.status, 0, keygen.stderr)
        XCTAssertTrue(keygen.stdout.contains("key id "), keygen.stdout)
        let out = try scratch.folder("out")
        let pack = try Run.coursepack(["pack", Paths.samples.appendingPathComponent("first-weeks").path, "--target", "cmi5",
                                       "--out", out.path, "--sign", scratch.root.appendingPathComponent("team.key").path])
        XCTAssertEqual(pack.status, 0, pack.stderr)
        XCTAssertTrue(pack.stdout.contains("-cmi5.zip ("), pack.stdout)
        XCTAssertTrue(pack.stdout.contains("; signed)"), pack.stdout)
        let zip = try XCTUnwrap(Packs.files(in: out).first { $0.hasSuffix("-cmi5.zip") }.map { out.appendingPathComponent($0).path })
        let inspect = try Run.coursepack(["inspect", zip, "--key", scratch.root.appendingPathComponent("team.pub").path])
        XCTAssertEqual(inspect.status, 0, inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("valid, signed by the trusted key"), inspect.stdout)
        let again = try Run.coursepack(["keygen", "team"], in: scratch.root)
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
    }

    func testDiffListsPagesStringsLocalesAndMedia() throws {
        let scratch = try Scratch()
        let module = try TranslatedModule.make(in: try scratch.folder("module"))
        let old = try Packer.pack(module, options: Packs.options([.scorm12], out: try scratch.folder("v1"))).packages[0]

        let yaml = module.appendingPathComponent("module.yaml")
        try String(contentsOf: yaml, encoding: .utf8)
            .replacingOccurrences(of: "version: 1.0.0", with: "version: 1.1.0")
            .replacingOccurrences(of: "  - 02-next", with: "  - 02-next\n  - 03-contacts")
            .write(to: yaml, atomically: true, encoding: .utf8)
        try "---\ntitle: Contacts\n---\n\n# Contacts\n\nWhom to ask.\n"
            .write(to: module.appendingPathComponent("pages/03-contacts.md"), atomically: true, encoding: .utf8)
        let page = module.appendingPathComponent("pages/02-next.md")
        try String(contentsOf: page, encoding: .utf8)
            .replacingOccurrences(of: "Find a doctor near you.", with: "Find a family doctor near you.")
            .write(to: page, atomically: true, encoding: .utf8)
        let picture = module.appendingPathComponent("media/office.png")
        var bytes = try Data(contentsOf: picture)
        bytes.append(0)
        try bytes.write(to: picture)
        let new = try Packer.pack(module, options: Packs.options([.scorm12], out: try scratch.folder("v2"))).packages[0]

        let diff = try PackageDiff.compare(old: old.url, oldDisplay: "v1.zip", new: new.url, newDisplay: "v2.zip")
        XCTAssertEqual(diff.pages.added, ["03-contacts"])
        XCTAssertEqual(diff.pages.changed, ["02-next"])
        XCTAssertEqual(diff.locales.removed, ["de", "fr"])
        XCTAssertEqual(diff.media.changed, ["media/office.png"])
        let english = try XCTUnwrap(diff.strings["en"])
        XCTAssertEqual(english.changed.count, 1)
        XCTAssertTrue(english.changed[0].hasPrefix("02-next/"), english.changed[0])
        XCTAssertGreaterThanOrEqual(english.added.count, 2, "the new page's title, heading and paragraph")
        XCTAssertTrue(diff.otherFiles.removed.contains("index.fr.html"))

        let text = try Run.coursepack(["diff", old.url.path, new.url.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("translated-module 1.0.0 -> translated-module 1.1.0 (scorm12)\n"), text.stdout)
        for expected in ["pages: 1 added, 1 changed", "  + 03-contacts", "  ~ 02-next", "locales: 2 removed",
                         "media: 1 changed", "  ~ media/office.png", "strings (en): "] {
            XCTAssertTrue(text.stdout.contains(expected), "missing '\(expected)' in:\n\(text.stdout)")
        }
        let same = try Run.coursepack(["diff", old.url.path, old.url.path])
        XCTAssertTrue(same.stdout.contains("no differences"), same.stdout)

        // Translations that change show per locale.
        try TranslatedModule.translateEverything(module)
        let translated = try Packer.pack(module, options: Packs.options([.scorm12], out: try scratch.folder("v3"))).packages[0]
        let again = try PackageDiff.compare(old: old.url, oldDisplay: "v1.zip", new: translated.url, newDisplay: "v3.zip")
        XCTAssertTrue(again.locales.isEmpty)
        XCTAssertEqual(try XCTUnwrap(again.strings["fr"]).changed.count, 1)
    }
}
