import Foundation

/// A position in a registered document: document index plus JSON Pointer tokens from the document root.
struct Location: Hashable {
    var doc: Int
    var pointer: [String]

    func appending(_ tokens: String...) -> Location {
        var copy = self
        copy.pointer.append(contentsOf: tokens)
        return copy
    }
}

/// What the registry knows about a schema position.
struct PositionInfo {
    /// Base URI (no fragment) of the innermost schema resource containing the position.
    var base: String
    /// Pointer from that resource's root to the position.
    var canonicalPointer: [String]
    /// `$schema` in effect (nil: the default, draft 2020-12).
    var dialect: String?
}

/// The JSON Schema vocabularies a dialect enables.
struct Vocabularies: OptionSet, Hashable {
    let rawValue: Int
    static let applicator = Vocabularies(rawValue: 1 << 0)
    static let unevaluated = Vocabularies(rawValue: 1 << 1)
    static let validation = Vocabularies(rawValue: 1 << 2)
    static let formatAnnotation = Vocabularies(rawValue: 1 << 3)
    static let formatAssertion = Vocabularies(rawValue: 1 << 4)
    static let content = Vocabularies(rawValue: 1 << 5)
    static let metaData = Vocabularies(rawValue: 1 << 6)
    /// Pseudo-vocabulary: the dialect is draft 2019-09 or older (no `prefixItems`, array-form `items`).
    static let legacyItems = Vocabularies(rawValue: 1 << 7)

    static let all2020: Vocabularies = [.applicator, .unevaluated, .validation, .formatAnnotation, .content, .metaData]

    static let byURI: [String: Vocabularies] = [
        "https://json-schema.org/draft/2020-12/vocab/core": [],
        "https://json-schema.org/draft/2020-12/vocab/applicator": .applicator,
        "https://json-schema.org/draft/2020-12/vocab/unevaluated": .unevaluated,
        "https://json-schema.org/draft/2020-12/vocab/validation": .validation,
        "https://json-schema.org/draft/2020-12/vocab/format-annotation": .formatAnnotation,
        "https://json-schema.org/draft/2020-12/vocab/format-assertion": .formatAssertion,
        "https://json-schema.org/draft/2020-12/vocab/content": .content,
        "https://json-schema.org/draft/2020-12/vocab/meta-data": .metaData,
    ]
}

/// Keywords whose values are subschemas, used to index `$id`, `$anchor` and `$dynamicAnchor`.
enum SubschemaKeywords {
    static let single: Set<String> = [
        "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems",
    ]
    static let array: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems", "items"]
    static let map: Set<String> = ["$defs", "definitions", "properties", "patternProperties", "dependentSchemas", "dependencies"]
}

