import CoursepackLoad
import JSONSchema

/// Validates one YAML document (a manifest, a front matter, a component body) against its schema and
/// phrases the engine's findings as a colleague would: "a quiz option needs 'text'", not
/// "/allOf/0/then/properties/options/items/required".
struct SchemaFindings {
    let validator: Validator
    /// What the document is, for messages about its top level: "module.yaml", "a quiz".
    let documentNoun: String

    func check(_ document: SourceValue) -> [Diagnostic] {
        let instance = document.json
        guard !validator.isValid(instance) else { return [] }
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        for error in validator.validate(instance) {
            for diagnostic in phrase(error, in: document) where seen.insert("\(diagnostic.location) \(diagnostic.message)").inserted {
                diagnostics.append(diagnostic)
            }
        }
        return diagnostics
    }

    private func phrase(_ error: ValidationError, in document: SourceValue) -> [Diagnostic] {
        let path = error.instancePath
        let value = document.value(at: path) ?? document
        let noun = (error.schema["x-noun"]?.stringValue) ?? noun(for: path)
        let field = fieldName(path)
        switch error.failure {
        case .missingProperty(let name):
            return [Diagnostic(.missingField, at: value.location, "\(noun) needs '\(name)'",
                               hint: describe(name, in: error.schema).map { "'\(name)': \($0)" })]
        case .dependentRequired(let property, let missing):
            return [Diagnostic(.missingField, at: value.location, "\(noun) with '\(property)' also needs '\(missing)'")]
        case .unexpectedProperty(let name, let allowed):
            // Some engines report at the object, some at the property: find the key either way.
            let object = path.last == .key(name) ? document.value(at: Array(path.dropLast())) ?? value : value
            let location = object.member(name)?.keyLocation ?? value.location
            let candidates = allowed.filter { object.member($0) == nil }
            let suggestion = Spelling.closest(to: name, among: candidates)
            let objectNoun = path.last == .key(name) ? (error.schema["x-noun"]?.stringValue ?? self.noun(for: Array(path.dropLast()))) : noun
            return [Diagnostic(.unknownField, at: location,
                               "unknown field '\(name)' in \(objectNoun)" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                               hint: allowed.isEmpty ? "remove it" : "the fields of \(objectNoun) are: \(allowed.joined(separator: ", "))")]
        case .typeMismatch(let expected, let actual):
            return [Diagnostic(.wrongType, at: value.location,
                               "\(field) should be \(expected.map(typePhrase).joined(separator: " or ")), not \(value.kindName)",
                               hint: typeHint(expected: expected, actual: actual))]
        case .constMismatch(let expected):
            return [Diagnostic(.valueNotAllowed, at: value.location, "\(field) must be \(display(expected)); found \(display(value.json))")]
        case .notInEnum(let allowed):
            let choices = allowed.map(display)
            let suggestion = value.string.flatMap { Spelling.closest(to: $0, among: allowed.compactMap(\.stringValue)) }
            return [Diagnostic(.valueNotAllowed, at: value.location,
                               "\(field) must be one of \(choices.joined(separator: ", ")); found \(display(value.json))"
                                + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))]
        case .stringTooLong(let max, let actual):
            return [Diagnostic(.badLength, at: value.location, "\(field) is \(actual) characters long; the limit is \(max)",
                               hint: "shorten it: translations are often a third longer, and it must fit on a phone screen")]
        case .stringTooShort(let min, _):
            return [Diagnostic(.badLength, at: value.location,
                               min == 1 ? "\(field) is empty" : "\(field) needs at least \(min) characters")]
        case .tooManyItems(let max, let actual):
            return [Diagnostic(.badLength, at: value.location, "\(field) has \(actual) entries; at most \(max) are allowed")]
        case .tooFewItems(let min, let actual):
            return [Diagnostic(.badLength, at: value.location,
                               "\(field) needs at least \(min) \(min == 1 ? "entry" : "entries"); it has \(actual)")]
        case .tooManyProperties(let max, _):
            return [Diagnostic(.badLength, at: value.location, "\(noun) has more than \(max) fields")]
        case .tooFewProperties(let min, _):
            return [Diagnostic(.badLength, at: value.location, "\(noun) needs at least \(min) fields")]
        case .patternMismatch:
            // The schema that holds the pattern (a shared definition such as "slug") names the form.
            let form = error.schema["x-noun"]?.stringValue ?? error.schema["title"]?.stringValue.map { "a valid \($0.lowercased())" }
            return [Diagnostic(.badForm, at: value.location,
                               "\(field) must be \(form ?? "in the expected form"); found \(display(value.json))",
                               hint: error.schema["description"]?.stringValue)]
        case .formatMismatch(let format):
            return [Diagnostic(.badForm, at: value.location, "\(display(value.json)) is not a valid \(format) (\(field))")]
        case .numberTooLarge(let limit, let exclusive):
            return [Diagnostic(.outOfRange, at: value.location, "\(field) must be \(exclusive ? "less than" : "at most") \(limit); found \(display(value.json))")]
        case .numberTooSmall(let limit, let exclusive):
            return [Diagnostic(.outOfRange, at: value.location, "\(field) must be \(exclusive ? "more than" : "at least") \(limit); found \(display(value.json))")]
        case .notMultipleOf(let step):
            return [Diagnostic(.outOfRange, at: value.location, "\(field) must be a multiple of \(step)")]
        case .notUnique(let first, let second):
            let location = value[second]?.location ?? value.location
            return [Diagnostic(.schemaRule, at: location, "entry \(second + 1) of \(field) repeats entry \(first + 1)",
                               hint: "remove the repeated entry")]
        case .noBranchMatched(_, let branches):
            // Report the branch that came closest: the one with the fewest findings.
            if let closest = branches.min(by: { $0.count < $1.count }), !closest.isEmpty {
                return closest.flatMap { phrase($0, in: document) }
            }
            return [Diagnostic(.schemaRule, at: value.location, "\(field) does not have any of the accepted forms")]
        case .falseSchema, .unexpectedItem:
            return [Diagnostic(.schemaRule, at: value.location, "\(field) is not allowed here", hint: "remove it")]
        case .invalidPropertyName(let name, _):
            return [Diagnostic(.badForm, at: value.member(name)?.keyLocation ?? value.location, "'\(name)' is not an allowed field name in \(noun)")]
        case .severalBranchesMatched, .notFailed, .containsTooFew, .containsTooMany, .contentMismatch:
            return [Diagnostic(.schemaRule, at: value.location, "\(field): \(error.message)")]
        }
    }

    /// A noun for the object at `path` when its schema gives none: "a quiz", "item 2 of 'options'".
    private func noun(for path: InstancePath) -> String {
        path.isEmpty ? documentNoun : fieldName(path)
    }

    /// How to name the value at `path` in a sentence: "'title'", "item 2 of 'options'".
    private func fieldName(_ path: InstancePath) -> String {
        guard let last = path.last else { return documentNoun }
        switch last {
        case .key(let key): return "'\(key)'"
        case .index(let index):
            let parent = path.dropLast().last.flatMap { component -> String? in
                if case .key(let key) = component { return key }
                return nil
            }
            return parent.map { "item \(index + 1) of '\($0)'" } ?? "item \(index + 1)"
        }
    }

    private func describe(_ property: String, in schema: [String: JSONValue]) -> String? {
        schema["properties"]?[property]?["description"]?.stringValue
    }

    private func typePhrase(_ type: String) -> String {
        switch type {
        case "string": return "text"
        case "integer": return "a whole number"
        case "number": return "a number"
        case "boolean": return "true or false"
        case "array": return "a list"
        case "object": return "a set of fields"
        case "null": return "empty"
        default: return type
        }
    }

    private func typeHint(expected: [String], actual: String) -> String? {
        if expected == ["string"], actual == "number" || actual == "integer" || actual == "boolean" {
            return "put it in quotes to make it text, for example \"112\""
        }
        if expected == ["array"] { return "write each entry on its own line starting with '- '" }
        if expected == ["object"] { return "write its fields as 'name: value' lines, indented under it" }
        return nil
    }

    private func display(_ value: JSONValue) -> String {
        if let text = value.stringValue { return "'\(text)'" }
        return value.jsonText
    }
}
