import CoursepackLocalize
@testable import CoursepackRender
import Foundation
import XCTest

/// The bundled samples, rendered in every locale they carry.
final class SampleRenderTests: XCTestCase {
    static let samples = ["first-weeks", "talking-with-newcomers"]

    func testBothSamplesRenderInEveryLocale() throws {
        for sample in Self.samples {
            let strings = try RenderFixtures.strings(at: RenderFixtures.sample(sample))
            let locales = RenderFixtures.allLocales(strings)
            let rendered = try RenderFixtures.render(strings)
            XCTAssertEqual(rendered.documents.map(\.path), ["index.html"] + locales.dropFirst().map { "index.\($0).html" })
            let pageCount = strings.module?.manifest?["pages"]?.array?.count ?? 0
            for document in rendered.documents {
                let html = String(decoding: document.html, as: UTF8.self)
                let direction = TextDirection(locale: document.locale).rawValue
                XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(document.locale)\" dir=\"\(direction)\""), "\(sample) \(document.locale)")
                XCTAssertEqual(HTMLInspection.matches(#"<section class="cp-page"[^>]* lang="([^"]*)" dir="#, in: html),
                               Array(repeating: document.locale, count: pageCount), "every page says its language")
                for landmark in ["<header class=\"cp-header\"", "<nav class=\"cp-toc\"", "<main id=\"cp-main\"", "<footer class=\"cp-footer\""] {
                    XCTAssertTrue(html.contains(landmark), "\(sample) \(document.locale): \(landmark)")
                }
                XCTAssertEqual(HTMLInspection.nestingProblems(html), [], "\(sample) \(document.locale)")
                for landmark in HTMLInspection.matches(#"(<(?:header|nav|main|footer|section)[\s>][^>]*>)"#, in: html) {
                    XCTAssertTrue(landmark.contains("aria-label=\"") || landmark.contains("aria-labelledby=\""),
                                  "\(sample) \(document.locale): \(landmark) has no name")
                }
                let labelled = Set(HTMLInspection.matches(#"<label for="([^"]*)""#, in: html))
                for control in HTMLInspection.matches(#"<(?:input|select|textarea)[^>]*\sid="([^"]*)""#, in: html) {
                    XCTAssertTrue(labelled.contains(control), "\(sample) \(document.locale): \(control) has no label")
                }
            }
        }
    }

    func testArabicDocumentIsRightToLeftAndShowsTheTranslation() throws {
        let strings = try RenderFixtures.strings(at: RenderFixtures.sample("first-weeks"))
        let html = try RenderFixtures.render(strings).document("ar")
        XCTAssertTrue(html.contains("<html lang=\"ar\" dir=\"rtl\""))
        // Samples/first-weeks/locales/ar.po, 02-address/p-2323e2.
        XCTAssertTrue(html.contains("<p>سجّل عنوانك فور حصولك على مكان للسكن. في كثير من البلدان تكون المهلة قصيرة، أحيانًا بضعة أيام فقط، أو أسبوعًا أو أسبوعين بعد انتقالك إلى السكن.</p>"))
        XCTAssertFalse(html.contains("Register as soon as you have a place to live."), "the English paragraph is replaced")
        XCTAssertTrue(html.contains("<title>الأسابيع الأولى في بلد جديد</title>"))
        let data = try HTMLInspection.dataBlock(in: html)
        XCTAssertEqual(data["dir"] as? String, "rtl")
        let messages = try XCTUnwrap(data["messages"] as? [String: Any])
        let pagesLeft = try XCTUnwrap(messages["pages-left"] as? [String: String])
        XCTAssertEqual(Set(pagesLeft.keys), ["zero", "one", "two", "few", "many", "other"], "all six Arabic plural forms")
        XCTAssertEqual(pagesLeft["two"], "بقيت صفحتان")
    }

    func testEveryTranslatableUnitIsShown() throws {
        for sample in Self.samples {
            let strings = try RenderFixtures.strings(at: RenderFixtures.sample(sample))
            let (_, allTexts) = try ModuleRenderer.renderWithTexts(strings, locales: RenderFixtures.allLocales(strings), target: .web)
            let expected = Set(strings.units.map(\.id))
            for texts in allTexts {
                XCTAssertEqual(expected.subtracting(texts.used).sorted(), [], "\(sample) \(texts.locale): units never looked up")
            }
        }
    }

    func testTranslatedSamplesShowNoSourceText() throws {
        // Every unit of the samples is translated: no block of a translated document falls back to English.
        for sample in Self.samples {
            let strings = try RenderFixtures.strings(at: RenderFixtures.sample(sample))
            let rendered = try RenderFixtures.render(strings)
            for document in rendered.documents.dropFirst() {
                let html = String(decoding: document.html, as: UTF8.self)
                let fallbacks = HTMLInspection.matches(#"<(\w+) (?:[^>]* )?lang="en" dir="ltr"[^>]*>"#, in: html, group: 0)
                    .filter { !$0.contains("cp-module-facts") && !$0.contains("cp-credit") && !$0.contains("cp-transcript-text")
                        && !$0.contains("hreflang") && !$0.contains("cp-skip") && !$0.contains("<label") }
                XCTAssertEqual(fallbacks, [], "\(sample) \(document.locale)")
            }
        }
    }

    func testIdsAreUniqueAndEveryAnchorLinkHasItsTarget() throws {
        for sample in Self.samples {
            let strings = try RenderFixtures.strings(at: RenderFixtures.sample(sample))
            for document in try RenderFixtures.render(strings).documents {
                let html = String(decoding: document.html, as: UTF8.self)
                let ids = HTMLInspection.ids(in: html)
                XCTAssertEqual(ids.count, Set(ids).count, "\(sample) \(document.locale): \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys)")
                for target in HTMLInspection.matches(##"href="#([^"]*)""##, in: html) {
                    XCTAssertTrue(ids.contains(target), "\(sample) \(document.locale): #\(target) leads nowhere")
                }
                for labelled in HTMLInspection.matches(#"aria-labelledby="([^"]*)""#, in: html) + HTMLInspection.matches(#"<label for="([^"]*)""#, in: html) {
                    XCTAssertTrue(ids.contains(labelled), "\(sample) \(document.locale): \(labelled) is not in the document")
                }
            }
        }
    }

    func testHeadingLevelsNeverSkip() throws {
        for sample in Self.samples {
            let strings = try RenderFixtures.strings(at: RenderFixtures.sample(sample))
            for document in try RenderFixtures.render(strings).documents {
                let html = String(decoding: document.html, as: UTF8.self)
                for levels in HTMLInspection.headingLevelsBySection(html) {
                    XCTAssertEqual(levels.first, 1, "each page starts with its h1")
                    XCTAssertEqual(levels.filter { $0 == 1 }.count, 1, "one h1 per page")
                    for (previous, next) in zip(levels, levels.dropFirst()) {
                        XCTAssertLessThanOrEqual(next, previous + 1, "\(sample) \(document.locale): h\(previous) then h\(next)")
                    }
                }
            }
        }
    }

    func testNothingRefersToTheNetwork() throws {
        for sample in Self.samples {
            let strings = try RenderFixtures.strings(at: RenderFixtures.sample(sample))
            let rendered = try RenderFixtures.render(strings)
            for document in rendered.documents {
                let html = String(decoding: document.html, as: UTF8.self)
                let resources = HTMLInspection.matches(#"\s(?:src|poster|data)="([^"]*)""#, in: html)
                    + HTMLInspection.matches(#"<(?:link|script)[^>]*\shref="([^"]*)""#, in: html)
                    + HTMLInspection.matches(#"<link[^>]*\shref="([^"]*)""#, in: html)
                for reference in resources {
                    XCTAssertFalse(reference.hasPrefix("http:") || reference.hasPrefix("https:") || reference.hasPrefix("//"),
                                   "\(sample) \(document.locale): \(reference)")
                }
                for media in HTMLInspection.matches(##"\s(?:src|poster|href)="(media/[^"#?]*)"##, in: html) {
                    XCTAssertTrue(rendered.media.contains(media), "\(media) is used but not in the media list")
                }
            }
            XCTAssertTrue(Set(rendered.media).isSubset(of: Set(strings.module?.mediaFiles ?? [])))
        }
    }

    func testPageLinksBecomeLinksInsideTheDocument() throws {
        let strings = try RenderFixtures.strings(at: RenderFixtures.sample("first-weeks"))
        let html = try RenderFixtures.render(strings, locales: ["en"]).document("en")
        XCTAssertTrue(html.contains("<a href=\"#page-06-everyday-services--open-a-bank-account\">open a bank account</a>"))
        XCTAssertFalse(html.contains(".md\""), "no link to a Markdown file is left")
    }

    func testRenderingTwiceGivesTheSameBytes() throws {
        let strings = try RenderFixtures.strings(at: RenderFixtures.sample("first-weeks"))
        let first = try RenderFixtures.render(strings)
        let again = try RenderFixtures.render(try RenderFixtures.strings(at: RenderFixtures.sample("first-weeks")))
        XCTAssertEqual(first.documents, again.documents)
        XCTAssertEqual(first.media, again.media)
    }

    func testQuizAnswersAreInTheDataBlockOnly() throws {
        let strings = try RenderFixtures.strings(at: RenderFixtures.sample("first-weeks"))
        let html = try RenderFixtures.render(strings, locales: ["en"]).document("en")
        let quizzes = try XCTUnwrap(HTMLInspection.dataBlock(in: html)["quizzes"] as? [String: Any])
        let quiz = try XCTUnwrap(quizzes["address-when-quiz"] as? [String: Any])
        XCTAssertEqual(quiz["page"] as? String, "02-address")
        XCTAssertEqual(quiz["scored"] as? Bool, false)
        let question = try XCTUnwrap((quiz["questions"] as? [[String: Any]])?.first)
        XCTAssertEqual(question["answer"] as? [String], ["a"])
        let optionFeedback = try XCTUnwrap(question["optionFeedback"] as? [String: String])
        XCTAssertEqual(optionFeedback["b"], "No. You register because you live there. It does not depend on a job.")
        let visible = HTMLInspection.markupWithoutData(html)
        XCTAssertTrue(visible.contains("Only when you have found a job"), "the options are in the markup")
        XCTAssertFalse(visible.contains("It does not depend on a job"), "their feedback is not")
        XCTAssertFalse(visible.contains("Ask your local office for the exact deadline."), "nor is the explanation")
        // The right option's input looks like every other one.
        for value in ["a", "b", "c"] {
            XCTAssertTrue(visible.contains("<input type=\"radio\" id=\"cp-02-address-address-when-quiz-\(value)\" name=\"cp-02-address-address-when-quiz-answer\" value=\"\(value)\">"))
        }
    }
}
