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
        let result = try Packer.pack(Paths.samples.appendingPathComponent("first-weeks"), options: Packs.options([.web], out: try scratch.folder("out")))
        XCTAssertEqual(result.packages[0].locales, ["en", "ar", "uk", "tr"])
        XCTAssertEqual(result.warnings, [])
        let recorded = try manifest(result.packages[0].url)
        XCTAssertEqual(recorded.locales.map(\.document), ["index.html", "index.ar.html", "index.uk.html", "index.tr.html"])
        XCTAssertTrue(recorded.locales.allSatisfy(\.complete))
        XCTAssertEqual(Set(recorded.strings.keys), ["en", "ar", "uk", "tr"])
    }

    func testStaleLocalesAreLeftOutWithAWarningOrRefused() throws {
        let scratch = try Scratch()
        let module = try scratch.copy(sample: "first-weeks")
        let page = module.appendingPathComponent("pages/02-address.md")
        try String(contentsOf: page, encoding: .utf8)
            .replacingOccurrences(of: "again each\ntime you move.", with: "again each\ntime you move house.")
            .write(to: page, atomically: true, encoding: .utf8)
        let out = try scratch.folder("out")
        let result = try Packer.pack(module, options: Packs.options([.scorm12], out: out))
        XCTAssertEqual(result.packages[0].locales, ["en"])
        XCTAssertEqual(result.warnings.count, 3)
        XCTAssertTrue(result.warnings[0].contains("1 stale"), result.warnings[0])
        XCTAssertEqual(result.packages[0].url.lastPathComponent, "first-weeks-1.0.0-en-scorm12.zip")
        let recorded = try manifest(result.packages[0].url)
        XCTAssertEqual(recorded.leftOut.map(\.tag), ["ar", "uk", "tr"])
        XCTAssertEqual(recorded.leftOut.map(\.stale), [1, 1, 1])

        let strict = try scratch.folder("strict")
        XCTAssertThrowsError(try Packer.pack(module, options: Packs.options([.scorm12], out: strict, requireComplete: true))) { error in
            guard case PackFailure.incompleteLocales(let reasons) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(reasons.count, 3)
        }
        XCTAssertEqual(Packs.files(in: strict), [])
    }

    func testChosenLocalesAndTheirOrder() throws {
        let scratch = try Scratch()
        let module = Paths.samples.appendingPathComponent("first-weeks")
        let arabic = try Packer.pack(module, options: Packs.options([.web], out: try scratch.folder("ar"), locales: ["ar"]))
        XCTAssertEqual(arabic.packages[0].url.lastPathComponent, "first-weeks-1.0.0-ar-web.zip")
        let archive = try Packs.read(arabic.packages[0].url)
        XCTAssertEqual(archive.entries.filter { $0.path.hasPrefix("index") }.map(\.path), ["index.html"])
        XCTAssertEqual(try manifest(arabic.packages[0].url).locales.map(\.tag), ["ar"])

        let two = try Packer.pack(module, options: Packs.options([.web], out: try scratch.folder("two"), locales: ["TR", "en"]))
        XCTAssertEqual(two.packages[0].locales, ["en", "tr"], "the source first, tags matched without case")

        XCTAssertThrowsError(try Packer.pack(module, options: Packs.options([.web], out: try scratch.folder("xx"), locales: ["fa"]))) { error in
            XCTAssertTrue(String(describing: error).contains("no locale 'fa'"), String(describing: error))
            XCTAssertTrue(String(describing: error).contains("en (source), ar, uk, tr"), String(describing: error))
        }
    }

    private func manifest(_ zip: URL) throws -> PackageManifest {
        try PackageManifest.decode(try XCTUnwrap(try Packs.read(zip).contents[PackageManifest.fileName]))
    }
}
