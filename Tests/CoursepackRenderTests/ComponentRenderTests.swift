import CoursepackLocalize
@testable import CoursepackRender
import Foundation
import XCTest

/// One module with every component type and every quiz kind.
final class ComponentRenderTests: XCTestCase {
    static let page = """
        ---
        title: Everything
        ---

        # Everything

        ```image
        id: photo
        src: media/photo.png
        alt: A queue at the counter
        caption: The counter on a Monday.
        credit: Example photographer
        ```

        ```audio
        id: call
        src: media/call.mp3
        title: An emergency call
        transcript: |
          **Operator:** Where are you?

          **Caller:** At 12 Linden Street.
        ```

        ```video
        id: clip
        src: media/clip.mp4
        poster: media/clip.jpg
        title: At the doctor's
        captions:
          - locale: en
            src: media/clip.en.vtt
            label: English
        transcript: |
          Call the practice.
          Say your name.
        ```

        ```callout
        style: warning
        title: Two weeks
        body: Register within **two weeks**.
        ```

        ```accordion
        id: details
        items:
          - title: For adults
            body: Your passport.
          - title: For children
            body: A birth certificate.
        ```

        ```quiz
        id: q-single
        kind: single
        question: Where do you register?
        options:
          - text: At the post office
            feedback: Not there.
          - text: At the citizens' office
            correct: true
        ```

        ```quiz
        id: q-multiple
        kind: multiple
        question: What do you bring?
        points: 2
        attempts: 2
        options:
          - text: Your passport
            correct: true
          - text: A photo of your flat
          - text: The landlord's letter
            correct: true
        feedback:
          correct: Well done.
          incorrect: Look again.
        ```

        ```quiz
        id: q-true-false
        kind: true-false
        question: Calls to 112 cost money.
        answer: false
        explanation: They are free.
        ```

        ```quiz
        id: q-ordering
        kind: ordering
        question: Put the steps in order.
        items:
          - Call 112
          - Say where you are
          - Say what happened
        ```

        ```quiz
        id: q-matching
        kind: matching
        question: Match the words.
        pairs:
          - left: Residence registration
            right: Telling the town where you live
          - left: Proof of income
            right: Papers that show what you earn
          - left: Processing time
            right: How long we need
        ```

        ```dialogue
        id: talk
        title: At the counter
        characters:
          - id: amina
            name: Amina
        start: greeting
        scenes:
          - id: done
            text: Amina leaves happy.
            end: true
            outcome: good
          - id: greeting
            speaker: amina
            text: Hello. New flat. Register?
            choices:
              - text: Good morning. Let us register your address.
                next: done
                feedback: Good. Short and simple.
        ```

        ```glossary
        id: words
        terms:
          - term: Referral
            definition: A letter that sends you to a **specialist**.
        ```

        ```flashcards
        id: cards
        title: Who to call
        cards:
          - front: A fire
            back: "112"
        ```

        ```checklist
        id: tasks
        title: Your first week
        items:
          - id: open-account
            text: Open a bank account
        ```

        ```reflection
        id: own-words
        prompt: What made it easier?
        placeholder: Write a few sentences
        max_length: 500
        ```

        ```download
        id: form
        src: media/form.pdf
        title: Registration form
        description: Fill it in at home.
        ```

        """

    static func rendered() throws -> (html: String, module: RenderedModule) {
        let module = try RenderFixtures.module(pages: [("01-all", page)], files: [
            "media/photo.png": "png", "media/call.mp3": "mp3", "media/clip.mp4": "mp4", "media/clip.jpg": "jpg",
            "media/clip.en.vtt": "WEBVTT\n", "media/form.pdf": String(repeating: "x", count: 3000),
        ])
        defer { withExtendedLifetime(module) {} }
        let strings = try RenderFixtures.strings(at: module.root)
        let rendered = try RenderFixtures.render(strings, locales: ["en"])
        return (try rendered.document("en"), rendered)
    }

