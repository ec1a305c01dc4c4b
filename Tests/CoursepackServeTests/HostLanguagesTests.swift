import CoursepackLocalize
import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import CoursepackServe

/// The learners' pages in every language: the built-in translations, a centre's own PO files, and
/// what is not used (stale, fuzzy, broken placeholders, unknown keys).
final class HostLanguagesTests: XCTestCase {
    func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-strings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    func po(_ entries: [(key: String, english: String, text: String, fuzzy: Bool)]) -> String {
        var file = POFile(header: [("Content-Type", "text/plain; charset=UTF-8")])
        file.entries = entries.map {
            var entry = POEntry(context: $0.key, id: $0.english, strings: [$0.text])
            if $0.fuzzy { entry.flags = ["fuzzy"] }
            return entry
        }
        return POWriter.write(file)
    }

    /// Changing an English text without the translations fails here, not on a learner's phone.
    func testTheBuiltInTranslationsAreCompleteAndCurrent() {
        let languages = HostLanguages.builtIn
        XCTAssertEqual(languages.languages, ["en", "ar", "fr"])
        XCTAssertEqual(languages.notes, [], "every built-in entry is used")
        for language in ["fr", "ar"] {
            let missing = HostStrings.english.map(\.key).filter { languages.tables[language]?[$0] == nil }
            XCTAssertEqual(missing, [], "\(language).po translates every key")
        }
        XCTAssertEqual(languages.names["ar"], "العربية")
        XCTAssertEqual(languages.names["fr"], "Français")
        XCTAssertEqual(HostStrings(language: "ar-EG")["join.button"], "ابدأ")
        XCTAssertEqual(HostStrings(language: "ar").direction, "rtl")
        XCTAssertEqual(HostStrings(language: "sw")["join.button"], "Start", "a language the host lacks: English")
    }

    func testTheTemplateHasEveryKeyWithItsEnglishAndNotes() throws {
        let template = try POParser.parse(HostLanguages.template())
        XCTAssertEqual(template.entries.map { $0.context ?? "" }, HostStrings.english.map(\.key))
        XCTAssertEqual(template.entries.map(\.id), HostStrings.english.map(\.text))
        XCTAssertTrue(template.entries.allSatisfy { $0.strings == [""] })
        XCTAssertEqual(template.entries.first { $0.context == "catalog.hello" }?.extractedComments.first?.contains("{name}"), true)
    }

    func testACentresTranslationIsUsedWhereCurrentAndSaysWhyTheRestIsNot() throws {
        let english = HostStrings.englishTable
        let extra = try folder([
            "ps.po": po([
                ("language.name", "English", "پښتو", false),
                ("join.button", english["join.button"]!, "پیل", false),
                ("join.title", "Sign in", "ننوتل", false),                          // the English has changed since
                ("catalog.open", english["catalog.open"]!, "پرانیزئ", true),          // fuzzy
                ("catalog.hello", english["catalog.hello"]!, "سلام", false),          // {name} dropped
                ("no.such.key", "Whatever", "هر څه", false),
            ]),
            "fr.po": po([("join.button", english["join.button"]!, "C'est parti", false)]),
        ])
        let languages = try HostLanguages.load(extra: extra)
        XCTAssertEqual(languages.languages, ["en", "ar", "fr", "ps"])
        XCTAssertEqual(languages.names["ps"], "پښتو")
        let pashto = HostStrings(language: "ps", in: languages)
        XCTAssertEqual(pashto.direction, "rtl")
        XCTAssertEqual(pashto["join.button"], "پیل")
        XCTAssertEqual(pashto["join.title"], english["join.title"], "stale: shown in English")
        XCTAssertEqual(pashto["catalog.open"], english["catalog.open"], "fuzzy: shown in English")
        XCTAssertEqual(pashto.format("catalog.hello", ["name": "Amina"]), "Hello, Amina", "a translation that loses {name}: English")
        XCTAssertEqual(HostStrings(language: "fr", in: languages)["join.button"], "C'est parti", "the centre's entry replaces the built-in one")
        XCTAssertEqual(HostStrings(language: "fr", in: languages)["join.title"], "Rejoindre", "what the centre's fr.po lacks stays the built-in French")
        let notes = languages.notes.joined(separator: "\n")
        for expected in ["ps.po:", "'join.title' is stale", "'catalog.open' is marked fuzzy", "'catalog.hello' must keep the placeholders [\"{name}\"]",
                         "no host string 'no.such.key'"] {
            XCTAssertTrue(notes.contains(expected), "\(expected) in:\n\(notes)")
        }
        XCTAssertEqual(languages.negotiate("ps-AF,ps;q=0.9,en;q=0.5"), "ps")
    }

