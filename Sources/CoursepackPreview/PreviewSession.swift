import CoursepackCheck
import CoursepackLoad
import CoursepackLocalize
import CoursepackRender
import Foundation

/// One locale's document as a tab shows it: as learners see it, or as a translator reviews it.
public struct PreviewVariant: Hashable, Sendable {
    public let locale: String
    public let review: Bool
    public init(locale: String, review: Bool) {
        self.locale = locale
        self.review = review
    }
}

/// A document asked for by a tab.
public enum DocumentAnswer: Sendable, Equatable {
    case html(String)
    case notFound
    /// The module has never rendered since the preview started: why, for the page that says so.
    case unavailable(String)
}

/// The module as the preview holds it while the author writes: loaded once, then kept up to date file
/// by file. A page's change re-reads and re-renders that page only (in each variant a tab has open);
/// module.yaml, the tables and the media change everything and load the module again. An edit that
/// breaks a page or the module keeps the last version that rendered on show, with a `Hold` saying
/// why. The checker's findings are kept part by part: what depends on one page alone (its schemas, the
/// rules that look at one page, its strings' translation checks) is checked again with that page, after
/// it has gone to the tabs; the rules that look across pages run on the whole module on a thread of
/// their own at the lowest priority. Nothing a save changes in place is shared with that run: a shared
/// table would be copied whole by the next save (284,701 strings in seven tables on the 2,000-page
/// module: 1 to 2 s).
public actor PreviewSession {
    public let root: URL
    private let boundary: URL?
    public private(set) var version = 0
    private var module: Module?
    /// The last version that rendered.
    private var paged: PagedModule?
    private var rendered: [PreviewVariant: [String: RenderedPage]] = [:]
    private var documents: [PreviewVariant: String] = [:]
    private var loadFindings: [String: [Diagnostic]] = [:]
    /// module.yaml's schema findings.
    private var manifestFindings: [Diagnostic] = []
    /// Each page's own findings (schemas, the rules of one page), by page id.
    private var pageFindings: [String: [Diagnostic]] = [:]
    /// The translation checks of each page's strings, by page id (`moduleStrings` for the strings of no page).
    private var translationFindings: [String: [Diagnostic]] = [:]
    private static let moduleStrings = ""
    /// The findings of the rules that look across pages, from their last run on the whole module.
    private var ruleFindings: [Diagnostic] = []
    private var checkedVersion = -1
    private var holds: [Hold] = []
    private var checking = false
    private var checkAgain = false
    /// Pages rendered since the start, for tests and the benchmark: a page's change must cost one page
    /// per open variant, not the module.
    public private(set) var pagesRendered = 0
    /// How long the last change took here, from reading the files to the pages being ready, in ms.
    public private(set) var lastChangeMilliseconds = 0.0
    nonisolated let hub = EventHub()

    public init(root: URL, boundary: URL? = nil) {
        self.root = root.standardizedFileURL
        self.boundary = boundary
    }

    /// Every locale the preview offers, the source first, then the module's, then the pseudo-locales.
    public var locales: [String] { paged?.locales ?? [] }
    public var sourceLocale: String? { paged?.locales.first }
    public var moduleID: String? { paged?.strings.identity.id }

    /// Loads the module and renders it in its source language. Throws only when the folder is not a
    /// module at all; a module that does not render is held, with its findings, until it does.
    public func start() throws(PreviewError) {
        let loaded: ModuleLoader.Result
        do { loaded = try ModuleLoader.load(root, root: boundary) } catch { throw .notAModule(error.description) }
        guard loaded.module != nil else {
            let reason = loaded.diagnostics.first.map { "\($0.location): \($0.message)" + ($0.hint.map { " (\($0))" } ?? "") }
            throw .notAModule("\(root.path): \(reason ?? "not a module folder")")
        }
        PreviewTrace.note("start-loaded")
        reload(loaded)
        scheduleCheck()
    }

    /// Brings the module up to date with the files in `paths` (relative to the module folder), and tells
    /// every tab what changed. Returns what was done, for the terminal.
    @discardableResult
    public func apply(_ paths: Set<String>) -> String? {
        let started = DispatchTime.now().uptimeNanoseconds
        PreviewTrace.note("batch")
        let summary: String
        switch ModuleChange.of(paths) {
        case .nothing:
            return nil
        case .module:
            if !FileManager.default.fileExists(atPath: root.appendingPathComponent(Module.manifestFile).path) {
                holds = [Hold(page: nil, message: "the module folder or its module.yaml is gone; the preview shows the module as it was")]
                summary = "module.yaml is gone: showing the last version"
                version += 1
                publishFindings()
                return summary
            }
            do {
                let loaded = try ModuleLoader.load(root, root: boundary)
                reload(loaded)
                summary = holds.isEmpty ? "module reloaded" : "module reloaded; kept the last good version: \(holds[0].message)"
                hub.publish(.reload(version: version))
            } catch {
                holds = [Hold(page: nil, message: error.description)]
                version += 1
                summary = error.description
            }
        case .pages(let ids):
            var changed: [String] = []
            for id in ids.sorted() where update(page: id) { changed.append(id) }
            version += 1
            if !changed.isEmpty {
                hub.publish(.pages(version: version, ids: changed))
                PreviewTrace.note("applied", took: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            }
            // after the pages went out: the tabs do not wait for the checks
            for id in ids { checkPage(id) }
            let held = holds.compactMap(\.page).filter(ids.contains)
            summary = (changed.map { "pages/\($0).md: updated" } + held.map { "pages/\($0).md: kept the last good version" })
                .joined(separator: "; ")
        }
        lastChangeMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        publishFindings()
        scheduleCheck()
        return summary.isEmpty ? nil : summary
    }

    // MARK: - Loading and rendering

    private func reload(_ loaded: ModuleLoader.Result) {
        version += 1
        holds = []
        loadFindings = Dictionary(grouping: loaded.diagnostics, by: \.location.file)
        guard let module = loaded.module else { return }
        self.module = module
        manifestFindings = (try? ModuleChecker.manifestFindings(module)) ?? []
        pageFindings = [:]
        for (id, found) in module.pages.concurrentMap({ ($0.id, (try? ModuleChecker.pageFindings($0, of: module)) ?? []) }) where !found.isEmpty {
            pageFindings[id, default: []] += found
        }
        PreviewTrace.note("pages-checked")
        defer { checkTranslations() }
        do throws(RenderError) {
            var strings: ModuleStrings
            do { strings = try ModuleStrings.load(module) } catch { throw RenderError(error.description) }
            PreviewTrace.note("strings-loaded")
            let locales = Self.withPseudoLocales(&strings)
            PreviewTrace.note("pseudo-locales-made")
            let paged = try PagedModule(strings, locales: locales)
            PreviewTrace.note("strings-extracted")
            let source = PreviewVariant(locale: locales[0], review: false)
            let pages = try renderAll(paged, source)
            PreviewTrace.note("pages-rendered")
            self.paged = paged
            rendered = [source: pages]
            documents = [:]
        } catch {
            holds = [Hold(page: nil, message: paged == nil
                ? "the module cannot be shown yet: \(error.description)"
                : "\(error.description); the preview shows the last version that worked")]
        }
    }

    /// Keeps the translations only; returns every locale, the pseudo-locales last. An entry without a
    /// translation shows as its source (marked new in a review) exactly as no entry does, and is not
    /// checked: on a module not yet translated such entries are most of what the preview would hold
    /// (284,701 in each of five tables on the 2,000-page benchmark module). The pseudo-locales' tables
    /// are made when a tab first asks for one (`pseudoTable`): made at the start, they were a third of it.
    private static func withPseudoLocales(_ strings: inout ModuleStrings) -> [String] {
        for locale in strings.identity.locales {
            guard let entries = strings.tables[locale]?.entries, entries.values.contains(where: { !$0.hasTranslation }) else { continue }
            strings.tables[locale]?.entries = entries.filter { $0.value.hasTranslation }
        }
        var locales = [strings.identity.sourceLanguage] + strings.identity.locales
        for kind in PseudoLocalizer.Kind.allCases {
            // always made from the source as it is now, even where the module lists a pseudo-locale
            strings.tables[kind.rawValue] = nil
            if !locales.contains(kind.rawValue) { locales.append(kind.rawValue) }
        }
        return locales
    }

    /// Makes a pseudo-locale's table from the strings as they are now, when a tab first asks for it.
    private func pseudoTable(_ locale: String) {
        guard var paged, paged.strings.tables[locale] == nil, let kind = PseudoLocalizer.Kind(rawValue: locale) else { return }
        // The session's copy becomes the only one, so that the table is added in place.
        self.paged = nil
        let table = PseudoLocalizer.table(for: paged.strings.units, as: kind)
        paged.setTable(table)
        self.paged = paged
    }

    private func renderAll(_ paged: PagedModule, _ variant: PreviewVariant) throws(RenderError) -> [String: RenderedPage] {
        let results = paged.pageIDs.concurrentMap { id -> Result<RenderedPage, RenderError> in
            do throws(RenderError) { return .success(try paged.render(page: id, locale: variant.locale, review: variant.review)) } catch {
                return .failure(error)
            }
        }
        var pages: [String: RenderedPage] = [:]
        for result in results {
            switch result {
            case .success(let page): pages[page.id] = page
            case .failure(let error): throw error
            }
        }
        pagesRendered += pages.count
        return pages
    }

    /// Reads one page again and renders it in every variant a tab has open. True when the tabs have
    /// something new to show.
    private func update(page id: String) -> Bool {
        let file = "pages/\(id).md"
        guard var module else { return false }
        holds.removeAll { $0.page == id }
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path) else {
            loadFindings[file] = nil
            module = Module(root: module.root, manifest: module.manifest, pages: module.pages.filter { $0.id != id },
                            mediaFiles: module.mediaFiles, boundary: module.boundary)
            self.module = module
            if paged?.pageIDs.contains(id) == true {
                holds.append(Hold(page: id, message: "\(file) was deleted, but module.yaml still lists it: the preview shows the page as it was"))
            }
            return false
        }
        let (page, diagnostics) = ModuleLoader.loadPage(file, of: module)
        loadFindings[file] = diagnostics.isEmpty ? nil : diagnostics
        guard let page else {
            holds.append(Hold(page: id, message: Self.say(diagnostics.first, or: "\(file) cannot be read")))
            return false
        }
        var pages = module.pages.filter { $0.id != id }
        pages.append(page)
        pages.sort { $0.file < $1.file }
        module = Module(root: module.root, manifest: module.manifest, pages: pages, mediaFiles: module.mediaFiles,
                        boundary: module.boundary)
        self.module = module
        guard var paged, paged.pageIDs.contains(id) else { return false }
        if let error = diagnostics.first(where: { $0.severity == .error }) {
            holds.append(Hold(page: id, message: Self.say(error, or: "") + "; the preview shows the page as it was before this edit"))
            return false
        }
        // The session's copy becomes the only one, so that the page's strings change in place: copying
        // the tables of a big module would cost more than the rest of the save.
        self.paged = nil
        defer { self.paged = paged }
        do throws(RenderError) {
            let replacement = try paged.replace(page: page, in: module)
            for kind in PseudoLocalizer.Kind.allCases where paged.strings.tables[kind.rawValue] != nil {
                paged.setEntries(PseudoLocalizer.table(for: replacement.fresh, as: kind).entries, locale: kind.rawValue)
            }
            var fresh: [PreviewVariant: RenderedPage] = [:]
            do throws(RenderError) {
                for variant in rendered.keys {
                    fresh[variant] = try paged.render(page: id, locale: variant.locale, review: variant.review)
                    pagesRendered += 1
                }
            } catch {
                paged.restore(replacement)
                throw error
            }
            for (variant, page) in fresh { rendered[variant]?[id] = page }
            documents = [:]
            return true
        } catch {
            holds.append(Hold(page: id, message: "\(error.description); the preview shows the page as it was before this edit"))
            return false
        }
    }

    private static func say(_ diagnostic: Diagnostic?, or fallback: String) -> String {
        guard let diagnostic else { return fallback }
        return "\(diagnostic.location): \(diagnostic.message)"
    }

    // MARK: - What tabs ask for

    /// The document at `path` (`index.html`, `index.<tag>.html`), as learners see it or for review.
    public func document(_ path: String, review: Bool) -> DocumentAnswer {
        if let locale = paged?.locales.first(where: { paged?.documentPath($0) == path }) { pseudoTable(locale) }
        guard let paged else {
            return .unavailable(holds.first?.message ?? "the module cannot be shown yet")
        }
        guard let locale = paged.locales.first(where: { paged.documentPath($0) == path }) else { return .notFound }
        let variant = PreviewVariant(locale: locale, review: review && locale != paged.locales[0])
        if let document = documents[variant] { return .html(document) }
        do {
            var pages = rendered[variant] ?? [:]
            if pages.count != paged.pageIDs.count {
                pages = try renderAll(paged, variant)
                rendered[variant] = pages
            }
            let document = try paged.document(locale: locale, review: variant.review, pages: paged.pageIDs.compactMap { pages[$0] })
            let html = PreviewMarkup.inject(into: document, variant: variant, version: version)
            PreviewTrace.note("document-made")
            documents[variant] = html
            return .html(html)
        } catch {
            return .unavailable("the \(locale) document cannot be shown: \(error.description)")
        }
    }

    /// One page as it is now in a variant, for a tab that was told it changed.
    public func page(_ id: String, locale: String, review: Bool) -> (version: Int, page: RenderedPage)? {
        pseudoTable(locale)
        guard let paged, paged.locales.contains(locale), paged.pageIDs.contains(id) else { return nil }
        let variant = PreviewVariant(locale: locale, review: review && locale != paged.locales[0])
        if let page = rendered[variant]?[id] { return (version, page) }
        guard let page = try? paged.render(page: id, locale: locale, review: variant.review) else { return nil }
        pagesRendered += 1
        if rendered[variant] != nil { rendered[variant]?[id] = page }
        return (version, page)
    }

    /// A media file the module has, by its module-relative path (`media/clinic.jpg`); nil for any other
    /// path: only files the loader listed (inside the module, no links out) are served.
    public func mediaFile(_ relative: String) -> URL? {
        guard let module, module.mediaFiles.contains(relative) else { return nil }
        return module.root.appendingPathComponent(relative)
    }

    // MARK: - Findings

    /// The findings as they stand: the loader's and the pages' own for this version, the translations' of
    /// the version on show, the cross-page rules' from their last run.
    public func diagnostics() -> [Diagnostic] {
        var all = Set(loadFindings.values.joined())
        all.formUnion(manifestFindings)
        all.formUnion(pageFindings.values.joined())
        all.formUnion(translationFindings.values.joined())
        all.formUnion(ruleFindings)
        return all.sorted()
    }

    public func report() -> FindingsReport {
        FindingsReport(version: version, checked: checkedVersion == version, findings: diagnostics().map(Finding.init),
                       holds: holds)
    }

    private func publishFindings() {
        hub.publish(.findings(report()))
    }

    /// Checks one page again as it is now: its own findings (none when it is gone) and its strings'
    /// translations (of the version on show).
    private func checkPage(_ id: String) {
        guard let module else { return }
        let found = module.pages.first(where: { $0.id == id }).flatMap { try? ModuleChecker.pageFindings($0, of: module) } ?? []
        pageFindings[id] = found.isEmpty ? nil : found
        guard let paged else { return }
        let translations = TableChecker.diagnostics(for: paged.strings, units: paged.units(of: id))
        translationFindings[id] = translations.isEmpty ? nil : translations
    }

    /// Checks the translations of every string (after the module was loaded).
    private func checkTranslations() {
        translationFindings = [:]
        guard let paged else { return }
        let strings = paged.strings
        let groups = Array(Dictionary(grouping: strings.units, by: { $0.page ?? Self.moduleStrings }))
        for (key, found) in groups.concurrentMap({ ($0.key, TableChecker.diagnostics(for: strings, units: $0.value)) }) where !found.isEmpty {
            translationFindings[key] = found
        }
        PreviewTrace.note("translations-checked")
    }

    /// Runs the cross-page rules on the module as it is now, beside the server and below it in
    /// priority; one run at a time, the latest version next when changes came in meanwhile. The run
    /// holds the module (which a save replaces, never changes in place), not the strings.
    private func scheduleCheck() {
        guard let module else { return }
        if checking {
            checkAgain = true
            return
        }
        checking = true
        let version = self.version
        Task { [self] in
            let started = DispatchTime.now().uptimeNanoseconds
            let found = await BackgroundThread.run { ModuleChecker.crossPageFindings(module, concurrently: false) }
            PreviewTrace.note("check-done", took: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            finishCheck(found, version: version)
        }
    }

    private func finishCheck(_ found: [Diagnostic], version: Int) {
        checking = false
        ruleFindings = found
        checkedVersion = version
        if checkAgain {
            checkAgain = false
            scheduleCheck()
        } else {
            publishFindings()
        }
    }

    /// Waits until the checker has run on the current version (for tests and the terminal's first report).
    public func waitForCheck(timeout: Duration = .seconds(60)) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while checkedVersion != version || checking {
            if clock.now > deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    nonisolated public func events() -> AsyncStream<PreviewEvent> { hub.subscribe() }
    nonisolated public var listeners: Int { hub.count }
}
