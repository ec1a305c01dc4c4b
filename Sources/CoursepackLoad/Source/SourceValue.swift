/// A YAML value that remembers where it was written.
///
/// Scalars are resolved with the YAML 1.2 core schema, not YAML 1.1: `no`, `on` and `yes` stay text,
/// so that a locale list such as `[nb, no]` means Norwegian and not `false`.
public struct SourceValue: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case null
        case bool(Bool)
        case integer(Int)
        case double(Double)
        case string(String)
        case array([SourceValue])
        /// Keys in the order they were written, each with its own location.
        case object([Member])
    }

    public struct Member: Sendable, Hashable {
        public let key: String
        public let keyLocation: SourceLocation
        public let value: SourceValue
        public init(key: String, keyLocation: SourceLocation, value: SourceValue) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    public let kind: Kind
    public let location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

extension SourceValue {
    public subscript(key: String) -> SourceValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    public subscript(index: Int) -> SourceValue? {
        guard case .array(let items) = kind, items.indices.contains(index) else { return nil }
        return items[index]
    }

    public func member(_ key: String) -> Member? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }
    }

    public var members: [Member] {
        if case .object(let members) = kind { return members }
        return []
    }

    public var array: [SourceValue]? {
        if case .array(let items) = kind { return items }
        return nil
    }

    public var string: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let flag) = kind { return flag }
        return nil
    }

    public var integer: Int? {
        if case .integer(let number) = kind { return number }
        return nil
    }

    public var isObject: Bool {
        if case .object = kind { return true }
        return false
    }

    /// A short name for the kind of value, as an author would say it.
    public var kindName: String {
        switch kind {
        case .null: return "nothing"
        case .bool: return "true/false"
        case .integer: return "a whole number"
        case .double: return "a number"
        case .string: return "text"
        case .array: return "a list"
        case .object: return "a set of fields"
        }
    }
}
