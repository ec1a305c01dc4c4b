import CoursepackPackage
import CoursepackRender
import CoursepackVerify
import Foundation
import XCTest

/// By default a package carries the source and every complete locale; an incomplete locale is left out
/// with a warning, or refused with --require-complete.
final class LocaleSelectionTests: XCTestCase {
    func testCompleteLocalesAreCarriedByDefault() throws {
        let scratch = try Scratch()
        let module = try TranslatedModule.make(in: try scratch.folder("module"))
        let result = try Packer.pack(module, options: Packs.options([.web], out: try scratch.folder("out")))
        XCTAssertEqual(result.packages[0].locales, ["en", "fr", "de"])
        XCTAssertEqual(result.warnings, [])
        XCTAssertEqual(result.packages[0].url.lastPathComponent, "translated-module-1.0.0-web.zip")
        let recorded = try manifest(result.packages[0].url)
        XCTAssertEqual(recorded.locales.map(\.document), ["index.html", "index.fr.html", "index.de.html"])
        XCTAssertTrue(recorded.locales.allSatisfy(\.complete))
        XCTAssertEqual(Set(recorded.strings.keys), ["en", "fr", "de"])
    }

    func testStaleLocalesAreLeftOutWithAWarningOrRefused() throws {
        let scratch = try Scratch()
        let module = try TranslatedModule.make(in: try scratch.folder("module"))
        let page = module.appendingPathComponent("pages/02-next.md")
        try String(contentsOf: page, encoding: .utf8)
            .replacingOccurrences(of: "Find a doctor near you.", with: "Find a family doctor near you.")
            .write(to: page, atomically: true, encoding: .utf8)
        let out = try scratch.folder("out")
        let result = try Packer.pack(module, options: Packs.options([.scorm12], out: out))
        XCTAssertEqual(result.packages[0].locales, ["en"])
        XCTAssertEqual(result.warnings.count, 2)
        XCTAssertTrue(result.warnings[0].hasPrefix("left out fr is not complete (1 stale"), result.warnings[0])
        XCTAssertEqual(result.packages[0].url.lastPathComponent, "translated-module-1.0.0-en-scorm12.zip")
        let recorded = try manifest(result.packages[0].url)
        XCTAssertEqual(recorded.leftOut.map(\.tag), ["fr", "de"])
        XCTAssertEqual(recorded.leftOut.map(\.stale), [1, 1])
        XCTAssertEqual(recorded.leftOut.map(\.complete), [false, false])

        let strict = try scratch.folder("strict")
        XCTAssertThrowsError(try Packer.pack(module, options: Packs.options([.scorm12], out: strict, requireComplete: true))) { error in
            guard case PackFailure.incompleteLocales(let reasons) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(reasons.count, 2)
        }
        XCTAssertEqual(Packs.files(in: strict), [])
    }

    func testChosenLocalesAndTheirOrder() throws {
        let scratch = try Scratch()
        let module = try TranslatedModule.make(in: try scratch.folder("module"))
        let french = try Packer.pack(module, options: Packs.options([.web], out: try scratch.folder("fr"), locales: ["fr"]))
        XCTAssertEqual(french.packages[0].url.lastPathComponent, "translated-module-1.0.0-fr-web.zip")
        let archive = try Packs.read(french.packages[0].url)
        XCTAssertEqual(archive.entries.filter { $0.path.hasPrefix("index") }.map(\.path), ["index.html"])
        XCTAssertEqual(try manifest(french.packages[0].url).locales.map(\.tag), ["fr"])

        let two = try Packer.pack(module, options: Packs.options([.web], out: try scratch.folder("two"), locales: ["DE", "en"]))
        XCTAssertEqual(two.packages[0].locales, ["en", "de"], "the source first, tags matched without case")

        XCTAssertThrowsError(try Packer.pack(module, options: Packs.options([.web], out: try scratch.folder("xx"), locales: ["ar"]))) { error in
            XCTAssertTrue(String(describing: error).contains("no locale 'ar'"), String(describing: error))
            XCTAssertTrue(String(describing: error).contains("en (source), fr, de"), String(describing: error))
        }
    }

    /// The samples: whatever their translations' state, what is carried is the source and exactly the
    /// complete locales, and what is left out says why.
    func testSamplesCarryExactlyTheirCompleteLocales() throws {
        let scratch = try Scratch()
        for (sample, locales) in [("first-weeks", ["ar", "uk", "tr"]), ("talking-with-newcomers", ["tr", "it", "ro", "nl"])] {
            let result = try Packer.pack(Paths.samples.appendingPathComponent(sample), options: Packs.options([.web], out: try scratch.folder(sample)))
            let recorded = try manifest(result.packages[0].url)
            XCTAssertEqual(recorded.locales.first?.tag, "en")
            XCTAssertTrue(recorded.locales.allSatisfy(\.complete), sample)
            XCTAssertTrue(recorded.leftOut.allSatisfy { !$0.complete }, sample)
            XCTAssertEqual(result.warnings.count, recorded.leftOut.count, sample)
            XCTAssertEqual(Set(recorded.locales.map(\.tag) + recorded.leftOut.map(\.tag)), Set(["en"] + locales), sample)
        }
    }

    private func manifest(_ zip: URL) throws -> PackageManifest {
        try PackageManifest.decode(try XCTUnwrap(try Packs.read(zip).contents[PackageManifest.fileName]))
    }
}