/// Holds schema documents by URI and indexes their embedded resources and anchors.
///
/// Thread-safe; a `Validator` compiles what it needs at init, so registering more documents later does
/// not affect existing validators.
public final class SchemaRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var documents: [JSONValue] = []
    private(set) var documentURIs: [String] = []
    /// Absolute resource URI (no fragment) -> its root.
    private var resources: [String: Location] = [:]
    /// "uri#name" -> location, for `$anchor` and `$dynamicAnchor`.
    private var anchors: [String: Location] = [:]
    /// resource URI -> dynamic anchor name -> location.
    private var dynamicAnchors: [String: [String: Location]] = [:]
    private var positions: [Location: PositionInfo] = [:]

    public init() {}

    /// An independent copy (later registrations in either do not affect the other).
    public func copy() -> SchemaRegistry {
        let other = SchemaRegistry()
        lock.lock()
        defer { lock.unlock() }
        other.documents = documents
        other.documentURIs = documentURIs
        other.resources = resources
        other.anchors = anchors
        other.dynamicAnchors = dynamicAnchors
        other.positions = positions
        return other
    }

    /// Registers a schema document under `uri` (its retrieval URI). Embedded `$id` resources, `$anchor`s and
    /// `$dynamicAnchor`s are indexed. Registering the same URI again replaces the index entries.
    public func register(_ document: JSONValue, uri: String) throws {
        let (docURI, fragment) = splitFragment(uri)
        if let fragment, !fragment.isEmpty {
            throw SchemaError("cannot register a schema under '\(uri)': the URI must not have a fragment")
        }
        switch document {
        case .object, .bool: break
        default: throw SchemaError("cannot register '\(uri)': a schema must be a JSON object or boolean")
        }
        lock.lock()
        defer { lock.unlock() }
        let docIndex = documents.count
        documents.append(document)
        documentURIs.append(docURI)
        let root = Location(doc: docIndex, pointer: [])
        resources[docURI] = root
        index(document, at: root, base: docURI, resourcePointer: [], dialect: nil, isRoot: true)
    }

    /// Reads and registers a JSON file.
    public func register(contentsOf url: URL, uri: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SchemaError("cannot read schema file '\(url.path)': \(error.localizedDescription)")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(data)
        } catch let e as JSONParseError {
            throw SchemaError("\(url.path):\(e.line):\(e.column): \(e.message)")
        }
        try register(value, uri: uri)
    }

    /// Registers a document under its own root `$id`.
    public func register(_ document: JSONValue) throws {
        guard case .string(let id)? = document["$id"] else {
            throw SchemaError("cannot register a schema without an '$id' without giving a URI")
        }
        try register(document, uri: splitFragment(id).0)
    }

    /// True when a resource with this absolute URI (no fragment) is registered.
    public func contains(uri: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return resources[splitFragment(uri).0] != nil
    }

    private func index(_ value: JSONValue, at loc: Location, base: String, resourcePointer: [String], dialect: String?, isRoot: Bool) {
        guard case .object(let object) = value else {
            if positions[loc] == nil { positions[loc] = PositionInfo(base: base, canonicalPointer: resourcePointer, dialect: dialect) }
            return
        }
        var base = base
        var resourcePointer = resourcePointer
        var dialect = dialect
        if case .string(let id)? = object["$id"] {
            let resolved = splitFragment(resolveURI(id, against: base)).0
            base = resolved
            resourcePointer = []
            resources[resolved] = loc
        }
        if case .string(let s)? = object["$schema"] { dialect = normalizeDialect(s) }
        positions[loc] = PositionInfo(base: base, canonicalPointer: resourcePointer, dialect: dialect)
        if case .string(let name)? = object["$anchor"] { anchors[base + "#" + name] = loc }
        if case .string(let name)? = object["$dynamicAnchor"] {
            anchors[base + "#" + name] = loc
            dynamicAnchors[base, default: [:]][name] = loc
        }
        for (key, child) in object {
            if SubschemaKeywords.single.contains(key) || (key == "items" && !isArray(child)) {
                index(child, at: loc.appending(key), base: base, resourcePointer: resourcePointer + [key], dialect: dialect, isRoot: false)
            } else if SubschemaKeywords.array.contains(key), case .array(let items) = child {
                for (i, item) in items.enumerated() {
                    let t = String(i)
                    index(item, at: loc.appending(key, t), base: base, resourcePointer: resourcePointer + [key, t], dialect: dialect, isRoot: false)
                }
            } else if SubschemaKeywords.map.contains(key), case .object(let members) = child {
                for (name, item) in members {
                    // `dependencies` (older drafts) mixes arrays and schemas.
                    if key == "dependencies", case .array = item { continue }
                    index(item, at: loc.appending(key, name), base: base, resourcePointer: resourcePointer + [key, name], dialect: dialect, isRoot: false)
                }
            }
        }
    }

    private func isArray(_ v: JSONValue) -> Bool {
        if case .array = v { return true }
        return false
    }

    // MARK: lookups used by the compiler (callers hold no lock; these take it)

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// The value at a location, nil when the pointer does not lead anywhere.
    func value(at loc: Location) -> JSONValue? {
        guard loc.doc >= 0, loc.doc < documents.count else { return nil }
        var current = documents[loc.doc]
        for token in loc.pointer {
            switch current {
            case .object(let o):
                guard let v = o[token] else { return nil }
                current = v
            case .array(let a):
                guard let i = Int(token), i >= 0, i < a.count, String(i) == token else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        return current
    }

    /// Info for a position; positions the index did not visit (inside unknown keywords) inherit from the
    /// nearest indexed ancestor.
    func info(at loc: Location) -> PositionInfo {
        if let info = positions[loc] { return info }
        var prefix = loc.pointer
        var suffix: [String] = []
        while !prefix.isEmpty {
            suffix.insert(prefix.removeLast(), at: 0)
            if let info = positions[Location(doc: loc.doc, pointer: prefix)] {
                return PositionInfo(base: info.base, canonicalPointer: info.canonicalPointer + suffix, dialect: info.dialect)
            }
        }
        return PositionInfo(base: documentURIs.indices.contains(loc.doc) ? documentURIs[loc.doc] : "", canonicalPointer: loc.pointer, dialect: nil)
    }

    func resource(_ uri: String) -> Location? { resources[uri] }
    func anchor(_ uriWithFragment: String) -> Location? { anchors[uriWithFragment] }
    func dynamicAnchorTable(_ resourceURI: String) -> [String: Location] { dynamicAnchors[resourceURI] ?? [:] }
    func isDynamicAnchor(_ resourceURI: String, _ name: String) -> Bool { dynamicAnchors[resourceURI]?[name] != nil }

    /// The vocabularies in effect for a `$schema` value.
    func vocabularies(forDialect dialect: String?) throws -> Vocabularies {
        guard let dialect else { return .all2020 }
        switch dialect {
        case "https://json-schema.org/draft/2020-12/schema":
            return .all2020
        case "https://json-schema.org/draft/2019-09/schema", "http://json-schema.org/draft-07/schema",
            "http://json-schema.org/draft-06/schema", "http://json-schema.org/draft-04/schema":
            // Older dialects are evaluated with 2020-12 keyword semantics, except for array items.
            return Vocabularies.all2020.subtracting(.content).union(.legacyItems)
        default:
            break
        }
        guard let loc = resources[dialect], case .object(let meta)? = value(at: loc) else {
            // An unregistered, unknown metaschema: assume the standard 2020-12 vocabularies.
            return .all2020
        }
        guard case .object(let vocabs)? = meta["$vocabulary"] else { return .all2020 }
        var result: Vocabularies = []
        for (uri, required) in vocabs {
            if let v = Vocabularies.byURI[uri] {
                result.formUnion(v)
            } else if required == .bool(true) {
                throw SchemaError("metaschema '\(dialect)' requires the unknown vocabulary '\(uri)'")
            }
        }
        return result
    }
}

func normalizeDialect(_ s: String) -> String {
    // "http://json-schema.org/draft-07/schema#" and the form without '#' are the same dialect.
    let (uri, fragment) = splitFragment(s)
    if let fragment, !fragment.isEmpty { return s }
    return uri
}
