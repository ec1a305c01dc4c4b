import CoursepackLoad
import TestSupport
import XCTest

/// Every rule the schemas cannot express: its code, its message and its exact place.
final class RuleDiagnosticsTests: CheckTestCase {
    private let secondPage = "---\ntitle: Next\n---\n\n# Next\n\n## What to bring\n\nText.\n"
    private func manifest(pages: [String]) -> String {
        TemporaryModule.manifest.replacingOccurrences(of: "  - 01-start\n", with: pages.map { "  - \($0)\n" }.joined())
    }

    // Structure

    func testPageNotListed() throws {
        assertOnly(try diagnostics(["pages/02-next.md": secondPage]), .pageNotListed,
                   "this page is not listed in module.yaml's 'pages', so learners never see it", "pages/02-next.md", 1, 1)
    }

    func testPageListedTwice() throws {
        assertOnly(try diagnostics([:], manifest: manifest(pages: ["01-start", "01-start"])), .pageListedTwice,
                   "page '01-start' is listed twice in 'pages' (first on line 7)", "module.yaml", 8, 5)
    }

    func testListedPageMissing() throws {
        assertOnly(try diagnostics(["pages/02-next.md": secondPage], manifest: manifest(pages: ["01-start", "02-next", "02-nxet"])),
                   .listedPageMissing, "page '02-nxet' is listed in 'pages' but pages/02-nxet.md does not exist; did you mean '02-next'?",
                   "module.yaml", 9, 5)
    }

    func testDuplicateID() throws {
        let body = "# Start\n\n```reflection\nid: own-words\nprompt: Why?\n```\n\n```reflection\nid: own-words\nprompt: How?\n```\n"
        assertOnly(try diagnostics(page(body)), .duplicateID,
                   "the id 'own-words' is already used by a reflection at pages/01-start.md:8:5", "pages/01-start.md", 13, 5)
    }

    func testVersionNotSemver() throws {
        let found = try diagnostics([:], manifest: TemporaryModule.manifest.replacingOccurrences(of: "version: 1.0.0", with: "version: v1.2"))
        assertOnly(found, .versionNotSemver, "'v1.2' is not a semantic version", "module.yaml", 2, 10)
        XCTAssertEqual(found.first?.hint, "write MAJOR.MINOR.PATCH, for example 1.0.0 or 2.1.0-beta.1")
    }

    func testLocaleNotBCP47() throws {
        let found = try diagnostics([:], manifest: TemporaryModule.manifest.replacingOccurrences(of: "language: en\n", with: "language: en\nlocales: [ar, fa-AF, pt_BR]\n"))
        assertOnly(found, .localeNotBCP47, "'pt_BR' is not a BCP 47 language tag", "module.yaml", 5, 22)
        XCTAssertEqual(found.first?.hint, "use a hyphen, not an underscore: 'pt-BR'")
    }

    // Links and media

    func testBrokenPageLink() throws {
        let body = "# Start\n\nSee [the next page](02-nxet.md).\n"
        assertOnly(try diagnostics(page(body).merging(["pages/02-next.md": secondPage]) { $1 }, manifest: manifest(pages: ["01-start", "02-next"])),
                   .brokenPageLink, "the link '02-nxet.md' points to a page that does not exist; did you mean '02-next.md'?",
                   "pages/01-start.md", 7, 5)
    }

    func testBrokenHeadingLink() throws {
        let body = "# Start\n\nBring [these](02-next.md#what-to-brin) and read [below](#start).\n"
        assertOnly(try diagnostics(page(body).merging(["pages/02-next.md": secondPage]) { $1 }, manifest: manifest(pages: ["01-start", "02-next"])),
                   .brokenHeadingLink, "the link '02-next.md#what-to-brin' points to a heading that pages/02-next.md does not have; did you mean '#what-to-bring'?",
                   "pages/01-start.md", 7, 7)
    }

    func testMissingMedia() throws {
        let body = "# Start\n\n```download\nsrc: media/form.pdf\ntitle: The form\n```\n"
        assertOnly(try diagnostics(page(body)), .missingMedia, "the file 'media/form.pdf' does not exist", "pages/01-start.md", 8, 6)
    }

    func testUnusedMedia() throws {
        assertOnly(try diagnostics(["media/old.png": "png"]), .unusedMedia, "this media file is not used by any page", "media/old.png", 1, 1)
    }

    // Accessibility

    func testImageWithoutAlt() throws {
        let body = "# Start\n\n```image\nsrc: media/office.png\n```\n\n![](../media/office.png)\n"
        let found = try diagnostics(page(body).merging(["media/office.png": "png"]) { $1 })
        XCTAssertEqual(found.map(\.code), [.imageWithoutAlt, .imageWithoutAlt])
        XCTAssertEqual(found.map(\.message), ["this image has no alternative text", "this image has no alternative text"])
        XCTAssertEqual(found.map(\.location), [SourceLocation(file: "pages/01-start.md", line: 7, column: 1),
                                               SourceLocation(file: "pages/01-start.md", line: 11, column: 1)])
    }

