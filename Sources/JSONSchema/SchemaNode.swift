/// JSON Schema type names as a bit set.
struct TypeMask: OptionSet, Hashable {
    let rawValue: UInt8
    static let null = TypeMask(rawValue: 1)
    static let boolean = TypeMask(rawValue: 2)
    static let integer = TypeMask(rawValue: 4)
    static let number = TypeMask(rawValue: 8)
    static let string = TypeMask(rawValue: 16)
    static let array = TypeMask(rawValue: 32)
    static let object = TypeMask(rawValue: 64)

    static func named(_ name: String) -> TypeMask? {
        switch name {
        case "null": return .null
        case "boolean": return .boolean
        case "integer": return .integer
        case "number": return .number
        case "string": return .string
        case "array": return .array
        case "object": return .object
        default: return nil
        }
    }

    @inline(__always)
    func matches(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .number(let n): return contains(.number) || (contains(.integer) && n.isInteger)
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        }
    }
}

/// A compiled keyword. Subschemas are held as nodes; `$ref` targets are shared nodes.
indirect enum Keyword {
    case type(TypeMask, names: [String])
    case enumeration([JSONValue], set: Set<JSONValue>?)
    case constant(JSONValue)
    case multipleOf(JSONNumber)
    case maximum(JSONNumber)
    case exclusiveMaximum(JSONNumber)
    case minimum(JSONNumber)
    case exclusiveMinimum(JSONNumber)
    case maxLength(Int)
    case minLength(Int)
    case pattern(ECMARegex)
    case format(String, Formats.Check)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    case maxProperties(Int)
    case minProperties(Int)
    case required([String])
    case dependentRequired([(String, [String])])
    case properties([(String, SchemaNode)])
    case patternProperties([(String, ECMARegex, SchemaNode)])
    case additionalProperties(SchemaNode, known: Set<String>, patterns: [ECMARegex], allowed: [String])
    case propertyNames(SchemaNode)
    case prefixItems([SchemaNode])
    case items(SchemaNode, from: Int)
    case contains(SchemaNode, min: Int, max: Int?)
    case allOf([SchemaNode])
    case anyOf([SchemaNode])
    case oneOf([SchemaNode])
    case not(SchemaNode)
    case conditional(if: SchemaNode, then: SchemaNode?, else: SchemaNode?)
    case dependentSchemas([(String, SchemaNode)])
    case ref(SchemaNode)
    case dynamicRef(SchemaNode, anchor: String?)
    case contentEncoding(String)
    case contentMediaType(String, encoding: String?)
    case unevaluatedProperties(SchemaNode)
    case unevaluatedItems(SchemaNode)

    var name: String {
        switch self {
        case .type: return "type"
        case .enumeration: return "enum"
        case .constant: return "const"
        case .multipleOf: return "multipleOf"
        case .maximum: return "maximum"
        case .exclusiveMaximum: return "exclusiveMaximum"
        case .minimum: return "minimum"
        case .exclusiveMinimum: return "exclusiveMinimum"
        case .maxLength: return "maxLength"
        case .minLength: return "minLength"
        case .pattern: return "pattern"
        case .format: return "format"
        case .maxItems: return "maxItems"
        case .minItems: return "minItems"
        case .uniqueItems: return "uniqueItems"
        case .maxProperties: return "maxProperties"
        case .minProperties: return "minProperties"
        case .required: return "required"
        case .dependentRequired: return "dependentRequired"
        case .properties: return "properties"
        case .patternProperties: return "patternProperties"
        case .additionalProperties: return "additionalProperties"
        case .propertyNames: return "propertyNames"
        case .prefixItems: return "prefixItems"
        case .items: return "items"
        case .contains: return "contains"
        case .allOf: return "allOf"
        case .anyOf: return "anyOf"
        case .oneOf: return "oneOf"
        case .not: return "not"
        case .conditional: return "if"
        case .dependentSchemas: return "dependentSchemas"
        case .ref: return "$ref"
        case .dynamicRef: return "$dynamicRef"
        case .contentEncoding: return "contentEncoding"
        case .contentMediaType: return "contentMediaType"
        case .unevaluatedProperties: return "unevaluatedProperties"
        case .unevaluatedItems: return "unevaluatedItems"
        }
    }

    /// Subschemas applied to the same instance location (used to find `$ref` loops at compile time).
    var inPlaceSubschemas: [SchemaNode] {
        switch self {
        case .allOf(let s), .anyOf(let s), .oneOf(let s): return s
        case .not(let s): return [s]
        case .conditional(let i, let t, let e): return [i] + (t.map { [$0] } ?? []) + (e.map { [$0] } ?? [])
        case .dependentSchemas(let list): return list.map { $0.1 }
        case .ref(let s): return [s]
        case .dynamicRef(let s, _): return [s]
        default: return []
        }
    }
}

/// One compiled schema (object or boolean).
final class SchemaNode: @unchecked Sendable {
    enum Kind { case alwaysTrue, alwaysFalse, keywords }

    @exclusivity(unchecked) var kind: Kind = .alwaysTrue
    @exclusivity(unchecked) var keywords: [Keyword] = []
    var schemaObject: [String: JSONValue] = [:]
    /// Absolute URI of this schema ("base#/pointer").
    let absoluteLocation: String
    /// Index of the schema resource this schema belongs to.
    let resource: Int
    /// Has `unevaluatedProperties` / `unevaluatedItems`: evaluation collects annotations.
    @exclusivity(unchecked) var needsAnnotations = false
    /// Names in this schema's `properties` (for "allowed" lists in errors).
    var declaredProperties: [String] = []

    init(absoluteLocation: String, resource: Int) {
        self.absoluteLocation = absoluteLocation
        self.resource = resource
    }
}

/// Annotations gathered for `unevaluatedProperties` / `unevaluatedItems`. Small objects dominate, so
/// evaluated property names are a plain array (linear search beats hashing for a handful of keys).
final class Annotations {
    @exclusivity(unchecked) var allProperties = false
    @exclusivity(unchecked) var properties: [String] = []
    @exclusivity(unchecked) var allItems = false
    @exclusivity(unchecked) var itemPrefix = 0
    @exclusivity(unchecked) var items: [Int] = []
    /// Property names declared by `properties` of the schemas that applied (error reporting only).
    @exclusivity(unchecked) var declared: [String] = []

    func reset() {
        allProperties = false
        if !properties.isEmpty { properties.removeAll(keepingCapacity: true) }
        allItems = false
        itemPrefix = 0
        if !items.isEmpty { items.removeAll(keepingCapacity: true) }
        if !declared.isEmpty { declared.removeAll(keepingCapacity: true) }
    }

    func merge(_ other: Annotations) {
        if other.allProperties { allProperties = true }
        if !other.properties.isEmpty && !allProperties { properties.append(contentsOf: other.properties) }
        if other.allItems { allItems = true }
        if other.itemPrefix > itemPrefix { itemPrefix = other.itemPrefix }
        if !other.items.isEmpty && !allItems { items.append(contentsOf: other.items) }
        if !other.declared.isEmpty { declared.append(contentsOf: other.declared) }
    }

    func isPropertyEvaluated(_ name: String) -> Bool {
        allProperties || properties.contains(name)
    }

    func isItemEvaluated(_ index: Int) -> Bool {
        allItems || index < itemPrefix || items.contains(index)
    }
}
