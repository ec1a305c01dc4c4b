import Foundation
import TestSupport
import XCTest
@testable import CoursepackPreview

/// The session: what a change re-renders, what tabs are told, and what is kept when an edit breaks.
final class PreviewSessionTests: XCTestCase {
    private func started(_ module: TemporaryModule) async throws -> PreviewSession {
        let session = PreviewSession(root: module.root)
        try await session.start()
        return session
    }

    private func html(_ answer: DocumentAnswer, file: StaticString = #filePath, line: UInt = #line) -> String {
        guard case .html(let html) = answer else {
            XCTFail("expected a document, got \(answer)", file: file, line: line)
            return ""
        }
        return html
    }

    func testTheDocumentIsTheModuleWithThePreviewsScriptAndTheLinesOfItsBlocks() async throws {
        let module = try PreviewFixtures.module()
        let session = try await started(module)
        let document = html(await session.document("index.html", review: false))
        XCTAssertTrue(document.contains("The first paragraph of the welcome page."))
        XCTAssertTrue(document.contains("src=\"player/player.js\""), "the same player as a package")
        XCTAssertTrue(document.contains("/_preview/client.js"))
        XCTAssertTrue(document.contains("data-cp-line=\"5\""), "blocks say their line, for the findings")
        XCTAssertTrue(document.contains("index.en-XA.html") && document.contains("index.ar-XB.html"),
                      "the language switch offers the pseudo-locales")
        let rtl = html(await session.document("index.ar-XB.html", review: false))
        XCTAssertTrue(rtl.contains("<html lang=\"ar-XB\" dir=\"rtl\""))
        let french = await session.document("index.fr.html", review: false)
        XCTAssertEqual(french, .notFound)
    }

    func testAPageChangeRendersThatPageAloneAndTellsTheTabs() async throws {
        let module = try PreviewFixtures.module()
        let session = try await started(module)
        _ = html(await session.document("index.html", review: false))
        _ = html(await session.document("index.ar.html", review: false))
        let before = await session.pagesRendered
        XCTAssertEqual(before, 6, "three pages in two variants")
        let events = session.events()
        try module.write("pages/01-welcome.md", PreviewFixtures.page("Welcome", body: "An edited first paragraph."))
        let summary = await session.apply(["pages/01-welcome.md"])
        XCTAssertEqual(summary, "pages/01-welcome.md: updated")
        let after = await session.pagesRendered
        XCTAssertEqual(after - before, 2, "one page in each open variant, not the module")
        let event = await Self.nextChange(events)
        guard case .pages(_, let ids)? = event else { return XCTFail("expected a page event, got \(String(describing: event))") }
        XCTAssertEqual(ids, ["01-welcome"])
        let page = await session.page("01-welcome", locale: "en", review: false)
        XCTAssertTrue(page?.page.html.contains("An edited first paragraph.") == true)
        let document = html(await session.document("index.html", review: false))
        XCTAssertTrue(document.contains("An edited first paragraph."))
        XCTAssertFalse(document.contains("The first paragraph of the welcome page."))
        let afterDocument = await session.pagesRendered
        XCTAssertEqual(afterDocument, after, "the document is put together from pages already rendered")
    }

    func testAnEditThatBreaksAPageKeepsTheLastGoodOneAndSaysWhere() async throws {
        let module = try PreviewFixtures.module()
        let session = try await started(module)
        try module.write("pages/01-welcome.md", "---\ntitle: [Welcome\n---\n\nBroken now.\n")
        await session.apply(["pages/01-welcome.md"])
        let report = await session.report()
        XCTAssertEqual(report.holds.map(\.page), ["01-welcome"])
        let finding = try XCTUnwrap(report.findings.first { $0.file == "pages/01-welcome.md" })
        XCTAssertEqual(finding.severity, "error")
        XCTAssertGreaterThan(finding.line, 1)
        let page = await session.page("01-welcome", locale: "en", review: false)
        XCTAssertTrue(page?.page.html.contains("The first paragraph of the welcome page.") == true, "the last good page stays")
        try module.write("pages/01-welcome.md", PreviewFixtures.page("Welcome", body: "Fixed again."))
        await session.apply(["pages/01-welcome.md"])
        let fixed = await session.report()
        XCTAssertTrue(fixed.holds.isEmpty)
        XCTAssertFalse(fixed.findings.contains { $0.file == "pages/01-welcome.md" })
        let now = await session.page("01-welcome", locale: "en", review: false)
        XCTAssertTrue(now?.page.html.contains("Fixed again.") == true)
    }