    func testDecorativeImageNeedsNoAlt() throws {
        let body = "# Start\n\n```image\nsrc: media/line.png\ndecorative: true\n```\n"
        XCTAssertEqual(try diagnostics(page(body).merging(["media/line.png": "png"]) { $1 }), [])
    }

    func testVideoWithoutCaptions() throws {
        let body = "# Start\n\n```video\nid: clip\nsrc: media/clip.mp4\n```\n"
        assertOnly(try diagnostics(page(body).merging(["media/clip.mp4": "mp4"]) { $1 }), .videoWithoutCaptions,
                   "this video has no captions", "pages/01-start.md", 7, 1)
    }

    func testAudioWithoutTranscript() throws {
        let body = "# Start\n\n```audio\nid: greeting\nsrc: media/greeting.mp3\n```\n"
        assertOnly(try diagnostics(page(body).merging(["media/greeting.mp3": "mp3"]) { $1 }), .audioWithoutTranscript,
                   "this audio has no transcript", "pages/01-start.md", 7, 1)
    }

    func testSkippedHeadingLevel() throws {
        let body = "# Start\n\n## Documents\n\n#### Passport\n"
        assertOnly(try diagnostics(page(body)), .headingLevels, "this heading skips from level 2 to level 4", "pages/01-start.md", 9, 1)
    }

    // Interaction

    func testQuizWithoutCorrectAnswer() throws {
        let body = "# Start\n\n```quiz\nid: q1\nkind: multiple\nquestion: Which?\noptions:\n  - text: A\n  - text: B\n```\n"
        assertOnly(try diagnostics(page(body)), .quizWithoutCorrectAnswer, "this quiz has no correct answer", "pages/01-start.md", 12, 3)
    }

    func testSingleQuizWithSeveralCorrectOptions() throws {
        let body = "# Start\n\n```quiz\nid: q1\nkind: single\nquestion: Which?\noptions:\n  - text: A\n    correct: true\n  - text: B\n    correct: true\n```\n"
        assertOnly(try diagnostics(page(body)), .singleQuizSeveralCorrect, "this single-answer quiz has 2 correct options",
                   "pages/01-start.md", 15, 5)
    }

    private func dialogue(_ scenes: String, start: String = "hello") -> [String: String] {
        page("# Start\n\n```dialogue\nid: role-play\ncharacters:\n  - id: officer\n    name: Officer\nstart: \(start)\nscenes:\n" + scenes + "```\n")
    }

    func testUnreachableScene() throws {
        let scenes = "  - id: hello\n    speaker: officer\n    text: Hello.\n    end: true\n  - id: lost\n    speaker: officer\n    text: Nobody comes here.\n    end: true\n"
        assertOnly(try diagnostics(dialogue(scenes)), .unreachableScene,
                   "the scene 'lost' cannot be reached from the start scene 'hello'", "pages/01-start.md", 18, 9)
    }

    func testEndingSceneWithChoices() throws {
        let scenes = "  - id: hello\n    speaker: officer\n    text: Hello.\n    end: true\n    choices:\n      - text: Again\n        next: hello\n"
        assertOnly(try diagnostics(dialogue(scenes)), .endingSceneWithChoices,
                   "the scene 'hello' ends the dialogue and also offers 1 choice, which the learner would never see",
                   "pages/01-start.md", 17, 10)
    }

    func testDeadEndScene() throws {
        let scenes = "  - id: hello\n    speaker: officer\n    text: Hello.\n    choices:\n      - text: Go on\n        next: stuck\n  - id: stuck\n    speaker: officer\n    text: And now?\n"
        assertOnly(try diagnostics(dialogue(scenes)), .deadEndScene,
                   "the scene 'stuck' leads nowhere: it has no choices and is not an end", "pages/01-start.md", 20, 9)
    }

    func testUnknownDialogueReference() throws {
        let scenes = "  - id: hello\n    speaker: oficer\n    text: Hello.\n    end: true\n"
        assertOnly(try diagnostics(dialogue(scenes)), .unknownDialogueReference,
                   "the speaker 'oficer' is not a character of this dialogue; did you mean 'officer'?", "pages/01-start.md", 15, 14)
    }

    // Limits

    func testLearnerStateTooLarge() throws {
        let reflections = (1...4).map { "```reflection\nid: thought-\($0)\nprompt: Why?\nmax_length: 1500\n```\n" }.joined(separator: "\n")
        let found = try diagnostics(page("# Start\n\n" + reflections))
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.code, .learnerStateTooLarge)
        XCTAssertEqual(found.first?.location, SourceLocation(file: "module.yaml", line: 1, column: 1))
        XCTAssertTrue(found.first?.message.hasPrefix("the learner state may reach 6688 characters, more than SCORM 1.2's 4096") ?? false,
                      found.first?.message ?? "")
    }

    func testSmallModuleStaysWithinSuspendData() throws {
        let reflection = "# Start\n\n```reflection\nid: thought\nprompt: Why?\n```\n"
        XCTAssertEqual(try diagnostics(page(reflection)), [])
    }
}
