/// How a PO file says a translation is final (reviewed and approved).
///
/// gettext has no such status, and GNU `msgcat` and `msgmerge` drop every `#,` flag they do not know,
/// so an approval written as `#, final` vanished in the translator's file or in the table. Translator
/// comments (`# `) are what every PO tool keeps (gettext, Poedit, Weblate, OmegaT, translate-toolkit),
/// so the approval is the comment `# status: final`. The `#, final` flag of older files is still read.
enum FinalMark {
    static let comment = "status: final"

    static func isFinal(_ entry: POEntry) -> Bool {
        entry.translatorComments.contains(comment) || entry.flags.contains("final")
    }

    /// The translator's own comments, without the mark.
    static func withoutMark(_ comments: [String]) -> [String] {
        comments.contains(comment) ? comments.filter { $0 != comment } : comments
    }
}
