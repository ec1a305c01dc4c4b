import CoursepackPackage
import CoursepackPackaging
import CoursepackRender
import CoursepackVerify
import Foundation
import XCTest

/// Arabic-script and Ethiopic fonts travel only in the packages whose locales are written in those
/// scripts, subset to their blocks, and every document of such a package links them.
final class FontTests: XCTestCase {
    override func setUpWithError() throws {
        for font in BundledFont.allCases where !font.isInstalled {
            throw MissingTool(message: "the \(font.rawValue) font is not built: run scripts/make-fonts.sh (scripts/setup.sh does)")
        }
    }

    func testWhichLocalesNeedWhichFont() {
        XCTAssertEqual(BundledFont.needed(by: ["en", "ar"]), [.arabic])
        XCTAssertEqual(BundledFont.needed(by: ["fa-IR", "ur", "ps", "ckb"]), [.arabic])
        XCTAssertEqual(BundledFont.needed(by: ["am", "ti-ER"]), [.ethiopic])
        XCTAssertEqual(BundledFont.needed(by: ["ti", "ar"]), [.arabic, .ethiopic])
        XCTAssertEqual(BundledFont.needed(by: ["en", "tr", "uk", "it"]), [])
        XCTAssertEqual(BundledFont.needed(by: ["ku-Arab", "az-Arab"]), [.arabic], "the script subtag decides")
        XCTAssertEqual(BundledFont.needed(by: ["ku-Latn", "ar-Latn"]), [], "a Latin script subtag wins over the language")
    }

    func testArabicSamplePackageCarriesTheArabicFontOnly() throws {
        let scratch = try Scratch()
        let result = try Packer.pack(Paths.samples.appendingPathComponent("first-weeks"),
                                     options: Packs.options([.scorm12], out: try scratch.folder("out")))
        let archive = try Packs.read(result.packages[0].url)
        let fonts = archive.entries.map(\.path).filter { $0.hasPrefix("player/fonts/") }
        XCTAssertEqual(fonts, ["player/fonts/arabic.css", "player/fonts/arabic.woff2"])
        for document in ["index.html", "index.ar.html", "index.uk.html", "index.tr.html"] {
            let html = String(decoding: try XCTUnwrap(archive.contents[document], document), as: UTF8.self)
            XCTAssertTrue(html.contains("<link rel=\"stylesheet\" href=\"player/fonts/arabic.css\">"), document)
            XCTAssertFalse(html.contains("ethiopic"), document)
        }
        let css = String(decoding: try XCTUnwrap(archive.contents["player/fonts/arabic.css"]), as: UTF8.self)
        XCTAssertTrue(css.contains("unicode-range: U+0600-06FF"), css)
        XCTAssertEqual(result.warnings, [])
    }

    func testPackagesWithoutThoseScriptsCarryNoFont() throws {
        let scratch = try Scratch()
        let result = try Packer.pack(Paths.samples.appendingPathComponent("talking-with-newcomers"),
                                     options: Packs.options([.web], out: try scratch.folder("out")))
        let archive = try Packs.read(result.packages[0].url)
        XCTAssertEqual(archive.entries.filter { $0.path.hasPrefix("player/fonts/") }.map(\.path), [])
        let html = String(decoding: try XCTUnwrap(archive.contents["index.html"]), as: UTF8.self)
        XCTAssertFalse(html.contains("player/fonts/"))
        // The Arabic sample packed in English only carries no font either.
        let english = try Packer.pack(Paths.samples.appendingPathComponent("first-weeks"),
                                      options: Packs.options([.web], out: try scratch.folder("english"), locales: ["en"]))
        XCTAssertEqual(try Packs.read(english.packages[0].url).entries.filter { $0.path.hasPrefix("player/fonts/") }.count, 0)
    }

    func testEthiopicLocaleCarriesTheEthiopicFont() throws {
        let scratch = try Scratch()
        let module = try TranslatedModule.make(in: try scratch.folder("module"), locales: ["ti", "fr"])
        let result = try Packer.pack(module, options: Packs.options([.cmi5], out: try scratch.folder("out")))
        XCTAssertEqual(result.packages[0].locales, ["en", "ti", "fr"])
        let archive = try Packs.read(result.packages[0].url)
        XCTAssertEqual(archive.entries.map(\.path).filter { $0.hasPrefix("player/fonts/") },
                       ["player/fonts/ethiopic.css", "player/fonts/ethiopic.woff2"])
        let manifest = String(decoding: try XCTUnwrap(archive.contents["coursepack.json"]), as: UTF8.self)
        XCTAssertTrue(manifest.contains("player/fonts/ethiopic.woff2"), "listed with its SHA-256 like every file")
    }
}