    func testEveryComponentTypeHasItsMarkup() throws {
        let (html, rendered) = try Self.rendered()
        for type in ["image", "audio", "video", "callout", "accordion", "quiz", "dialogue", "glossary", "flashcards",
                     "checklist", "reflection", "download"] {
            XCTAssertTrue(html.contains("class=\"cp-component cp-\(type)"), type)
            XCTAssertTrue(html.contains("data-component=\"\(type)\""), type)
        }
        let expected = [
            "<figure class=\"cp-component cp-image\" id=\"cp-01-all-photo\" data-component=\"image\" data-id=\"photo\"><img src=\"media/photo.png\" alt=\"A queue at the counter\" loading=\"lazy\"><figcaption>The counter on a Monday. <small class=\"cp-credit\">Example photographer</small></figcaption></figure>",
            "<audio controls preload=\"none\" src=\"media/call.mp3\" aria-labelledby=\"cp-01-all-call-title\">",
            "<details class=\"cp-transcript\"><summary>Transcript</summary><div class=\"cp-transcript-text\"><p><strong>Operator:</strong> Where are you?</p>",
            // No `default`: the player turns the track on (Chromium refuses a default track from file://).
            "<track kind=\"captions\" src=\"media/clip.en.vtt\" srclang=\"en\" label=\"English\">",
            "poster=\"media/clip.jpg\"",
            "<p class=\"cp-transcript-text\">Call the practice.<br>\nSay your name.</p>",
            "role=\"note\" aria-labelledby=\"cp-01-all-callout-1-title\"><p class=\"cp-callout-title\" id=\"cp-01-all-callout-1-title\"><strong>Two weeks</strong></p><p class=\"cp-callout-body\">Register within <strong>two weeks</strong>.</p>",
            "<details class=\"cp-accordion-item\" id=\"cp-01-all-details-1\"><summary>For adults</summary><p class=\"cp-accordion-body\">Your passport.</p></details>",
            "<form class=\"cp-component cp-quiz\" id=\"cp-01-all-q-single\" data-component=\"quiz\" data-id=\"q-single\" data-quiz=\"q-single\" data-kind=\"single\" method=\"dialog\"",
            "<input type=\"checkbox\" id=\"cp-01-all-q-multiple-a\" name=\"cp-01-all-q-multiple-answer\" value=\"a\"><label for=\"cp-01-all-q-multiple-a\">Your passport</label>",
            "<label for=\"cp-01-all-q-true-false-true\">True</label>",
            "<select id=\"cp-01-all-q-ordering-item-1\" name=\"item-1\">",
            "<select id=\"cp-01-all-q-matching-left-1\" name=\"left-1\">",
            "<button type=\"submit\">Check my answer</button><div class=\"cp-feedback\" role=\"status\" aria-live=\"polite\"></div></form>",
            "<p class=\"cp-speaker\">Amina</p>",
            "<a href=\"#cp-01-all-talk-scene-done\" data-next=\"done\">Good morning. Let us register your address.</a>",
            "<dt>Referral</dt><dd>A letter that sends you to a <strong>specialist</strong>.</dd>",
            "<p class=\"cp-card-front\">A fire</p><p class=\"cp-card-back\">112</p>",
            "<legend>Your first week</legend>",
            "<input type=\"checkbox\" id=\"cp-01-all-tasks-open-account\" name=\"open-account\" value=\"open-account\" data-item=\"open-account\"><label for=\"cp-01-all-tasks-open-account\">Open a bank account</label>",
            "<label for=\"cp-01-all-own-words-answer\">What made it easier?</label><textarea id=\"cp-01-all-own-words-answer\" name=\"own-words\" rows=\"5\" maxlength=\"500\" placeholder=\"Write a few sentences\"></textarea>",
            "<a href=\"media/form.pdf\" download target=\"_blank\" rel=\"noopener noreferrer\">Registration form</a> <span class=\"cp-file-info\">(<bdi>PDF, 3 KB</bdi>)</span>",
        ]
        for fragment in expected {
            XCTAssertTrue(html.contains(fragment), "missing: \(fragment)")
        }
        XCTAssertEqual(rendered.media, ["media/call.mp3", "media/clip.en.vtt", "media/clip.jpg", "media/clip.mp4",
                                        "media/form.pdf", "media/photo.png"])
        XCTAssertEqual(HTMLInspection.nestingProblems(html), [])
        // The captions' text travels in the data block too, for the player to use from file://.
        XCTAssertTrue(html.contains("\"captions\":[{\"default\":true,\"label\":\"English\",\"srclang\":\"en\",\"vtt\":\"WEBVTT\\n\"}]"), html)
    }

