import CoursepackLoad
import CoursepackSchemas
import Foundation
import JSONSchema

/// Which parts of a YAML document are translatable, read from the schemas' `x-translatable` marks:
/// the schemas are the one source of truth for validation and for extraction.
indirect enum TranslatableShape: Sendable {
    /// A translatable string (with its length limit), or a list of them.
    case text(maxLength: Int?, markdown: Bool, title: String?)
    case object([String: TranslatableShape])
    case array(TranslatableShape)

    /// Two shapes of the same place (e.g. the `then` branches of each quiz kind) combined.
    func merged(with other: TranslatableShape) -> TranslatableShape {
        switch (self, other) {
        case (.object(let a), .object(let b)):
            return .object(a.merging(b) { $0.merged(with: $1) })
        case (.array(let a), .array(let b)):
            return .array(a.merged(with: b))
        default:
            return self
        }
    }
}

/// The shapes of module.yaml, page front matter and every component type.
struct TranslatableShapes: Sendable {
    let manifest: TranslatableShape
    let frontMatter: TranslatableShape
    let components: [ComponentType: TranslatableShape]

    static let shared: Result<TranslatableShapes, SchemaError> = {
        do throws(SchemaError) {
            return .success(try TranslatableShapes(directory: CoursepackSchemas.directory))
        } catch {
            return .failure(error)
        }
    }()

    init(directory: URL) throws(SchemaError) {
        var reader = SchemaWalker(directory: directory)
        manifest = try reader.shape(ofFile: "module.schema.json")
        frontMatter = try reader.shape(ofFile: "page.schema.json")
        var components: [ComponentType: TranslatableShape] = [:]
        for type in ComponentType.allCases {
            components[type] = try reader.shape(ofFile: "components/\(type.rawValue).schema.json")
        }
        self.components = components
    }
}

/// Walks schema documents, following `$ref`s between the format's files.
private struct SchemaWalker {
    let directory: URL
    var documents: [String: JSONValue] = [:]

    init(directory: URL) { self.directory = directory }

    mutating func document(_ file: String) throws(SchemaError) -> JSONValue {
        if let cached = documents[file] { return cached }
        do {
            let value = try JSONParser.parse(Data(contentsOf: directory.appendingPathComponent(file)))
            documents[file] = value
            return value
        } catch {
            throw SchemaError("cannot read the schema \(file): \(error)")
        }
    }

    mutating func shape(ofFile file: String) throws(SchemaError) -> TranslatableShape {
        try shape(of: try document(file), in: file, depth: 0) ?? .object([:])
    }

    /// The translatable shape of a schema, or nil when nothing in it is translatable.
    mutating func shape(of schema: JSONValue, in file: String, depth: Int) throws(SchemaError) -> TranslatableShape? {
        guard depth < 32, case .object(let keywords) = schema else { return nil }
        if keywords["x-translatable"] == .bool(true) {
            var maxLength = keywords["maxLength"]?.numberValue?.intValue
            if maxLength == nil, let target = try resolve(keywords["$ref"], from: file) {
                maxLength = target.schema["maxLength"]?.numberValue?.intValue
            }
            return .text(maxLength: maxLength, markdown: keywords["x-markdown"] == .bool(true),
                         title: keywords["title"]?.stringValue)
        }
        var result: TranslatableShape?
        func add(_ shape: TranslatableShape?) {
            guard let shape else { return }
            result = result.map { $0.merged(with: shape) } ?? shape
        }
        if let target = try resolve(keywords["$ref"], from: file) {
            add(try self.shape(of: target.schema, in: target.file, depth: depth + 1))
        }
        if case .object(let properties)? = keywords["properties"] {
            var fields: [String: TranslatableShape] = [:]
            for (name, property) in properties {
                if let shape = try self.shape(of: property, in: file, depth: depth + 1) { fields[name] = shape }
            }
            if !fields.isEmpty { add(.object(fields)) }
        }
        if let items = keywords["items"], let shape = try self.shape(of: items, in: file, depth: depth + 1) {
            add(.array(shape))
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            for branch in keywords[keyword]?.arrayValue ?? [] { add(try self.shape(of: branch, in: file, depth: depth + 1)) }
        }
        for keyword in ["then", "else"] {
            if let branch = keywords[keyword] { add(try self.shape(of: branch, in: file, depth: depth + 1)) }
        }
        return result
    }

    /// A `$ref` within the format's files: `#/$defs/x`, `../common.schema.json#/$defs/x`.
    mutating func resolve(_ reference: JSONValue?, from file: String) throws(SchemaError) -> (schema: JSONValue, file: String)? {
        guard let reference = reference?.stringValue else { return nil }
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        var targetFile = file
        if let path = parts.first, !path.isEmpty {
            let base = (file as NSString).deletingLastPathComponent
            targetFile = ((base.isEmpty ? String(path) : base + "/" + path) as NSString).standardizingPath
        }
        var node = try document(targetFile)
        if parts.count == 2 {
            for component in parts[1].split(separator: "/") {
                guard let next = node[String(component)] else { return nil }
                node = next
            }
        }
        return (node, targetFile)
    }
}
