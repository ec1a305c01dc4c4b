import CoursepackLoad
import CoursepackLocalize
import Foundation

/// The module as the renderer reads it once, before writing any locale: each page's Markdown parsed,
/// its components found by where their fences start, and the ids every link can point at.
struct ModuleSource {
    var strings: ModuleStrings
    var module: Module
    var pages: [PageSource]
    var links: ModuleLinks

    var manifest: SourceValue? { module.manifest }

    init(_ strings: ModuleStrings) throws(RenderError) {
        let strings = try Self.withModule(strings)
        guard let module = strings.module else { throw RenderError("the module's pages could not be read") }
        self.strings = strings
        self.module = module
        let byID = Dictionary(module.pages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let order = module.manifest?["pages"]?.array?.compactMap(\.string) ?? []
        var pages: [PageSource] = []
        for id in order {
            guard let page = byID[id] else { throw RenderError("module.yaml lists the page '\(id)', but pages/\(id).md is missing") }
            pages.append(PageSource(page))
        }
        guard !pages.isEmpty else { throw RenderError("module.yaml lists no pages") }
        self.pages = pages
        var anchors: [String: [String: String]] = [:]
        for page in pages { anchors[page.id] = page.anchorIDs }
        links = ModuleLinks(anchors: anchors)
    }

    /// Strings that came from the tables alone (`ModuleStrings.loadIfCurrent`) know their units' lines but
    /// not their columns, and the renderer needs the pages anyway: such strings are loaded again, with the
    /// module, which reads the same tables and writes nothing.
    static func withModule(_ strings: ModuleStrings) throws(RenderError) -> ModuleStrings {
        if strings.module != nil { return strings }
        let loaded: ModuleLoader.Result
        do { loaded = try ModuleLoader.load(strings.root) } catch { throw RenderError(error.description) }
        guard let module = loaded.module else {
            throw RenderError(loaded.diagnostics.first.map { "\($0.location): \($0.message)" } ?? "the module could not be read")
        }
        do { return try ModuleStrings.load(module) } catch { throw RenderError(error.description) }
    }

    /// Every id the pages' headings and sections take, given out before components take theirs.
    var reservedIDs: [String] {
        pages.flatMap { [ModuleLinks.sectionID($0.id), ModuleLinks.titleID($0.id)] + $0.anchorIDs.values }
    }
}

/// One page ready to render: its blocks, headings and components.
struct PageSource {
    let page: Page
    let blocks: [MarkdownBlock]
    /// The heading's GitHub-style anchor, by where the heading starts (from the loader's outline, so
    /// anchors are the ones links were checked against).
    let anchors: [TextPosition: String]
    /// The page's first `#` heading when it repeats the front matter title: the section's own `<h1>`
    /// already says it.
    let repeatedTitle: TextPosition?
    let components: [TextPosition: Component]

    var id: String { page.id }
    var file: String { page.file }
    var title: SourceValue? { page.frontMatter?["title"] }
    /// Quizzes on a page with `scored: false` are practice.
    var scored: Bool { page.frontMatter?["scored"]?.bool ?? true }

    init(_ page: Page) {
        self.page = page
        blocks = MarkdownParser.parse(page.markdown)
        var anchors: [TextPosition: String] = [:]
        for heading in page.outline.headings {
            anchors[TextPosition(line: heading.location.line, column: heading.location.column)] = heading.anchor
        }
        self.anchors = anchors
        var components: [TextPosition: Component] = [:]
        for component in page.components {
            components[TextPosition(line: component.location.line, column: component.location.column)] = component
        }
        self.components = components
        let firstHeading = page.outline.headings.first
        let title = page.frontMatter?["title"]?.string?.trimmingCharacters(in: .whitespaces)
        if let firstHeading, firstHeading.level == 1,
           firstHeading.text.trimmingCharacters(in: .whitespaces) == title {
            repeatedTitle = TextPosition(line: firstHeading.location.line, column: firstHeading.location.column)
        } else {
            repeatedTitle = nil
        }
    }

    /// Element ids of the headings by anchor; the repeated title's anchor leads to the page itself.
    var anchorIDs: [String: String] {
        var ids: [String: String] = [:]
        for (position, anchor) in anchors {
            ids[anchor] = position == repeatedTitle ? ModuleLinks.sectionID(id) : ModuleLinks.headingID(id, anchor: anchor)
        }
        return ids
    }
}