    func testADeletedPageIsKeptUntilItComesBack() async throws {
        let module = try PreviewFixtures.module()
        let session = try await started(module)
        try FileManager.default.removeItem(at: module.root.appendingPathComponent("pages/02-office.md"))
        await session.apply(["pages/02-office.md"])
        let report = await session.report()
        XCTAssertEqual(report.holds.map(\.page), ["02-office"])
        XCTAssertTrue(report.holds[0].message.contains("deleted"))
        let keptPage = await session.page("02-office", locale: "en", review: false)
        XCTAssertNotNil(keptPage)
        let ran = await session.waitForCheck()
        XCTAssertTrue(ran)
        let checked = await session.report()
        XCTAssertTrue(checked.findings.contains { $0.file == "module.yaml" && $0.message.contains("02-office") },
                      "the checker says module.yaml lists a page that is gone: \(checked.findings)")
        try module.write("pages/02-office.md", PreviewFixtures.page("At the office", body: "Back."))
        await session.apply(["pages/02-office.md"])
        let backReport = await session.report()
        XCTAssertTrue(backReport.holds.isEmpty)
    }

    func testAChangeOfModuleYamlReloadsTheTabs() async throws {
        let module = try PreviewFixtures.module()
        let session = try await started(module)
        let events = session.events()
        let manifest = try String(contentsOf: module.root.appendingPathComponent("module.yaml"), encoding: .utf8)
        try module.write("module.yaml", manifest.replacingOccurrences(of: "title: Preview test", with: "title: A new title"))
        await session.apply(["module.yaml"])
        let event = await Self.nextChange(events)
        guard case .reload? = event else { return XCTFail("expected a reload, got \(String(describing: event))") }
        let retitled = await session.document("index.html", review: false)
        XCTAssertTrue(html(retitled).contains("A new title"))
        // A module.yaml that no longer parses keeps the last good module on show.
        try module.write("module.yaml", "id: [broken\n")
        await session.apply(["module.yaml"])
        let brokenReport = await session.report()
        XCTAssertEqual(brokenReport.holds.count, 1)
        let kept = await session.document("index.html", review: false)
        XCTAssertTrue(html(kept).contains("A new title"))
    }

    func testReviewMarksEveryStringAndAStaleOneStale() async throws {
        let module = try PreviewFixtures.module()
        let session = try await started(module)
        let reviewAnswer = await session.page("02-office", locale: "ar", review: true)
        let review = try XCTUnwrap(reviewAnswer).page.html
        let marks = PreviewFixtures.marks(in: review)
        let paragraph = try XCTUnwrap(marks.first { $0.id.hasPrefix("02-office/p-") }, "the paragraph is marked: \(review)")
        XCTAssertEqual(paragraph.status, "new")
        XCTAssertTrue(review.contains("lang=\"en\""), "a new string is shown in the source language")
        XCTAssertTrue(marks.contains { $0.id == "02-office/title" }, "front matter fields are marked too: \(marks)")
        try PreviewFixtures.translate(module, id: paragraph.id, source: PreviewFixtures.translatedSentence,
                                      translation: "أحضر تصريح إقامتك إلى مكتب البلدية.")
        await session.apply(["locales/ar.po", "locales/source.pot"])
        let translatedAnswer = await session.page("02-office", locale: "ar", review: true)
        let translated = try XCTUnwrap(translatedAnswer).page.html
        XCTAssertTrue(PreviewFixtures.marks(in: translated).contains { $0 == (paragraph.id, "translated") })
        XCTAssertTrue(translated.contains("أحضر تصريح إقامتك"))
        // The author changes the source: the translation is stale, shown with its id for the reviewer.
        try module.write("pages/02-office.md", PreviewFixtures.page("At the office",
                                                                    body: "Bring your residence permit to the town office on Monday."))
        await session.apply(["pages/02-office.md"])
        let staleAnswer = await session.page("02-office", locale: "ar", review: true)
        let stale = try XCTUnwrap(staleAnswer).page.html
        XCTAssertTrue(PreviewFixtures.marks(in: stale).contains { $0 == (paragraph.id, "stale") }, stale)
        // Learners never see a stale translation: the source stands in.
        let learnerAnswer = await session.page("02-office", locale: "ar", review: false)
        let learner = try XCTUnwrap(learnerAnswer).page.html
        XCTAssertTrue(learner.contains("on Monday."))
        XCTAssertFalse(learner.contains("data-cp-status"))
    }

