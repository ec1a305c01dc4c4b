import Foundation
import XCTest
@testable import CoursepackLocalize

final class TranslationMemoryTests: XCTestCase {
    private var folders: [URL] = []

    override func tearDown() {
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
        folders = []
        super.tearDown()
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("coursepack-tm-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        folders.append(folder)
        return folder
    }

    private func entry(_ source: String, _ target: String, _ from: String = "en", _ to: String = "ar",
                       origin: String? = nil) -> TranslationMemoryEntry {
        TranslationMemoryEntry(source: source, target: target, sourceLocale: from, targetLocale: to,
                               origin: origin, created: nil)
    }

    private func memory(_ entries: [TranslationMemoryEntry]) throws -> TranslationMemory {
        let memory = try TranslationMemory(inMemory: ())
        try memory.add(entries)
        return memory
    }

    // MARK: Exact

    func testExactHitIgnoresWhitespaceButNotCaseOrMarkup() throws {
        let memory = try memory([entry("Save the **file** before you leave.", "احفظ **الملف** قبل أن تغادر.")])

        let hits = try memory.exact("  Save the\n**file**   before you leave. ", from: "en", to: "ar")
        XCTAssertEqual(hits.count, 1)
        XCTAssertEqual(hits.first?.score, 100)
        XCTAssertEqual(hits.first?.isExact, true)
        XCTAssertEqual(hits.first?.entry.target, "احفظ **الملف** قبل أن تغادر.")
        XCTAssertEqual(hits.first?.entry.source, "Save the **file** before you leave.")

        XCTAssertEqual(try memory.exact("save the **file** before you leave.", from: "en", to: "ar"), [])
        XCTAssertEqual(try memory.exact("Save the file before you leave.", from: "en", to: "ar"), [])
    }

    func testExactMatchesAllTargetsNewestFirst() throws {
        let memory = try memory([entry("Next", "التالي"), entry("Next", "بعد")])
        let hits = try memory.exact("Next", from: "en", to: "ar")
        XCTAssertEqual(hits.map(\.entry.target), ["بعد", "التالي"])
    }

    // MARK: Fuzzy

    func testFuzzyHitAboveThreshold() throws {
        let memory = try memory([
            entry("Select the correct answer from the list below.", "اختر الإجابة الصحيحة من القائمة أدناه."),
            entry("Open the settings page to change your password.", "افتح صفحة الإعدادات لتغيير كلمة المرور."),
        ])
        // 8 words, one replaced: 100 × (1 − 1/8) = 87.
        let matches = try memory.fuzzy("Select the right answer from the list below.", from: "en", to: "ar")
        XCTAssertEqual(matches.count, 1)
        let match = try XCTUnwrap(matches.first)
        XCTAssertFalse(match.isExact)
        XCTAssertTrue((84...90).contains(match.score), "score \(match.score)")
        XCTAssertEqual(match.entry.target, "اختر الإجابة الصحيحة من القائمة أدناه.")
    }

    func testFuzzyBelowThresholdIsLeftOutUnlessTheThresholdIsLower() throws {
        let memory = try memory([entry("Select the correct answer from the list below.", "اختر الإجابة الصحيحة.")])
        // 8 words, three replaced: 100 × (1 − 3/8) = 62.
        let query = "Select the best answer from the table above."
        XCTAssertEqual(try memory.fuzzy(query, from: "en", to: "ar"), [])
        let lower = try memory.fuzzy(query, from: "en", to: "ar", threshold: 50)
        XCTAssertEqual(lower.count, 1)
        XCTAssertTrue((58...66).contains(lower[0].score), "score \(lower[0].score)")
        XCTAssertEqual(try memory.fuzzy("Nothing in common at all here", from: "en", to: "ar", threshold: 10), [])
    }

    func testFuzzyExcludesExactAndRanksBestFirst() throws {
        let memory = try memory([
            entry("Read the safety rules before you start the machine.", "a"),
            entry("Read the safety rules before you start the engine.", "b"),
            entry("Read the rules before you start the old engine today.", "c"),
        ])
        let matches = try memory.fuzzy("Read the safety rules before you start the machine.", from: "en", to: "ar")
        XCTAssertEqual(matches.map(\.entry.target), ["b", "c"].filter { target in matches.contains { $0.entry.target == target } })
        XCTAssertFalse(matches.contains { $0.entry.target == "a" })
        XCTAssertEqual(matches.first?.entry.target, "b")
        XCTAssertEqual(matches.map(\.score), matches.map(\.score).sorted(by: >))
        XCTAssertTrue(matches.allSatisfy { $0.score <= 99 && !$0.isExact })
        XCTAssertEqual(try memory.fuzzy("Read the safety rules before you start the machine.", from: "en", to: "ar", limit: 1).count, 1)
    }

    func testCaseOnlyDifferenceIsAFuzzyMatchJustBelowExact() throws {
        let memory = try memory([entry("Save the file now", "احفظ الملف الآن")])
        XCTAssertEqual(try memory.exact("save the file now", from: "en", to: "ar"), [])
        let match = try XCTUnwrap(try memory.fuzzy("save the file now", from: "en", to: "ar").first)
        XCTAssertTrue((95...99).contains(match.score), "score \(match.score)")
    }

    func testMarkupAndNumberDifferencesCostAFewPoints() throws {
        let memory = try memory([
            entry("Press Save to keep your changes", "markup"),
            entry("You have 3 attempts left in this quiz", "numbers"),
        ])
        let markup = try XCTUnwrap(try memory.fuzzy("Press **Save** to keep your changes", from: "en", to: "ar").first)
        XCTAssertEqual(markup.entry.target, "markup")
        XCTAssertEqual(markup.score, 100 - MemoryText.markupPenalty)

        // 8 words, one replaced (87), less the number penalty.
        let numbers = try XCTUnwrap(try memory.fuzzy("You have 5 attempts left in this quiz", from: "en", to: "ar").first)
        XCTAssertEqual(numbers.entry.target, "numbers")
        XCTAssertEqual(numbers.score, 87 - MemoryText.numberPenalty)
    }

    func testQueryWordsThatLookLikeFTSSyntaxAreQuoted() throws {
        let memory = try memory([entry(#"Type "NOT" OR "NEAR" AND (x*) - then press ^ and : {count}"#, "t")])
        let matches = try memory.fuzzy(#"Type "NOT" OR "NEAR" AND (y*) - then press ^ and : {count}"#, from: "en", to: "ar")
        XCTAssertEqual(matches.count, 1)
        XCTAssertEqual(try memory.fuzzy("NEAR(", from: "en", to: "ar").count, 0)
        XCTAssertEqual(try memory.fuzzy("NEAR(", from: "en", to: "ar", threshold: 1).count, 1)
    }

    func testLongSourcesCapTheQuery() throws {
        let words = (0..<80).map { "word\($0)" }
        let memory = try memory([entry(words.joined(separator: " "), "long")])
        var changed = words
        changed[40] = "other"
        let match = try XCTUnwrap(try memory.fuzzy(changed.joined(separator: " "), from: "en", to: "ar").first)
        XCTAssertEqual(match.score, 98)
    }

    func testSimilarityScores() {
        XCTAssertEqual(TranslationMemory.similarity("Save  the file", "Save the file"), 100)
        XCTAssertEqual(TranslationMemory.similarity("Save the file now", "Save the page now"), 75)
        XCTAssertEqual(TranslationMemory.similarity("…", "!!"), 0)
        XCTAssertEqual(TranslationMemory.similarity("one two", "three four"), 0)
    }

    func testRankingFindsTheCloseSegmentAmongManySharingItsWords() throws {
        // 300 segments share the rare words "valve" and "pump"; one is a near copy.
        var entries: [TranslationMemoryEntry] = []
        for n in 0..<300 {
            entries.append(entry("The valve and the pump need check number \(n) today", "d\(n)"))
        }
        entries.append(entry("Close the valve before you start the pump again", "target"))
        let memory = try memory(entries)
        let match = try XCTUnwrap(try memory.fuzzy("Close the valve before you restart the pump again", from: "en", to: "ar").first)
        XCTAssertEqual(match.entry.target, "target")
        XCTAssertTrue((85...90).contains(match.score), "score \(match.score)")
    }

    func testPostingMergeCountsAndWeighsEverySegment() {
        var merge = PostingMerge()
        merge.postings = [1, 4, 9, /* */ 4, 5, 9, /* */ 9]
        merge.lists = [(0, 3, 1.0), (3, 6, 2.0), (6, 7, 4.0)]
        let all = merge.best(required: 1, capacity: 10)
        XCTAssertEqual(all.map(\.segment), [9, 4, 5, 1])
        XCTAssertEqual(all.map(\.weight), [7.0, 3.0, 2.0, 1.0])
        XCTAssertEqual(merge.best(required: 2, capacity: 10).map(\.segment), [9, 4])
        XCTAssertEqual(merge.best(required: 1, capacity: 2).map(\.segment), [9, 4])
        XCTAssertEqual(PostingMerge().best(required: 1, capacity: 5).count, 0)
    }

    // MARK: Locales

    func testLocalePairsAreKeptApart() throws {
        let memory = try memory([
            entry("Welcome to the course", "مرحبا بكم في الدورة", "en", "ar"),
            entry("Welcome to the course", "Ласкаво просимо до курсу", "en", "uk"),
            entry("Welcome to the course", "به دوره خوش آمدید", "en", "fa-AF"),
        ])
        XCTAssertEqual(try memory.exact("Welcome to the course", from: "en", to: "uk").map(\.entry.target),
                       ["Ласкаво просимо до курсу"])
        XCTAssertEqual(try memory.exact("Welcome to the course", from: "EN", to: "AR").map(\.entry.target),
                       ["مرحبا بكم في الدورة"])
        XCTAssertEqual(try memory.exact("Welcome to the course", from: "en", to: "FA-af").count, 1)
        // A tag covers the tags that add a region to it (LanguageTag), not the other way round.
        XCTAssertEqual(try memory.exact("Welcome to the course", from: "en", to: "fa").count, 1)
        XCTAssertEqual(try memory.exact("Welcome to the course", from: "en", to: "fa-IR"), [])
        XCTAssertEqual(try memory.exact("Welcome to the course", from: "en-US", to: "uk").count, 1)
        XCTAssertEqual(try memory.exact("Welcome to the course", from: "ar", to: "en"), [])

        let fuzzy = try memory.fuzzy("Welcome to this course", from: "en", to: "uk")
        XCTAssertEqual(fuzzy.map(\.entry.target), ["Ласкаво просимо до курсу"])
        XCTAssertEqual(try memory.fuzzy("Welcome to this course", from: "en", to: "ti"), [])
        XCTAssertEqual(try memory.fuzzy("Welcome to this course", from: "en", to: "fa-IR"), [])
    }

    // MARK: Deduplication

    func testDeduplicationOnSourceLocalesAndTarget() throws {
        let memory = try TranslationMemory(inMemory: ())
        XCTAssertEqual(try memory.add([entry("Next page", "الصفحة التالية"), entry("Next page", "الصفحة التالية")]), 1)
        XCTAssertEqual(try memory.add([entry("Next  page ", "الصفحة  التالية")]), 0)
        XCTAssertEqual(try memory.add([entry("Next page", "الصفحة التالية", "EN", "AR")]), 0)
        XCTAssertEqual(try memory.add([entry("Next page", "الصفحة اللاحقة")]), 1)
        XCTAssertEqual(try memory.add([entry("Next page", "Наступна сторінка", "en", "uk")]), 1)
        XCTAssertEqual(try memory.add([entry("Next Page", "الصفحة التالية")]), 1)
        XCTAssertEqual(try memory.add([entry("", "x"), entry("x", "  "), entry("x", "y", "", "ar")]), 0)
        XCTAssertEqual(try memory.count, 4)
    }

    func testEntriesForExport() throws {
        let memory = try memory([
            entry("One", "واحد", "en", "ar", origin: "module-a"),
            entry("Two", "Два", "en", "uk"),
            entry("Two", "اثنان", "en", "AR"),
        ])
        XCTAssertEqual(try memory.entries(from: nil, to: nil).count, 3)
        let arabic = try memory.entries(from: "EN", to: "ar")
        XCTAssertEqual(arabic.map(\.target), ["واحد", "اثنان"])
        XCTAssertEqual(arabic.first?.origin, "module-a")
        XCTAssertEqual(arabic.last?.targetLocale, "AR")
        XCTAssertEqual(try memory.entries(from: nil, to: "uk").map(\.source), ["Two"])
        XCTAssertEqual(try memory.entries(from: "fr", to: nil), [])
    }

    // MARK: Scripts

    func testArabicSourcesIgnoringVowelMarks() throws {
        let memory = try memory([
            entry("اخْتَرِ الإجابةَ الصحيحةَ مِنَ القائمةِ أدناه", "Choose the correct answer from the list below", "ar", "en"),
        ])
        XCTAssertEqual(try memory.exact("اخْتَرِ الإجابةَ الصحيحةَ مِنَ القائمةِ أدناه", from: "ar", to: "en").count, 1)
        // The same words without harakat: a close fuzzy match, not an exact one.
        let bare = try memory.fuzzy("اختر الإجابة الصحيحة من القائمة أدناه", from: "ar", to: "en")
        XCTAssertEqual(bare.count, 1)
        XCTAssertTrue((90...99).contains(bare[0].score), "score \(bare[0].score)")
        // One of six words different: 83.
        let other = try memory.fuzzy("اختر الإجابة الصحيحة من الجدول أدناه", from: "ar", to: "en")
        XCTAssertTrue((75...86).contains(other.first?.score ?? 0), "\(other)")
    }

    func testUkrainianCyrillic() throws {
        let memory = try memory([
            entry("Виберіть правильну відповідь зі списку нижче", "Select the correct answer from the list below", "uk", "en"),
            entry("Ґрунтовний огляд курсу про безпеку в Києві", "A thorough overview of the safety course in Kyiv", "uk", "en"),
        ])
        let first = try memory.fuzzy("Виберіть правильну відповідь зі списку", from: "uk", to: "en")
        XCTAssertEqual(first.count, 1)
        XCTAssertTrue((80...86).contains(first[0].score), "score \(first[0].score)")  // 5 of 6 words
        let second = try memory.fuzzy("ҐРУНТОВНИЙ огляд курсу про безпеку в Києві", from: "uk", to: "en")
        XCTAssertEqual(second.first?.entry.target, "A thorough overview of the safety course in Kyiv")
        XCTAssertTrue((95...99).contains(second.first?.score ?? 0))
    }

    func testTigrinyaEthiopic() throws {
        let memory = try memory([
            entry("ቅድሚ ምጅማርካ ነዚ መምርሒ ብጥንቃቐ ኣንብቦ።", "Read this guide carefully before you start.", "ti", "en"),
            entry("ሕቶታት እንተሃልዩኩም ንመምህርኩም ሕተቱ።", "If you have questions, ask your teacher.", "ti", "en"),
        ])
        XCTAssertEqual(try memory.exact("ቅድሚ ምጅማርካ ነዚ መምርሒ ብጥንቃቐ ኣንብቦ።", from: "ti", to: "en").count, 1)
        let matches = try memory.fuzzy("ቅድሚ ምጅማርካ እዚ መምርሒ ብጥንቃቐ ኣንብቦ።", from: "ti", to: "en")
        XCTAssertEqual(matches.map(\.entry.target), ["Read this guide carefully before you start."])
        XCTAssertTrue((80...86).contains(matches[0].score), "score \(matches[0].score)")  // 5 of 6 words
        // The Ethiopic wordspace separates words like a space.
        let wordspace = try memory.fuzzy("ሕቶታት፡እንተሃልዩኩም፡ንመምህርኩም፡ሕተቱ።", from: "ti", to: "en")
        XCTAssertEqual(wordspace.first?.entry.target, "If you have questions, ask your teacher.")
    }

    // MARK: Texts without words

    func testSourcesOfOnlyPunctuationOrMarkup() throws {
        let memory = try memory([
            entry("…!?", "؟!…"),
            entry("![](images/logo.png)", "![](images/logo.png)"),
            entry("**—**", "**—**"),
        ])
        XCTAssertEqual(try memory.count, 3)
        XCTAssertEqual(try memory.exact("…!?", from: "en", to: "ar").count, 1)
        XCTAssertEqual(try memory.exact("![](images/logo.png)", from: "en", to: "ar").count, 1)
        XCTAssertEqual(try memory.fuzzy("…!?", from: "en", to: "ar"), [])
        XCTAssertEqual(try memory.fuzzy("**—**", from: "en", to: "ar", threshold: 0), [])
        XCTAssertEqual(try memory.fuzzy("![](images/other.png)", from: "en", to: "ar"), [])
        XCTAssertEqual(try memory.fuzzy("", from: "en", to: "ar"), [])
        XCTAssertEqual(try memory.exact("", from: "en", to: "ar"), [])
        let batch = try memory.suggestions(for: ["", "…!?", "\"\" ()*", "**—**"], from: "en", to: "ar")
        XCTAssertEqual(batch.map(\.count), [0, 1, 0, 1])
    }

    // MARK: Batch

    func testSuggestionsKeepOrderExactFirstAndLimit() throws {
        var entries: [TranslationMemoryEntry] = []
        for n in 0..<50 {
            entries.append(entry("Lesson \(n) explains how the pump station filters river water", "L\(n)"))
        }
        entries.append(entry("Close the valve slowly", "exact"))
        entries.append(entry("Close the valve very slowly", "close"))
        let memory = try memory(entries)
        let sources = (0..<40).map { "Lesson \($0) explains how the pump station filters lake water" }
            + ["Close the valve slowly", "Nothing like the others", ""]
        let results = try memory.suggestions(for: sources, from: "en", to: "ar", limit: 2)
        XCTAssertEqual(results.count, sources.count)
        for n in 0..<40 {
            XCTAssertEqual(results[n].first?.entry.target, "L\(n)", "\(n)")
            XCTAssertTrue(results[n].count <= 2)
        }
        XCTAssertEqual(results[40].map(\.entry.target), ["exact", "close"])
        XCTAssertEqual(results[40].map(\.isExact), [true, false])
        XCTAssertEqual(results[41], [])
        XCTAssertEqual(results[42], [])
        XCTAssertEqual(try memory.suggestions(for: [], from: "en", to: "ar"), [])
    }

    // MARK: Files

    func testReopenedFileKeepsItsEntries() throws {
        let url = try temporaryFolder().appendingPathComponent("nested/deeper/memory.sqlite")
        do {
            let memory = try TranslationMemory(url: url)
            XCTAssertEqual(try memory.add([
                entry("Wash your hands before the practical session", "اغسل يديك قبل الجلسة العملية"),
                entry("Прочитайте інструкцію", "Read the instructions", "uk", "en"),
            ]), 2)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path))
        let reopened = try TranslationMemory(url: url)
        XCTAssertEqual(try reopened.count, 2)
        XCTAssertEqual(try reopened.exact("Прочитайте інструкцію", from: "uk", to: "en").count, 1)
        XCTAssertEqual(try reopened.fuzzy("Wash your hands before the theory session", from: "en", to: "ar").count, 1)
        XCTAssertEqual(try reopened.add([entry("Wash your hands before the practical session", "اغسل يديك قبل الجلسة العملية")]), 0)
    }

    func testCorruptFileThrowsAReadableError() throws {
        let url = try temporaryFolder().appendingPathComponent("memory.sqlite")
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: url)
        XCTAssertThrowsError(try TranslationMemory(url: url)) { error in
            guard let error = error as? TranslationMemoryError else { return XCTFail("\(type(of: error)): \(error)") }
            XCTAssertTrue(error.message.contains(url.path), error.message)
            XCTAssertTrue(error.message.contains("not a database"), error.message)
            XCTAssertTrue(error.message.contains("move it aside"), error.message)
            XCTAssertEqual(error.localizedDescription, error.message)
        }
        XCTAssertEqual(try Data(contentsOf: url), garbage, "the damaged file is left as it was")
    }

    func testAnotherSQLiteDatabaseIsRefused() throws {
        let url = try temporaryFolder().appendingPathComponent("other.sqlite")
        let create = Process()
        create.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        create.arguments = ["sqlite3", url.path, "CREATE TABLE notes (body TEXT);"]
        do { try create.run() } catch { throw MissingTool(message: "no sqlite3 command (scripts/setup.sh installs it): \(error)") }
        create.waitUntilExit()
        XCTAssertEqual(create.terminationStatus, 0, "sqlite3 failed")
        XCTAssertThrowsError(try TranslationMemory(url: url)) { error in
            XCTAssertTrue("\(error)".contains("something else"), "\(error)")
        }
    }

    // MARK: Default location

    func testDefaultURLFromTheEnvironment() {
        XCTAssertEqual(TranslationMemory.defaultURL(environment: [
            "COURSEPACK_TM": "/data/tm.sqlite", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ana",
        ]).path, "/data/tm.sqlite")
        XCTAssertEqual(TranslationMemory.defaultURL(environment: ["COURSEPACK_TM": "~/tm/memory.sqlite", "HOME": "/home/ana"]).path,
                       "/home/ana/tm/memory.sqlite")
        XCTAssertEqual(TranslationMemory.defaultURL(environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/ana"]).path,
                       "/xdg/coursepack/memory.sqlite")
        XCTAssertEqual(TranslationMemory.defaultURL(environment: ["COURSEPACK_TM": "", "XDG_DATA_HOME": "/xdg/", "HOME": "/home/ana"]).path,
                       "/xdg/coursepack/memory.sqlite")
        // A relative XDG_DATA_HOME is invalid (XDG base directory specification): ignored.
        XCTAssertEqual(TranslationMemory.defaultURL(environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/ana"]).path,
                       "/home/ana/.local/share/coursepack/memory.sqlite")
        XCTAssertEqual(TranslationMemory.defaultURL(environment: ["HOME": "/home/ana"]).path,
                       "/home/ana/.local/share/coursepack/memory.sqlite")
        XCTAssertTrue(TranslationMemory.defaultURL(environment: [:]).path.hasSuffix("/.local/share/coursepack/memory.sqlite"))
    }

    func testDefaultURLIsCreatedWithItsFolder() throws {
        let base = try temporaryFolder()
        let url = TranslationMemory.defaultURL(environment: ["XDG_DATA_HOME": base.path, "HOME": "/nonexistent"])
        _ = try TranslationMemory(url: url)
        XCTAssertTrue(FileManager.default.fileExists(atPath: base.appendingPathComponent("coursepack/memory.sqlite").path))
    }
}
