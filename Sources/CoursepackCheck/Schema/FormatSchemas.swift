import CoursepackLoad
import CoursepackSchemas
import Foundation
import JSONSchema

/// The module format's schemas, compiled once per process: one validator for `module.yaml`, one for
/// page front matter, one per component type.
struct FormatSchemas: Sendable {
    let manifest: Validator
    let page: Validator
    let components: [ComponentType: Validator]

    /// Compiled on first use; a broken schema is a defect of this tool, reported as a failure to run.
    static let shared: Result<FormatSchemas, SchemaError> = {
        do throws(SchemaError) {
            return .success(try FormatSchemas(directory: CoursepackSchemas.directory))
        } catch {
            return .failure(error)
        }
    }()

    init(directory: URL) throws(SchemaError) {
        let registry = SchemaRegistry()
        let base = CoursepackSchemas.baseURI
        var files = ["module.schema.json", "page.schema.json", "common.schema.json"]
        files += ComponentType.allCases.map { "components/\($0.rawValue).schema.json" }
        do {
            for file in files {
                try registry.register(contentsOf: directory.appendingPathComponent(file), uri: base + file)
            }
            manifest = try Validator(schemaURI: base + "module.schema.json", registry: registry)
            page = try Validator(schemaURI: base + "page.schema.json", registry: registry)
            var components: [ComponentType: Validator] = [:]
            for type in ComponentType.allCases {
                components[type] = try Validator(schemaURI: base + "components/\(type.rawValue).schema.json", registry: registry)
            }
            self.components = components
        } catch let error as SchemaError {
            throw error
        } catch {
            throw SchemaError("the module format's schemas cannot be read from \(directory.path): \(error)")
        }
    }
}