    func testFindingsComeFromTheCheckerAndClearWhenFixed() async throws {
        let module = try PreviewFixtures.module()
        let session = try await started(module)
        let checkedBefore = await session.waitForCheck()
        XCTAssertTrue(checkedBefore)
        let firstReport = await session.report()
        XCTAssertFalse(firstReport.findings.contains { $0.severity == "error" }, "\(firstReport.findings)")
        // A quiz with no correct answer: the checker's rule, with the place.
        let quiz = try String(contentsOf: module.root.appendingPathComponent("pages/03-quiz.md"), encoding: .utf8)
        try module.write("pages/03-quiz.md", quiz.replacingOccurrences(of: "    correct: true\n", with: ""))
        await session.apply(["pages/03-quiz.md"])
        let checkedBroken = await session.waitForCheck()
        XCTAssertTrue(checkedBroken)
        let report = await session.report()
        XCTAssertTrue(report.checked)
        let finding = try XCTUnwrap(report.findings.first { $0.file == "pages/03-quiz.md" && $0.severity == "error" }, "\(report.findings)")
        XCTAssertEqual(finding.page, "03-quiz")
        XCTAssertGreaterThanOrEqual(finding.line, 7, "inside the quiz, which starts on line 7")
        try module.write("pages/03-quiz.md", quiz)
        await session.apply(["pages/03-quiz.md"])
        let checkedFixed = await session.waitForCheck()
        XCTAssertTrue(checkedFixed)
        let fixedReport = await session.report()
        XCTAssertFalse(fixedReport.findings.contains { $0.file == "pages/03-quiz.md" })
    }

    /// A page's own findings (its schemas, the rules that look at one page, its strings' translations)
    /// change with the save itself: they do not wait for the cross-page rules' run over the whole module.
    func testAPagesOwnFindingsComeAndGoWithTheSave() async throws {
        let module = try PreviewFixtures.module()
        let session = try await started(module)
        let quiz = try String(contentsOf: module.root.appendingPathComponent("pages/03-quiz.md"), encoding: .utf8)
        try module.write("pages/03-quiz.md", quiz.replacingOccurrences(of: "kind: single", with: "kind: sometimes"))
        await session.apply(["pages/03-quiz.md"])
        let broken = await session.report()
        let finding = try XCTUnwrap(broken.findings.first { $0.file == "pages/03-quiz.md" && $0.severity == "error" },
                                    "the quiz's schema finding is there at once: \(broken.findings)")
        XCTAssertEqual(finding.page, "03-quiz")
        XCTAssertTrue(finding.message.contains("sometimes") || finding.message.contains("kind"), finding.message)
        // A rule that looks at one page (a quiz with no correct answer) goes with the save too.
        try module.write("pages/03-quiz.md", quiz.replacingOccurrences(of: "    correct: true\n", with: ""))
        await session.apply(["pages/03-quiz.md"])
        let unanswerable = await session.report()
        XCTAssertTrue(unanswerable.findings.contains { $0.file == "pages/03-quiz.md" && $0.code == "CP501" },
                      "\(unanswerable.findings)")
        try module.write("pages/03-quiz.md", quiz)
        await session.apply(["pages/03-quiz.md"])
        let fixed = await session.report()
        XCTAssertFalse(fixed.findings.contains { $0.file == "pages/03-quiz.md" }, "\(fixed.findings)")

        // A translation with a doubled word: found when the tables are read; when the author changes the
        // source, the translation is stale, no longer checked, and its finding goes with the save.
        let reviewAnswer = await session.page("02-office", locale: "ar", review: true)
        let marks = PreviewFixtures.marks(in: try XCTUnwrap(reviewAnswer).page.html)
        let paragraph = try XCTUnwrap(marks.first { $0.id.hasPrefix("02-office/p-") })
        try PreviewFixtures.translate(module, id: paragraph.id, source: PreviewFixtures.translatedSentence,
                                      translation: "أحضر تصريح تصريح إقامتك إلى مكتب البلدية.")
        await session.apply(["locales/ar.po", "locales/source.pot"])
        let translated = await session.report()
        XCTAssertTrue(translated.findings.contains { $0.file == "locales/ar.po" && $0.message.contains(paragraph.id) },
                      "the doubled word is found: \(translated.findings)")
        try module.write("pages/02-office.md", PreviewFixtures.page("At the office", body: "Bring your permit on Monday."))
        await session.apply(["pages/02-office.md"])
        let stale = await session.report()
        XCTAssertFalse(stale.findings.contains { $0.file == "locales/ar.po" }, "\(stale.findings)")
        let checked = await session.waitForCheck()
        XCTAssertTrue(checked)
    }