    func testDialogueReadsFromItsStartAndKeepsFeedbackInTheData() throws {
        let (html, _) = try Self.rendered()
        let greeting = try XCTUnwrap(html.range(of: "data-scene=\"greeting\""))
        let done = try XCTUnwrap(html.range(of: "data-scene=\"done\""))
        XCTAssertLessThan(greeting.lowerBound, done.lowerBound, "the start scene comes first")
        XCTAssertFalse(HTMLInspection.markupWithoutData(html).contains("Short and simple"))
        let dialogue = try XCTUnwrap((HTMLInspection.dataBlock(in: html)["dialogues"] as? [String: Any])?["talk"] as? [String: Any])
        XCTAssertEqual(dialogue["start"] as? String, "greeting")
        let scenes = try XCTUnwrap(dialogue["scenes"] as? [String: [String: Any]])
        XCTAssertEqual(scenes["done"]?["outcome"] as? String, "good")
        XCTAssertEqual(scenes["done"]?["end"] as? Bool, true)
        let choice = try XCTUnwrap((scenes["greeting"]?["choices"] as? [[String: Any]])?.first)
        XCTAssertEqual(choice["next"] as? String, "done")
        XCTAssertEqual(choice["feedback"] as? String, "Good. Short and simple.")
    }

    func testQuizDataHoldsEveryKindOfAnswer() throws {
        let (html, _) = try Self.rendered()
        let quizzes = try XCTUnwrap(HTMLInspection.dataBlock(in: html)["quizzes"] as? [String: [String: Any]])
        func question(_ id: String) throws -> [String: Any] {
            try XCTUnwrap((quizzes[id]?["questions"] as? [[String: Any]])?.first, id)
        }
        XCTAssertEqual(try question("q-single")["answer"] as? [String], ["b"])
        XCTAssertEqual(try question("q-multiple")["answer"] as? [String], ["a", "c"])
        XCTAssertEqual(try question("q-multiple")["points"] as? Int, 2)
        XCTAssertEqual(try question("q-multiple")["attempts"] as? Int, 2)
        XCTAssertEqual((try question("q-multiple")["feedback"] as? [String: String])?["incorrect"], "Look again.")
        XCTAssertEqual(try question("q-true-false")["answer"] as? [String], ["false"])
        XCTAssertEqual(try question("q-true-false")["explanation"] as? String, "They are free.")

        // Ordering: the markup shows the items mixed; the answer lists their ids in the written order.
        let ordering = try XCTUnwrap(try question("q-ordering")["answer"] as? [String])
        XCTAssertEqual(Set(ordering), ["item-1", "item-2", "item-3"])
        XCTAssertNotEqual(ordering, ["item-1", "item-2", "item-3"], "the shown order is not the right one")
        let labels = HTMLInspection.matches(#"<label for="cp-01-all-q-ordering-(item-\d)">"#, in: html)
        let shown = HTMLInspection.matches(#"<label for="cp-01-all-q-ordering-item-\d">([^<]*)</label>"#, in: html)
        let byID = Dictionary(uniqueKeysWithValues: zip(labels, shown))
        XCTAssertEqual(ordering.map { byID[$0] }, ["Call 112", "Say where you are", "Say what happened"])

        // Matching: each left side maps to the right side written beside it.
        let matching = try XCTUnwrap(try question("q-matching")["answer"] as? [String: String])
        let rights = Dictionary(uniqueKeysWithValues: zip(
            HTMLInspection.matches(#"<select id="cp-01-all-q-matching-left-1".*?</select>"#, in: html, group: 0)
                .flatMap { HTMLInspection.matches(#"<option value="(right-\d)">"#, in: $0) },
            HTMLInspection.matches(#"<select id="cp-01-all-q-matching-left-1".*?</select>"#, in: html, group: 0)
                .flatMap { HTMLInspection.matches(#"<option value="right-\d">([^<]*)</option>"#, in: $0) }))
        XCTAssertEqual(rights[matching["left-1"] ?? ""], "Telling the town where you live")
        XCTAssertEqual(rights[matching["left-3"] ?? ""], "How long we need")
    }

    func testEveryControlHasALabel() throws {
        let (html, _) = try Self.rendered()
        let controls = HTMLInspection.matches(#"<(?:input|select|textarea)[^>]*\sid="([^"]*)""#, in: html)
        XCTAssertFalse(controls.isEmpty)
        let labelled = Set(HTMLInspection.matches(#"<label for="([^"]*)""#, in: html))
        for control in controls { XCTAssertTrue(labelled.contains(control), "\(control) has no label") }
    }
}
