extension LocalizedText {
    /// The direction the text itself runs in, inside a document of `document` direction.
    func direction(in document: TextDirection) -> TextDirection {
        fallbackLanguage.map { TextDirection(locale: $0) } ?? document
    }

    /// The text as element content: escaped, with left-to-right runs isolated when the text is
    /// right to left. The element holding it takes `languageAttributes`.
    func contentHTML(in document: TextDirection) -> String {
        direction(in: document) == .rtl ? BidiIsolation.isolatingLeftToRightRuns(text) : HTMLEscaping.text(text)
    }
}
