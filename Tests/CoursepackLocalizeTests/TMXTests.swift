import Foundation
import XCTest
@testable import CoursepackLocalize

final class TMXTests: XCTestCase {
    typealias Support = ExchangeTestSupport

    let entries = [
        TranslationMemoryEntry(source: "Press **Start** and read the [guide](guide.md).",
                               target: "Lisez le [guide](guide.md) et appuyez sur **Démarrer**.",
                               sourceLocale: "en", targetLocale: "fr", origin: "fire-safety", created: "20260112T101500Z"),
        TranslationMemoryEntry(source: "{count} pages left <br> `Esc`", target: "{count} صفحات متبقية <br> `Esc`",
                               sourceLocale: "en", targetLocale: "ar", origin: nil, created: "2026-01-12T10:15:00Z"),
        TranslationMemoryEntry(source: "<script>alert(1)</script> & co", target: "<script>alert(1)</script> & cie",
                               sourceLocale: "en", targetLocale: "fr"),
        TranslationMemoryEntry(source: "Notausgang", target: "Emergency exit", sourceLocale: "de-DE", targetLocale: "en"),
    ]

    func testWriteThenReadIsLossless() throws {
        let data = TMXExchange.write(entries, sourceLocale: "en")
        XCTAssertEqual(try TMXExchange.read(data), entries)
    }

    func testWriteIsDeterministicAndShapedAsTMX14b() throws {
        let data = TMXExchange.write(entries, sourceLocale: "en")
        XCTAssertEqual(data, TMXExchange.write(entries, sourceLocale: "en"))
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"Coursepack\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"Coursepack\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>"), text)
        XCTAssertTrue(text.contains("<tu tuid=\"1\" creationdate=\"20260112T101500Z\">"), text)
        XCTAssertTrue(text.contains("<prop type=\"x-origin\">fire-safety</prop>"))
        XCTAssertTrue(text.contains("<prop type=\"x-created\">2026-01-12T10:15:00Z</prop>"))
        XCTAssertTrue(text.contains("<tuv xml:lang=\"fr\">"))
        XCTAssertTrue(text.contains("<seg>Press <bpt i=\"1\" x=\"1\" type=\"bold\">**</bpt>Start<ept i=\"1\">**</ept> and read the <bpt i=\"2\" x=\"2\" type=\"link\">[</bpt>guide<ept i=\"2\">](guide.md)</ept>.</seg>"), text)
        // The translation's codes carry the source's numbers, wherever the translator put them.
        XCTAssertTrue(text.contains("<seg>Lisez le <bpt i=\"2\" x=\"2\" type=\"link\">[</bpt>guide<ept i=\"2\">](guide.md)</ept> et appuyez sur <bpt i=\"1\" x=\"1\" type=\"bold\">**</bpt>"), text)
        XCTAssertTrue(text.contains("<ph x=\"1\" type=\"x-placeholder\">{count}</ph>"))
        XCTAssertTrue(text.contains("<ph x=\"1\" type=\"x-html\">&lt;script&gt;</ph>") || text.contains("&lt;script&gt;"))
        XCTAssertFalse(text.contains("<script>"))
        XCTAssertTrue(text.contains("<tu tuid=\"4\" srclang=\"de-DE\">"))
    }

    func testReadsOmegaTTMX11() throws {
        let read = try TMXExchange.read(try Support.fixture("omegat-level1.tmx"))
        XCTAssertEqual(read, [
            TranslationMemoryEntry(source: "Fire safety at work", target: "La sécurité incendie au travail",
                                   sourceLocale: "en-GB", targetLocale: "fr-FR", origin: "OmegaT", created: "20260110T090000Z"),
            TranslationMemoryEntry(source: "Meet at the assembly point & wait for the <b>warden</b>.",
                                   target: "Retrouvez-vous au point de rassemblement & attendez le <b>responsable</b>.",
                                   sourceLocale: "en-GB", targetLocale: "fr-FR", origin: "OmegaT", created: "20260112T101800Z"),
            TranslationMemoryEntry(source: "Exit", target: "Sortie de secours", sourceLocale: "en-GB", targetLocale: "fr-FR",
                                   origin: "fire-safety/02-plan.md", created: "20260113T080000Z"),
        ])
    }

    func testReadsTradosTMX14bWithCodes() throws {
        let read = try TMXExchange.read(try Support.fixture("trados-1.4b.tmx"))
        XCTAssertEqual(read.count, 4)
        XCTAssertEqual(read[0], TranslationMemoryEntry(
            source: "Press <b>Start</b> and read the [guide](guide.md).",
            target: "Drücken Sie <b>Start</b> und lesen Sie die [Anleitung](guide.md).",
            sourceLocale: "en-US", targetLocale: "de-DE", origin: "SDL Language Platform", created: "20250301T120501Z"))
        XCTAssertEqual(read[1].source, "{count} pages left in this module<i>")
        XCTAssertEqual(read[1].target, "Noch {count} Seiten in diesem Modul<i>")
        XCTAssertEqual(read[1].origin, "Phrase")
        XCTAssertEqual(read[2].targetLocale, "ar-EG")
        XCTAssertEqual(read[2].target, "تبقى {count} صفحات في هذه الوحدة<i>")
        // A unit with its own srclang.
        XCTAssertEqual(read[3].source, "Notausgang")
        XCTAssertEqual(read[3].sourceLocale, "de-DE")
        XCTAssertEqual(read[3].target, "Emergency exit")
    }

    func testLocaleCaseIsNormalised() {
        XCTAssertEqual(TMXExchange.normalizedLocale("EN-US"), "en-US")
        XCTAssertEqual(TMXExchange.normalizedLocale("zh-hant-tw"), "zh-Hant-TW")
        XCTAssertEqual(TMXExchange.normalizedLocale("pt_BR"), "pt-BR")
        XCTAssertEqual(TMXExchange.normalizedLocale("ar"), "ar")
    }

    func testFilesThatAreNotTMXAreRefused() {
        func message(_ xml: String) -> ExchangeError? {
            do { _ = try TMXExchange.read(Data(xml.utf8)); return nil } catch { return error }
        }
        XCTAssertEqual(message("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"/>")?.description,
                       "2:1: not a TMX file: the root element is <xliff>, expected <tmx>")
        XCTAssertEqual(message("<tmx version=\"2.0\"><body/></tmx>")?.message,
                       "TMX version \"2.0\" is not supported: Coursepack reads TMX 1.1 to 1.4b")
        XCTAssertEqual(message("<tmx version=\"1.4\"><header/></tmx>")?.message, "<tmx> has no <body>")
        let entities = message("<!DOCTYPE tmx [<!ENTITY a \"aaaa\">]><tmx version=\"1.4\"><body/></tmx>")
        XCTAssertEqual(entities?.line, 1)
        XCTAssertEqual(entities?.column, 16)
        XCTAssertTrue(entities?.message.contains("declares entities") ?? false)
        XCTAssertEqual(message("<tmx version=\"1.4\"><body><tu></body></tmx>")?.line, 1)
    }
}