    func testAFolderThatIsNotOneOfTranslationsIsRefusedWithItsPlace() throws {
        let broken = try folder(["ps.po": "msgid \"unterminated\nmsgstr \"\"\n"])
        XCTAssertThrowsError(try HostLanguages.load(extra: broken)) { error in
            XCTAssertTrue("\(error)".contains("ps.po"), "\(error)")
            XCTAssertTrue("\(error)".contains("line 1"), "\(error)")
        }
        let misnamed = try HostLanguages.load(extra: try folder(["pashto.po": po([("join.button", "Start", "پیل", false)])]))
        XCTAssertNil(misnamed.tables["pashto"])
        XCTAssertTrue(misnamed.notes.contains { $0.contains("pashto.po: not named after a language") }, "\(misnamed.notes)")
        XCTAssertThrowsError(try HostLanguages.load(extra: URL(fileURLWithPath: "/no/such/folder"))) { error in
            XCTAssertTrue("\(error)".contains("/no/such/folder"), "\(error)")
        }
        let notUTF8 = try folder([:])
        try Data([0x6D, 0x73, 0x67, 0xFF, 0xFE]).write(to: notUTF8.appendingPathComponent("ps.po"))
        XCTAssertThrowsError(try HostLanguages.load(extra: notUTF8)) { error in
            XCTAssertTrue("\(error)".contains("UTF-8"), "\(error)")
        }
    }

    /// Dari and Farsi side by side (`fa-AF.po`, `fa.po`): a browser asking for fa-AF gets Dari, one asking
    /// for fa-IR gets Farsi; a file with nothing translated but its name is not offered.
    func testARegionalTagIsALanguageOfItsOwnAndAnEmptyFileIsNotOffered() throws {
        let button = HostStrings.englishTable["join.button"]!
        let extra = try folder([
            "fa-AF.po": po([("language.name", "English", "دری", false), ("join.button", button, "شروع", false)]),
            "fa.po": po([("language.name", "English", "فارسی", false), ("join.button", button, "آغاز", false)]),
            "ti.po": po([("language.name", "English", "ትግርኛ", false), ("join.button", button, "", false)]),
        ])
        let languages = try HostLanguages.load(extra: extra)
        XCTAssertEqual(languages.languages, ["en", "ar", "fa", "fa-af", "fr"])
        XCTAssertEqual(HostStrings(language: "fa-AF", in: languages)["join.button"], "شروع")
        XCTAssertEqual(HostStrings(language: "fa-IR", in: languages)["join.button"], "آغاز")
        XCTAssertEqual(HostStrings(language: "fa-AF", in: languages).direction, "rtl")
        XCTAssertEqual(languages.negotiate("fa-AF;q=0.9,en;q=0.1"), "fa-af")
        XCTAssertEqual(languages.negotiate("ti,en;q=0.5"), "en", "Tigrinya has nothing translated yet")
        XCTAssertTrue(languages.notes.contains { $0.contains("ti: nothing translated yet") }, "\(languages.notes)")
    }

    /// A centre's Pashto on the join page: the text, right to left, and in the language switch.
    func testTheJoinPageSpeaksACentresLanguage() async throws {
        let english = HostStrings.englishTable
        let extra = try folder(["ps.po": po([("language.name", "English", "پښتو", false), ("join.button", english["join.button"]!, "پیل", false)])])
        let library = try folder([:])
        let store = Store(backend: try SQLiteBackend(path: library.appendingPathComponent("host.sqlite").path))
        try await store.prepare()
        var configuration = HostConfiguration(library: library)
        configuration.languages = try HostLanguages.load(extra: extra)
        let host = CoursepackServe.Host(store: store, configuration: configuration)
        try await Application(router: host.router()).test(.router) { client in
            let page = String(buffer: try await client.execute(uri: "/?lang=ps", method: .get).body)
            XCTAssertTrue(page.contains("lang=\"ps\" dir=\"rtl\""), page)
            XCTAssertTrue(page.contains("پیل"), "the Pashto button")
            XCTAssertTrue(page.contains(english["join.intro"]!), "untranslated: English")
            XCTAssertTrue(page.contains(">پښتو<"), "in the language switch")
            let negotiated = String(buffer: try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "ps,en;q=0.5"]).body)
            XCTAssertTrue(negotiated.contains("پیل"), "chosen from the browser's languages")
        }
    }
}
