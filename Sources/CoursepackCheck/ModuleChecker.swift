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
        let schemas: FormatSchemas
        switch FormatSchemas.shared {
        case .success(let loaded): schemas = loaded
        case .failure(let error): throw Failure(description: "internal error: the format's schemas are broken: \(error)")
        }
        var diagnostics: [Diagnostic] = []
        if let manifest = module.manifest {
            diagnostics += SchemaFindings(validator: schemas.manifest, documentNoun: "module.yaml").check(manifest)
        }
        diagnostics += module.pages.concurrentMap { page in
            var found: [Diagnostic] = []
            if let frontMatter = page.frontMatter {
                found += SchemaFindings(validator: schemas.page, documentNoun: "the page front matter").check(frontMatter)
            }
            for component in page.components {
                guard let body = component.body, let validator = schemas.components[component.type] else { continue }
                let noun = "\(article(component.type.rawValue)) \(component.type.rawValue)"
                found += SchemaFindings(validator: validator, documentNoun: noun).check(body)
            }
            return found
        }.flatMap { $0 }
        let context = CheckContext(module: module)
        diagnostics += allRules.concurrentMap { $0.check(context) }.flatMap { $0 }
        return diagnostics
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
