import CoursepackLoad
import CoursepackLocalize
import JSONSchema

/// The module rendered page by page, for the live preview (`coursepack preview`): the same writers as
/// `ModuleRenderer`, but each page on its own, so that a change to one page re-renders that page and
/// not the thousands of others, and a document is put together from pages already rendered.
///
/// Differences from a package's document, all for the preview: blocks and components carry
/// `data-cp-line` (findings are shown next to them), a review shows every translation whatever its
/// status with the unit's id and status, and element ids are made unique within a page rather than
/// within the document (component ids start with their page's id, so they cannot meet).
public struct PagedModule: @unchecked Sendable {
    private(set) var source: ModuleSource
    /// Every locale the preview offers, the source first: the language switch lists them in this order.
    public let locales: [String]
    private var unitsByPage: [String: [SourceUnit]]
    private let moduleUnits: [SourceUnit]
    private let indexByPage: [String: Int]
    private let mediaFiles: Set<String>

    /// `strings` must carry a table for every locale of `locales` but the source (pseudo-locales included).
    public init(_ strings: ModuleStrings, locales: [String]) throws(RenderError) {
        try self.init(source: try ModuleSource(strings), locales: locales)
    }

    private init(source: ModuleSource, locales: [String]) throws(RenderError) {
        guard locales.first == source.strings.identity.sourceLanguage else {
            throw RenderError("the preview's first locale must be the module's source language")
        }
        self.source = source
        self.locales = locales
        var byPage: [String: [SourceUnit]] = [:]
        var moduleUnits: [SourceUnit] = []
        for unit in source.strings.units {
            if let page = unit.page { byPage[page, default: []].append(unit) } else { moduleUnits.append(unit) }
        }
        unitsByPage = byPage
        self.moduleUnits = moduleUnits
        indexByPage = Dictionary(source.pages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        mediaFiles = Set(source.module.mediaFiles)
    }

    /// The pages in the module's order.
    public var pageIDs: [String] { source.pages.map(\.id) }

    /// The file each page was read from (`pages/<id>.md`), by page id.
    public func file(of page: String) -> String? { indexByPage[page].map { source.pages[$0].file } }

    /// The module's strings as the pages are rendered from them.
    public var strings: ModuleStrings { source.strings }

    /// The strings of one page (of the module's own, outside any page, for the empty id).
    public func units(of page: String) -> [SourceUnit] { page.isEmpty ? moduleUnits : unitsByPage[page] ?? [] }

    /// What `replace(page:in:)` changed, for `restore`.
    public struct PageReplacement {
        /// The page's units as they are now.
        public var fresh: [SourceUnit] { strings.fresh }
        let strings: ModuleStrings.PageChange
        let index: Int
        let page: PageSource
        let anchors: [String: String]?
        let units: [SourceUnit]?
        let module: Module
    }

    /// The module after one page changed (`module` holds the changed page): that page parsed again, its
    /// units and their entries brought up to date in place. Only that page is touched (when this value is
    /// the only copy of the strings); a change of its headings moves the link targets.
    public mutating func replace(page: Page, in module: Module) throws(RenderError) -> PageReplacement {
        guard let index = indexByPage[page.id] else {
            throw RenderError("module.yaml does not list the page '\(page.id)'")
        }
        let change: ModuleStrings.PageChange
        do { change = try source.strings.replacePage(page, in: module) } catch { throw RenderError(error.description) }
        let replacement = PageReplacement(strings: change, index: index, page: source.pages[index],
                                          anchors: source.links.anchors[page.id], units: unitsByPage[page.id],
                                          module: source.module)
        source.module = module
        source.pages[index] = PageSource(page)
        source.links.anchors[page.id] = source.pages[index].anchorIDs
        unitsByPage[page.id] = change.fresh
        return replacement
    }

    /// Sets entries of one locale's table (a pseudo-locale's, made from a page's new units).
    public mutating func setEntries(_ entries: [String: TranslationEntry], locale: String) {
        for (id, entry) in entries { source.strings.tables[locale]?.entries[id] = entry }
    }

    /// Sets a locale's whole table (a pseudo-locale's, made when a tab first asks for it).
    public mutating func setTable(_ table: LocaleTable) {
        source.strings.tables[table.locale] = table
    }

    /// Puts the page back as it was before `replace(page:in:)`.
    public mutating func restore(_ replacement: PageReplacement) {
        source.strings.restore(replacement.strings)
        source.module = replacement.module
        source.pages[replacement.index] = replacement.page
        source.links.anchors[replacement.page.id] = replacement.anchors
        unitsByPage[replacement.page.id] = replacement.units
    }

    /// One page's content (what goes inside its `<section>`) in `locale`, and what it adds to the
    /// player's data.
    public func render(page id: String, locale: String, review: Bool) throws(RenderError) -> RenderedPage {
        guard let index = indexByPage[id] else { throw RenderError("the module has no page '\(id)'") }
        let page = source.pages[index]
        let texts = try LocaleTexts(strings: source.strings, locale: locale,
                                    units: (unitsByPage[id] ?? []) + moduleUnits, review: review)
        let state = DocumentState(mediaFiles: mediaFiles,
                                  reserved: [ModuleLinks.sectionID(id), ModuleLinks.titleID(id)] + page.anchorIDs.values
                                      + DocumentHTML.fixedIDs)
        let data = PlayerDataBuilder()
        var context = RenderContext(page: page, texts: texts, links: source.links, state: state, data: data,
                                    moduleRoot: source.module.root)
        context.annotates = true
        var html = HTMLBuilder()
        try PageHTML(context: context).writeContent(into: &html)
        return RenderedPage(id: id, html: html.html, quizzes: data.quizzes, dialogues: data.dialogues,
                            components: data.components)
    }

    /// The whole document in `locale` around pages already rendered (one for each of `pageIDs`, in
    /// order), with the player's data block and the language switch, as a package's document.
    public func document(locale: String, review: Bool, pages: [RenderedPage]) throws(RenderError) -> String {
        guard pages.map(\.id) == pageIDs else { throw RenderError("the pages given are not the module's pages") }
        let texts = try LocaleTexts(strings: source.strings, locale: locale, units: source.strings.units, review: review)
        let data = PlayerDataBuilder()
        var main = HTMLBuilder()
        for (index, page) in pages.enumerated() {
            PageHTML.section(page.id, locale: locale, direction: texts.direction, content: page.html, deferred: index > 0,
                             into: &main)
            data.absorb(quizzes: page.quizzes, dialogues: page.dialogues, components: page.components)
        }
        return DocumentHTML(source: source, texts: texts, locales: locales, target: .web).frame(main: main.html, data: data)
    }

    /// The path of a locale's document: `index.html` for the source, `index.<tag>.html` for the others.
    public func documentPath(_ locale: String) -> String? {
        locales.firstIndex(of: locale).map { DocumentHTML.documentPath(locale, index: $0) }
    }

    /// Whether text in `locale` runs right to left.
    public static func isRightToLeft(_ locale: String) -> Bool { TextDirection(locale: locale) == .rtl }

    /// A locale's name as the language switch shows it.
    public static func name(of locale: String) -> String { LocaleNames.name(of: locale) }
}

/// One page rendered for the preview.
public struct RenderedPage: Sendable, Equatable {
    public let id: String
    /// The section's content, as a page that is shown (not kept as text).
    public let html: String
    let quizzes: [String: JSONValue]
    let dialogues: [String: JSONValue]
    let components: [String: JSONValue]

    /// What the page adds to the player's data block, as JSON: `{"quizzes":…,"dialogues":…,"components":…}`.
    public var dataJSON: String {
        JSONValue.object(["quizzes": .object(quizzes), "dialogues": .object(dialogues), "components": .object(components)]).jsonText
    }
}
