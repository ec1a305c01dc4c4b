import CoursepackLoad
import Foundation

/// Everything the writers of one page in one locale share.
struct RenderContext {
    let page: PageSource
    let texts: LocaleTexts
    let links: ModuleLinks
    let state: DocumentState
    let data: PlayerDataBuilder
    /// The module folder, for the few files the renderer reads itself (transcripts, download sizes).
    let moduleRoot: URL
    /// The preview's markup: blocks and components carry `data-cp-line`, the line they start on.
    var annotates = false

    var direction: TextDirection { texts.direction }

    /// The location of a block of the page, as units record it.
    func location(_ position: TextPosition) -> SourceLocation {
        SourceLocation(file: page.file, line: position.line, column: position.column)
    }

    /// Whether left-to-right runs in a text need isolating: only in right-to-left text, which is
    /// text in the document's language when that is right to left.
    func isolates(_ text: LocalizedText) -> Bool {
        text.direction(in: direction) == .rtl
    }

    func isolates(fallbackLanguage: String?) -> Bool {
        (fallbackLanguage.map { TextDirection(locale: $0) } ?? direction) == .rtl
    }
}
