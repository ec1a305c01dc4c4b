import Foundation
import CoursepackLoad
import CoursepackLocalize

/// The delivery target a module is rendered for; the player reads it from the data block to pick its
/// LMS adapter (docs/package-layout.md).
public enum PackageTarget: String, Sendable, CaseIterable, Codable {
    case scorm12, scorm2004, cmi5, web
}

/// One HTML document: the whole module in one locale (docs/package-layout.md, "One HTML document per locale").
public struct RenderedDocument: Sendable, Equatable {
    /// Package-relative path: `index.html` for the first locale, `index.<tag>.html` for the others.
    public let path: String
    public let locale: String
    public let html: Data

    public init(path: String, locale: String, html: Data) {
        self.path = path
        self.locale = locale
        self.html = html
    }
}

/// What the renderer hands to the packager: the documents, and the module's media files the
/// documents refer to (module-relative paths such as `media/clinic.jpg`, which are also their paths in
/// the package).
public struct RenderedModule: Sendable {
    public let documents: [RenderedDocument]
    public let media: [String]

    public init(documents: [RenderedDocument], media: [String]) {
        self.documents = documents
        self.media = media
    }
}

public enum ModuleRenderer {
    /// Renders `strings.module` in each of `locales` (the first one becomes `index.html`). A locale other
    /// than the module's source language takes its texts from `strings.tables[locale]`; a unit without
    /// a usable translation (new, stale, needs review) falls back to the source text, marked with the
    /// source's `lang`. The caller has already checked the module and decided which locales are complete
    /// enough to ship; strings read without the module (`ModuleStrings.loadIfCurrent`) are loaded again
    /// with it, since rendering needs the pages. Throws for a locale the module does not have and for
    /// media the pages refer to that are not in `media/`.
    public static func render(_ strings: ModuleStrings, locales: [String], target: PackageTarget) throws(RenderError)
        -> RenderedModule
    {
        try renderWithTexts(strings, locales: locales, target: target).module
    }

    /// The rendering, and for each locale the texts it looked up (for tests that check no unit was missed).
    static func renderWithTexts(_ strings: ModuleStrings, locales: [String], target: PackageTarget) throws(RenderError)
        -> (module: RenderedModule, texts: [LocaleTexts])
    {
        guard !locales.isEmpty else { throw RenderError("no locale to render") }
        var seen: Set<String> = []
        if let repeated = locales.first(where: { !seen.insert($0).inserted }) {
            throw RenderError("the locale '\(repeated)' is asked for twice")
        }
        let source = try ModuleSource(strings)
        var documents: [RenderedDocument] = []
        var media: Set<String> = []
        var allTexts: [LocaleTexts] = []
        for (index, locale) in locales.enumerated() {
            let texts = try LocaleTexts(strings: source.strings, locale: locale)
            let result = try DocumentHTML(source: source, texts: texts, locales: locales, target: target).render()
            documents.append(RenderedDocument(path: DocumentHTML.documentPath(locale, index: index), locale: locale,
                                              html: Data(result.html.utf8)))
            media.formUnion(result.media)
            allTexts.append(texts)
        }
        return (RenderedModule(documents: documents, media: media.sorted()), allTexts)
    }
}

/// Why a module could not be rendered, for a person.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
