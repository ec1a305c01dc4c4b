import CoursepackLocalize
@testable import CoursepackRender
import Foundation
import TestSupport
import XCTest

/// How translations reach the page: substituted block by block, falling back to the source, isolated
/// where directions mix.
final class TranslationRenderTests: XCTestCase {
    static let page = """
        ---
        title: Registering
        ---

        # Registering

        Register as soon as you can.

        Bring your **passport** and see [the office](#where-to-go).

        ## Where to go

        - The citizens' office
        - The town hall

        """

    /// The module with a German and an Arabic table, each filled by `translate` (unit text → translation, status).
    func strings(_ translations: [String: [String: (String, TranslationStatus)]]) throws -> (TemporaryModule, ModuleStrings) {
        let module = try RenderFixtures.module(pages: [("01-start", Self.page)], manifestExtra: "locales: [de, ar]")
        var strings = try RenderFixtures.strings(at: module.root)
        for (locale, byText) in translations {
            for unit in strings.units {
                guard let (translation, status) = byText[unit.text] else { continue }
                strings.tables[locale]?.entries[unit.id]?.translation = [translation]
                strings.tables[locale]?.entries[unit.id]?.status = status
            }
        }
        return (module, strings)
    }

    func testTranslatedBlocksReplaceTheSourceAndOthersFallBack() throws {
        let (module, strings) = try strings(["de": [
            "Register as soon as you can.": ("Melden Sie sich so bald wie möglich an.", .translated),
            "Bring your **passport** and see [the office](#where-to-go).": ("Bringen Sie Ihren **Pass** mit und gehen Sie [zum Amt](#where-to-go).", .final),
            "Where to go": ("Wohin", .stale),
            "The citizens' office": ("Das Bürgeramt", .needsReview),
            "Registering": ("Anmelden", .translated),
        ]])
        defer { withExtendedLifetime(module) {} }
        let html = try RenderFixtures.render(strings, locales: ["de"]).document("de")
        XCTAssertTrue(html.contains("<p>Melden Sie sich so bald wie möglich an.</p>"))
        XCTAssertTrue(html.contains("<p>Bringen Sie Ihren <strong>Pass</strong> mit und gehen Sie <a href=\"#page-01-start--where-to-go\">zum Amt</a>.</p>"))
        XCTAssertTrue(html.contains("<h1 id=\"page-01-start-title\">Anmelden</h1>"))
        // A stale translation is not shown: the source is, marked as English.
        XCTAssertTrue(html.contains("<h2 id=\"page-01-start--where-to-go\" lang=\"en\" dir=\"ltr\">Where to go</h2>"))
        XCTAssertFalse(html.contains("Wohin"))
        // Needs review is not shown either; a new (untranslated) unit falls back the same way.
        XCTAssertTrue(html.contains("<li><span lang=\"en\" dir=\"ltr\">The citizens' office</span></li>"))
        XCTAssertTrue(html.contains("<li><span lang=\"en\" dir=\"ltr\">The town hall</span></li>"))
        XCTAssertFalse(html.contains("Bürgeramt"))
    }

    func testLeftToRightRunsInArabicAreIsolated() throws {
        let (module, strings) = try strings(["ar": [
            "Register as soon as you can.": ("اتصل بالرقم +49 30 1234567 أو اكتب إلى info@example.org أو اسأل Amina.", .translated),
            "Registering": ("التسجيل", .translated),
        ]])
        defer { withExtendedLifetime(module) {} }
        let html = try RenderFixtures.render(strings, locales: ["en", "ar"]).document("ar")
        XCTAssertTrue(html.contains("<html lang=\"ar\" dir=\"rtl\""))
        XCTAssertTrue(html.contains("<p>اتصل بالرقم <bdi>+49 30 1234567</bdi> أو اكتب إلى <a href=\"mailto:info@example.org\" target=\"_blank\" rel=\"noopener noreferrer\"><bdi>info@example.org</bdi></a> أو اسأل <bdi>Amina</bdi>.</p>"))
        // The language switch names each language in itself, with its own direction.
        XCTAssertTrue(html.contains("<a href=\"index.html\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a> <a href=\"index.ar.html\" hreflang=\"ar\" lang=\"ar\" dir=\"rtl\" aria-current=\"true\">العربية</a>"))
    }

    func testBidiIsolationLeavesPlainNumbersAlone() {
        XCTAssertEqual(BidiIsolation.isolatingLeftToRightRuns("اتصل بالرقم 112 الآن"), "اتصل بالرقم 112 الآن")
        XCTAssertEqual(BidiIsolation.isolatingLeftToRightRuns("زر https://example.org/a?b=1 اليوم"),
                       "زر <bdi>https://example.org/a?b=1</bdi> اليوم")
        XCTAssertEqual(BidiIsolation.isolatingLeftToRightRuns("(GP) طبيب & <صيدلية>"), "(<bdi>GP</bdi>) طبيب &amp; &lt;صيدلية&gt;")
    }

    func testStringsReadFromTheTablesAloneRenderTheSame() throws {
        // The packager may hold strings read without the pages (`loadIfCurrent`): the renderer reads the
        // module itself then, and the documents are the same.
        let (module, full) = try strings([:])
        defer { withExtendedLifetime(module) {} }
        try full.write()
        let quick = try XCTUnwrap(ModuleStrings.loadIfCurrent(at: module.root))
        XCTAssertNil(quick.module)
        XCTAssertEqual(try RenderFixtures.render(quick).documents, try RenderFixtures.render(full).documents)
    }

    func testUnknownLocaleIsAnError() throws {
        let (module, strings) = try strings([:])
        defer { withExtendedLifetime(module) {} }
        XCTAssertThrowsError(try ModuleRenderer.render(strings, locales: ["fr"], target: .web)) { error in
            XCTAssertTrue("\(error)".contains("'fr'"))
        }
    }
}
