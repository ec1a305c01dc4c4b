import Foundation
import TestSupport
@testable import CoursepackPreview

/// A small module for the preview's tests: three pages in English with an Arabic table in which one
/// paragraph is translated, and a template, as `coursepack strings update` leaves them.
enum PreviewFixtures {
    static let translatedSentence = "Bring your residence permit to the town office."
    static let translatedID = "02-office/p-4c2f1e"

    static func module() throws -> TemporaryModule {
        try TemporaryModule([
            "module.yaml": """
                id: preview-test
                version: 1.0.0
                title: Preview test
                language: en
                locales: [ar]
                audience: general
                pages:
                  - 01-welcome
                  - 02-office
                  - 03-quiz
                completion:
                  rule: pages-seen

                """,
            "pages/01-welcome.md": page("Welcome", body: "The first paragraph of the welcome page."),
            "pages/02-office.md": page("At the office", body: translatedSentence),
            "pages/03-quiz.md": page("Check", body: """
                A question follows.

                ```quiz
                id: where-to-register
                kind: single
                question: Where do you register your new address?
                options:
                  - text: At the municipality office
                    correct: true
                  - text: At the police station
                ```
                """),
            "media/clinic.png": "not really a picture",
        ])
    }

    static func page(_ title: String, body: String) -> String {
        """
        ---
        title: \(title)
        ---

        \(body)

        """
    }

    /// The template and the Arabic table with the office paragraph translated, under the id the
    /// module's extraction gives it (read from the review markup, so the test does not copy the id rules).
    static func translate(_ module: TemporaryModule, id: String, source: String, translation: String) throws {
        try module.write("locales/source.pot", """
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=UTF-8\\n"

            #. Page 02-office: paragraph
            #: pages/02-office.md:5
            msgctxt "\(id)"
            msgid "\(source)"
            msgstr ""

            """)
        try module.write("locales/ar.po", """
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=UTF-8\\n"
            "Language: ar\\n"
            "Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\\n"

            msgctxt "\(id)"
            msgid "\(source)"
            msgstr "\(translation)"

            """)
    }

    /// Every `data-cp-unit` of a page's markup with its status.
    static func marks(in html: String) -> [(id: String, status: String)] {
        let pattern = try! NSRegularExpression(pattern: #"data-cp-unit="([^"]+)" data-cp-status="([^"]+)""#)
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).map { match in
            (String(html[Range(match.range(at: 1), in: html)!]), String(html[Range(match.range(at: 2), in: html)!]))
        }
    }
}
