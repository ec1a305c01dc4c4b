import Foundation
import CoursepackLoad
import Dispatch
import JSONSchema

/// The check stage: schema validation of every YAML document in the module, then every rule.
/// The result is a list of diagnostics, never an exception.
public enum ModuleChecker {
    /// A failure to run at all: the tool's own schemas are broken (a defect of the tool, not the module).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func check(_ module: Module) throws(Failure) -> [Diagnostic] {
        let schemas = try formatSchemas()
        var diagnostics = manifestFindings(module, schemas)
        diagnostics += module.pages.concurrentMap { pageFindings($0, of: module, schemas) }.flatMap { $0 }
        diagnostics += crossPageFindings(module)
        return diagnostics
    }

    // The parts of `check`, for a caller that keeps findings between changes (the live preview): the
    // findings of a page's schemas and of the rules that look at one page at a time depend on that page
    // alone, so only a changed page needs checking again; the other rules look across pages and run on
    // the whole module.

    /// The schema findings of module.yaml.
    public static func manifestFindings(_ module: Module) throws(Failure) -> [Diagnostic] {
        manifestFindings(module, try formatSchemas())
    }

    /// The findings on one page of `module` that depend on that page alone: its front matter's and its
    /// components' schemas, and the rules that look at one page at a time (quizzes, dialogues, headings,
    /// text alternatives).
    public static func pageFindings(_ page: Page, of module: Module) throws(Failure) -> [Diagnostic] {
        pageFindings(page, of: module, try formatSchemas())
    }

    /// The findings of the rules that look across pages, module.yaml and the media (links, ids, the
    /// page list, media files, the learner state's size), on every core unless `concurrently` is false
    /// (work kept out of the way of other work on a thread of its own).
    public static func crossPageFindings(_ module: Module, concurrently: Bool = true) -> [Diagnostic] {
        let context = CheckContext(module: module)
        if concurrently { return crossPageRules.concurrentMap { $0.check(context) }.flatMap { $0 } }
        return crossPageRules.flatMap { $0.check(context) }
    }

    private static func formatSchemas() throws(Failure) -> FormatSchemas {
        switch FormatSchemas.shared {
        case .success(let loaded): return loaded
        case .failure(let error): throw Failure(description: "internal error: the format's schemas are broken: \(error)")
        }
    }

    private static func manifestFindings(_ module: Module, _ schemas: FormatSchemas) -> [Diagnostic] {
        guard let manifest = module.manifest else { return [] }
        return SchemaFindings(validator: schemas.manifest, documentNoun: "module.yaml").check(manifest)
    }

    private static func pageFindings(_ page: Page, of module: Module, _ schemas: FormatSchemas) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if let frontMatter = page.frontMatter {
            found += SchemaFindings(validator: schemas.page, documentNoun: "the page front matter").check(frontMatter)
        }
        for component in page.components {
            guard let body = component.body, let validator = schemas.components[component.type] else { continue }
            let noun = "\(article(component.type.rawValue)) \(component.type.rawValue)"
            found += SchemaFindings(validator: validator, documentNoun: noun).check(body)
        }
        let alone = Module(root: module.root, manifest: module.manifest, pages: [page], mediaFiles: module.mediaFiles,
                           boundary: module.boundary)
        let context = CheckContext(module: alone)
        for rule in pageRules { found += rule.check(context) }
        return found
    }

    /// Loads and checks a module folder: everything `coursepack validate` reports for it, sorted.
    /// `later` adds the findings of later stages (the translations' checks) on the same loaded module.
    public static func validate(_ url: URL, root: URL? = nil, later: (Module) -> [Diagnostic] = { _ in [] }) throws -> [Diagnostic] {
        let loaded = try ModuleLoader.load(url, root: root)
        var diagnostics = loaded.diagnostics
        if let module = loaded.module {
            diagnostics += try check(module)
            if module.manifest != nil { diagnostics += later(module) }
        }
        // Freeing a large module's tree (tens of thousands of values) takes a noticeable part of a
        // run; let it happen beside the reporting instead of before it.
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(loaded) {} }
        return diagnostics.sorted()
    }
}
