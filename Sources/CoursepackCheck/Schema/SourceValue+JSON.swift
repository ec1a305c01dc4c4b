import CoursepackLoad
import JSONSchema

extension SourceValue {
    /// The value as JSON, for the schema engine; locations stay behind in the `SourceValue`, and
    /// `value(at:)` finds them again for the few values that have findings.
    var json: JSONValue {
        switch kind {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .integer(let number): return JSONValue(integer: number)
        case .double(let number): return JSONValue(double: number)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(\.json))
        case .object(let members):
            var object: [String: JSONValue] = [:]
            object.reserveCapacity(members.count)
            for member in members { object[member.key] = member.value.json }
            return .object(object)
        }
    }

    /// The value at a JSON pointer path, when it exists.
    func value(at path: InstancePath) -> SourceValue? {
        var current = self
        for component in path {
            switch component {
            case .key(let key): guard let next = current[key] else { return nil }; current = next
            case .index(let index): guard let next = current[index] else { return nil }; current = next
            }
        }
        return current
    }
}
