/// A problem with a schema itself (malformed keyword, unresolvable reference, unknown required vocabulary).
public struct SchemaError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// Absolute location of the offending schema keyword, when known.
    public let location: String?

    public init(_ message: String, location: String? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location, !location.isEmpty { return "\(message) (at \(location))" }
        return message
    }
}

/// Why an instance failed one keyword.
public enum ValidationFailure: Sendable {
    case falseSchema
    /// `actual`: "string", "integer", "number", "object", "array", "boolean", "null".
    case typeMismatch(expected: [String], actual: String)
    case constMismatch(expected: JSONValue)
    case notInEnum(allowed: [JSONValue])
    /// `required`.
    case missingProperty(String)
    /// `dependentRequired`: `property` is present, so `missing` is required.
    case dependentRequired(property: String, missing: String)
    /// `additionalProperties: false` / `unevaluatedProperties: false`. `allowed`: property names that would
    /// have been accepted (declared in `properties` of the schema and of the subschemas that applied), sorted.
    case unexpectedProperty(String, allowed: [String])
    /// `items: false` / `unevaluatedItems: false`.
    case unexpectedItem(index: Int)
    /// Lengths count Unicode code points.
    case stringTooLong(max: Int, actual: Int)
    case stringTooShort(min: Int, actual: Int)
    case tooManyItems(max: Int, actual: Int)
    case tooFewItems(min: Int, actual: Int)
    case tooManyProperties(max: Int, actual: Int)
    case tooFewProperties(min: Int, actual: Int)
    case patternMismatch(pattern: String)
    case formatMismatch(format: String)
    case numberTooLarge(limit: JSONNumber, exclusive: Bool)
    case numberTooSmall(limit: JSONNumber, exclusive: Bool)
    case notMultipleOf(JSONNumber)
    case notUnique(firstIndex: Int, secondIndex: Int)
    case containsTooFew(min: Int, actual: Int)
    case containsTooMany(max: Int, actual: Int)
    /// `anyOf` / `oneOf` with no valid branch: each branch's own errors.
    case noBranchMatched(keyword: String, branches: [[ValidationError]])
    /// `oneOf` with more than one valid branch.
    case severalBranchesMatched(indices: [Int])
    /// `not`: the subschema was valid.
    case notFailed
    /// `propertyNames`: the name and why it failed.
    case invalidPropertyName(String, errors: [ValidationError])
    /// `contentEncoding` / `contentMediaType` (only when `ValidatorOptions.assertContent` is on).
    case contentMismatch(String)
}

/// One failed keyword.
public struct ValidationError: Sendable, CustomStringConvertible {
    /// Where in the instance.
    public let instancePath: InstancePath
    /// The failing keyword ("required", "type", ...; "false" for a false schema).
    public let keyword: String
    /// The schema path as evaluated (through `$ref`s), e.g. "/allOf/0/then/properties/options/required".
    public let keywordLocation: String
    /// Absolute URI with a JSON Pointer fragment of the failing keyword.
    public let absoluteSchemaLocation: String
    public let failure: ValidationFailure
    /// The schema object holding the failing keyword (empty for boolean schemas).
    public let schema: [String: JSONValue]

    public init(
        instancePath: InstancePath, keyword: String, keywordLocation: String, absoluteSchemaLocation: String,
        failure: ValidationFailure, schema: [String: JSONValue]
    ) {
        self.instancePath = instancePath
        self.keyword = keyword
        self.keywordLocation = keywordLocation
        self.absoluteSchemaLocation = absoluteSchemaLocation
        self.failure = failure
        self.schema = schema
    }

    /// Instance location as a JSON Pointer string.
    public var instancePointer: String { jsonPointerString(instancePath) }

    /// A short English message, e.g. "missing required property 'name'".
    public var message: String {
        switch failure {
        case .falseSchema: return "no value is allowed here"
        case .typeMismatch(let expected, let actual):
            return "expected \(expected.joined(separator: " or ")), found \(actual)"
        case .constMismatch(let expected): return "must be \(expected)"
        case .notInEnum(let allowed):
            return "must be one of \(allowed.map { $0.description }.joined(separator: ", "))"
        case .missingProperty(let name): return "missing required property '\(name)'"
        case .dependentRequired(let property, let missing):
            return "property '\(missing)' is required when '\(property)' is present"
        case .unexpectedProperty(let name, _): return "unexpected property '\(name)'"
        case .unexpectedItem(let index): return "unexpected item at index \(index)"
        case .stringTooLong(let max, let actual): return "must be at most \(max) characters long (is \(actual))"
        case .stringTooShort(let min, let actual): return "must be at least \(min) characters long (is \(actual))"
        case .tooManyItems(let max, let actual): return "must have at most \(max) items (has \(actual))"
        case .tooFewItems(let min, let actual): return "must have at least \(min) items (has \(actual))"
        case .tooManyProperties(let max, let actual): return "must have at most \(max) properties (has \(actual))"
        case .tooFewProperties(let min, let actual): return "must have at least \(min) properties (has \(actual))"
        case .patternMismatch(let pattern): return "must match the pattern \(pattern)"
        case .formatMismatch(let format): return "is not a valid \(format)"
        case .numberTooLarge(let limit, let exclusive): return "must be \(exclusive ? "less than" : "at most") \(limit)"
        case .numberTooSmall(let limit, let exclusive):
            return "must be \(exclusive ? "greater than" : "at least") \(limit)"
        case .notMultipleOf(let n): return "must be a multiple of \(n)"
        case .notUnique(let a, let b): return "items at \(a) and \(b) are equal; items must be unique"
        case .containsTooFew(let min, let actual):
            return "must contain at least \(min) matching item\(min == 1 ? "" : "s") (has \(actual))"
        case .containsTooMany(let max, let actual):
            return "must contain at most \(max) matching item\(max == 1 ? "" : "s") (has \(actual))"
        case .noBranchMatched(let keyword, _): return "does not match any of the alternatives (\(keyword))"
        case .severalBranchesMatched(let indices):
            return "matches more than one alternative (oneOf branches \(indices.map(String.init).joined(separator: ", ")))"
        case .notFailed: return "must not match the schema in 'not'"
        case .invalidPropertyName(let name, _): return "invalid property name '\(name)'"
        case .contentMismatch(let detail): return detail
        }
    }

    public var description: String {
        let at = instancePointer.isEmpty ? "(root)" : instancePointer
        return "\(at): \(message) [\(keywordLocation.isEmpty ? "/" : keywordLocation)]"
    }
}
