@testable import CoursepackCheck
import XCTest
import CoursepackLoad

/// The two grammars the rules implement by hand: Semantic Versioning 2.0.0 and BCP 47 well-formedness.
final class GrammarTests: XCTestCase {
    func testSemanticVersions() {
        for valid in ["0.0.0", "1.0.0", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x.7.z.92",
                      "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0-rc.1+build.1"] {
            XCTAssertTrue(SemanticVersion.isValid(valid), valid)
        }
        for invalid in ["1", "1.0", "v1.0.0", "1.0.0.0", "01.0.0", "1.02.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0-a..b",
                        "1.0.0-beta_1", " 1.0.0", ""] {
            XCTAssertFalse(SemanticVersion.isValid(invalid), invalid)
        }
    }

    func testLanguageTags() {
        for valid in ["en", "ar", "uk", "ti", "fa-AF", "pt-BR", "zh-Hant-TW", "sr-Latn-RS", "ku-Arab", "es-419", "de-CH-1996",
                      "sl-rozaj-biske", "en-US-u-ca-gregory", "x-private", "en-x-custom", "i-klingon", "zh-yue-HK", "prs"] {
            XCTAssertTrue(LanguageTag.isWellFormed(valid), valid)
        }
        for invalid in ["", "e", "en_US", "english-", "-en", "en--US", "a1", "toolonglanguage", "de-CH-1996-1996",
                        "en-a-bbb-a-ccc", "en-a", "x", "ar EG", "zh-Hant-TW-"] {
            XCTAssertFalse(LanguageTag.isWellFormed(invalid), invalid)
        }
        XCTAssertEqual(LanguageTag.hint(for: "en_US"), "use a hyphen, not an underscore: 'en-US'")
    }

    func testSpellingSuggestions() {
        XCTAssertEqual(Spelling.closest(to: "corect", among: ["text", "correct", "feedback"]), "correct")
        XCTAssertEqual(Spelling.closest(to: "qiuz", among: ["quiz", "image"]), "quiz")
        XCTAssertNil(Spelling.closest(to: "banana", among: ["text", "correct"]))
    }
}