    /// A pseudo-locale's table is made when a tab first asks for it (not at the start), and follows the
    /// saves from then on: a string without its pseudo-translation would show in English.
    func testAPseudoLocaleIsMadeWhenFirstAskedForAndFollowsTheSaves() async throws {
        let module = try PreviewFixtures.module()
        let session = try await started(module)
        let rtl = html(await session.document("index.ar-XB.html", review: false))
        XCTAssertTrue(rtl.contains("<html lang=\"ar-XB\" dir=\"rtl\""))
        XCTAssertFalse(rtl.contains("The first paragraph of the welcome page."), "pseudo-translated, not the source")
        let beforeAnswer = await session.page("01-welcome", locale: "ar-XB", review: false)
        let before = try XCTUnwrap(beforeAnswer).page.html
        try module.write("pages/01-welcome.md", PreviewFixtures.page("Welcome", body: "An edited first paragraph."))
        await session.apply(["pages/01-welcome.md"])
        let afterAnswer = await session.page("01-welcome", locale: "ar-XB", review: false)
        let after = try XCTUnwrap(afterAnswer).page.html
        XCTAssertNotEqual(after, before)
        XCTAssertFalse(after.contains("An edited first paragraph."), "the new sentence pseudo-translated: \(after)")
        let accentedAnswer = await session.page("01-welcome", locale: "en-XA", review: false)
        let accented = try XCTUnwrap(accentedAnswer).page.html
        XCTAssertFalse(accented.contains("An edited first paragraph."), "made from the strings as they are now: \(accented)")
    }

    func testNothingIsWrittenIntoTheModuleFolder() async throws {
        let module = try PreviewFixtures.module()
        let before = try Self.listing(module.root)
        let session = try await started(module)
        _ = await session.document("index.html", review: false)
        _ = await session.document("index.ar.html", review: true)
        await session.apply(["pages/01-welcome.md", "module.yaml"])
        let checked = await session.waitForCheck()
        XCTAssertTrue(checked)
        XCTAssertEqual(try Self.listing(module.root), before)
    }

    func testAFolderThatIsNoModuleIsRefusedInOneSentence() async throws {
        let folder = try TemporaryModule(["notes.txt": "hello"])
        let session = PreviewSession(root: folder.root)
        do {
            try await session.start()
            XCTFail("a folder without module.yaml was accepted")
        } catch {
            XCTAssertTrue(error.description.contains("no module.yaml"), error.description)
        }
        let missing = PreviewSession(root: folder.root.appendingPathComponent("nowhere"))
        do {
            try await missing.start()
            XCTFail("a missing folder was accepted")
        } catch {
            XCTAssertTrue(error.description.contains("no such file or folder"), error.description)
        }
    }

    func testChangesAreSortedByWhatTheyTouch() {
        XCTAssertEqual(ModuleChange.of(["pages/01-a.md", "pages/02-b.md"]), .pages(["01-a", "02-b"]))
        XCTAssertEqual(ModuleChange.of(["pages/01-a.md", "module.yaml"]), .module)
        XCTAssertEqual(ModuleChange.of(["locales/ar.po"]), .module)
        XCTAssertEqual(ModuleChange.of(["media/clinic.jpg"]), .module)
        XCTAssertEqual(ModuleChange.of(["README.md", "pages/notes.txt", "pages/sub/x.md"]), .nothing)
    }

    /// The next event that tells tabs to show something new; findings come and go beside (the checker
    /// started by `start()` may report at any moment) and are passed over.
    static func nextChange(_ events: AsyncStream<PreviewEvent>) async -> PreviewEvent? {
        for await event in events {
            if case .findings = event { continue }
            return event
        }
        return nil
    }

    /// Every file's path, size and modification time.
    static func listing(_ root: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey])
        while let url = enumerator?.nextObject() as? URL {
            let values = try url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
            files[url.path] = "\(values.fileSize ?? -1) \(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
        }
        return files
    }
}
