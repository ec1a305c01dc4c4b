/// Compiles schema documents from a registry into a graph of `SchemaNode`s.
///
/// Work-list based: `node(at:)` only allocates and queues, so neither deep documents nor `$ref` chains
/// recurse, and `$ref` cycles simply share nodes.
final class Compiler {
    let registry: SchemaRegistry
    let options: ValidatorOptions

    private(set) var nodes: [SchemaNode] = []
    private var cache: [Location: SchemaNode] = [:]
    private var queue: [(SchemaNode, JSONValue, Location, PositionInfo)] = []
    private var resourceIndex: [String: Int] = [:]
    private(set) var resourceURIs: [String] = []
    private var pendingDynamicAnchors: [(resource: Int, name: String, location: Location)] = []
    private var regexCache: [String: ECMARegex] = [:]
    private var vocabularyCache: [String: Vocabularies] = [:]
    private(set) var usesDynamicRef = false

    init(registry: SchemaRegistry, options: ValidatorOptions) {
        self.registry = registry
        self.options = options
    }

    /// Compiles everything reachable from `root`; returns the root node.
    func compile(root: Location) throws -> SchemaNode {
        let rootNode = try self.node(at: root)
        while true {
            try flushLater()
            guard let item = queue.popLast() else { break }
            try fill(item.0, value: item.1, location: item.2, info: item.3)
        }
        try checkForInPlaceCycles()
        return rootNode
    }

    /// Dynamic anchor tables, indexed by resource.
    func dynamicAnchorTables() throws -> [[String: SchemaNode]] {
        var tables = [[String: SchemaNode]](repeating: [:], count: resourceURIs.count)
        for pending in pendingDynamicAnchors {
            guard let n = cache[pending.location] else { continue }
            tables[pending.resource][pending.name] = n
        }
        return tables
    }

    // MARK: nodes

    func node(at loc: Location) throws -> SchemaNode {
        if let n = cache[loc] { return n }
        guard let value = registry.value(at: loc) else {
            throw SchemaError("no schema at '\(registry.documentURIs[loc.doc])#\(pointerString(loc.pointer))'")
        }
        let info = registry.info(at: loc)
        let resource = self.resource(info.base)
        let n = SchemaNode(absoluteLocation: info.base + "#" + pointerString(info.canonicalPointer), resource: resource)
        cache[loc] = n
        nodes.append(n)
        queue.append((n, value, loc, info))
        return n
    }

    private func resource(_ uri: String) -> Int {
        if let i = resourceIndex[uri] { return i }
        let i = resourceURIs.count
        resourceIndex[uri] = i
        resourceURIs.append(uri)
        // Every resource that takes part in evaluation may be in the dynamic scope: compile its dynamic anchors.
        for (name, loc) in registry.dynamicAnchorTable(uri) {
            pendingDynamicAnchors.append((i, name, loc))
            queueLater.append(loc)
        }
        return i
    }

    private var queueLater: [Location] = []

    private func flushLater() throws {
        while let loc = queueLater.popLast() { _ = try self.node(at: loc) }
    }

    private func regex(_ pattern: String, at location: String) throws -> ECMARegex {
        if let r = regexCache[pattern] { return r }
        do {
            let r = try ECMARegex(pattern)
            regexCache[pattern] = r
            return r
        } catch let e as SchemaError {
            throw SchemaError(e.message, location: location)
        }
    }

    private func vocabularies(_ dialect: String?) throws -> Vocabularies {
        guard let dialect else { return .all2020 }
        if let v = vocabularyCache[dialect] { return v }
        let v = try registry.vocabularies(forDialect: dialect)
        vocabularyCache[dialect] = v
        return v
    }

    /// Resolves a `$ref`/`$dynamicRef` value against a base URI.
    private func resolveReference(_ ref: String, base: String, keywordLocation: String) throws -> (Location, uri: String, fragment: String?) {
        let absolute = resolveURI(ref, against: base)
        let (uri, fragment) = splitFragment(absolute)
        guard let resourceRoot = registry.resource(uri) else {
            throw SchemaError(
                "cannot resolve '\(ref)'\(absolute == ref ? "" : " (\(absolute))"): no schema with URI '\(uri)' is registered (remote references are never fetched)",
                location: keywordLocation)
        }
        guard let fragment, !fragment.isEmpty else { return (resourceRoot, uri, nil) }
        let decoded = percentDecode(fragment)
        if decoded.hasPrefix("/") {
            guard let tokens = parseJSONPointer(decoded) else {
                throw SchemaError("cannot resolve '\(ref)': '#\(fragment)' is not a valid JSON Pointer", location: keywordLocation)
            }
            var loc = resourceRoot
            loc.pointer.append(contentsOf: tokens)
            guard registry.value(at: loc) != nil else {
                throw SchemaError("cannot resolve '\(ref)': nothing at '#\(fragment)' in '\(uri)'", location: keywordLocation)
            }
            return (loc, uri, decoded)
        }
        guard let loc = registry.anchor(uri + "#" + decoded) else {
            throw SchemaError("cannot resolve '\(ref)': no anchor '\(decoded)' in '\(uri)'", location: keywordLocation)
        }
        return (loc, uri, decoded)
    }

    // MARK: keyword compilation

    private func fill(_ node: SchemaNode, value: JSONValue, location loc: Location, info: PositionInfo) throws {
        switch value {
        case .bool(let b):
            node.kind = b ? .alwaysTrue : .alwaysFalse
            return
        case .object(let object):
            try fillObject(node, object, loc, info)
        default:
            throw SchemaError("a schema must be an object or a boolean, found \(value.typeName)", location: node.absoluteLocation)
        }
    }

    private func fillObject(_ node: SchemaNode, _ o: [String: JSONValue], _ loc: Location, _ info: PositionInfo) throws {
        node.schemaObject = o
        let vocab = try vocabularies(info.dialect)
        let here = node.absoluteLocation
        func at(_ keyword: String) -> String { here + "/" + escapePointerToken(keyword) }
        func sub(_ tokens: String...) throws -> SchemaNode {
            var l = loc
            l.pointer.append(contentsOf: tokens)
            return try self.node(at: l)
        }
        func nonNegativeInteger(_ key: String) throws -> Int? {
            guard let v = o[key] else { return nil }
            guard case .number(let n) = v, n.isInteger, n.doubleValue >= 0 else {
                throw SchemaError("'\(key)' must be a non-negative integer", location: at(key))
            }
            return n.intValue ?? Int.max
        }
        func number(_ key: String) throws -> JSONNumber? {
            guard let v = o[key] else { return nil }
            guard case .number(let n) = v else { throw SchemaError("'\(key)' must be a number", location: at(key)) }
            return n
        }
        func schemaArray(_ key: String) throws -> [SchemaNode]? {
            guard let v = o[key] else { return nil }
            guard case .array(let a) = v, !a.isEmpty else {
                throw SchemaError("'\(key)' must be a non-empty array of schemas", location: at(key))
            }
            return try a.indices.map { try sub(key, String($0)) }
        }
        func schemaMap(_ key: String) throws -> [(String, SchemaNode)]? {
            guard let v = o[key] else { return nil }
            guard case .object(let m) = v else { throw SchemaError("'\(key)' must be an object of schemas", location: at(key)) }
            return try m.keys.sorted().map { ($0, try sub(key, $0)) }
        }
        func stringArray(_ key: String) throws -> [String]? {
            guard let v = o[key] else { return nil }
            guard case .array(let a) = v else { throw SchemaError("'\(key)' must be an array of strings", location: at(key)) }
            return try a.map {
                guard case .string(let s) = $0 else { throw SchemaError("'\(key)' must be an array of strings", location: at(key)) }
                return s
            }
        }

        var first: [Keyword] = []  // cheap assertions
        var legacyDependencies: [(String, SchemaNode)] = []
        var applicators: [Keyword] = []
        var last: [Keyword] = []

        // Core: $ref / $dynamicRef.
        if let r = o["$ref"] {
            guard case .string(let ref) = r else { throw SchemaError("'$ref' must be a string", location: at("$ref")) }
            let (target, _, _) = try resolveReference(ref, base: info.base, keywordLocation: at("$ref"))
            applicators.append(.ref(try self.node(at: target)))
        }
        if let r = o["$dynamicRef"] {
            guard case .string(let ref) = r else { throw SchemaError("'$dynamicRef' must be a string", location: at("$dynamicRef")) }
            let (target, uri, fragment) = try resolveReference(ref, base: info.base, keywordLocation: at("$dynamicRef"))
            var anchor: String? = nil
            if let fragment, !fragment.hasPrefix("/"), registry.isDynamicAnchor(uri, fragment) {
                // The initial target carries a matching $dynamicAnchor ("bookend"): resolve dynamically.
                anchor = fragment
                usesDynamicRef = true
            }
            applicators.append(.dynamicRef(try self.node(at: target), anchor: anchor))
        }

        if vocab.contains(.validation) {
            if let t = o["type"] {
                var names: [String] = []
                switch t {
                case .string(let s): names = [s]
                case .array(let a):
                    names = try a.map {
                        guard case .string(let s) = $0 else { throw SchemaError("'type' must be a string or an array of strings", location: at("type")) }
                        return s
                    }
                default: throw SchemaError("'type' must be a string or an array of strings", location: at("type"))
                }
                var mask: TypeMask = []
                for n in names {
                    guard let m = TypeMask.named(n) else { throw SchemaError("unknown type '\(n)'", location: at("type")) }
                    mask.formUnion(m)
                }
                first.append(.type(mask, names: names))
            }
            if let c = o["const"] { first.append(.constant(c)) }
            if let e = o["enum"] {
                guard case .array(let values) = e else { throw SchemaError("'enum' must be an array", location: at("enum")) }
                first.append(.enumeration(values, set: values.count > 8 ? Set(values) : nil))
            }
            if let n = try number("multipleOf") {
                guard n.doubleValue > 0 else { throw SchemaError("'multipleOf' must be greater than 0", location: at("multipleOf")) }
                first.append(.multipleOf(n))
            }
            if let n = try number("maximum") { first.append(.maximum(n)) }
            if let n = try number("exclusiveMaximum") { first.append(.exclusiveMaximum(n)) }
            if let n = try number("minimum") { first.append(.minimum(n)) }
            if let n = try number("exclusiveMinimum") { first.append(.exclusiveMinimum(n)) }
            if let n = try nonNegativeInteger("maxLength") { first.append(.maxLength(n)) }
            if let n = try nonNegativeInteger("minLength"), n > 0 { first.append(.minLength(n)) }
            if let p = o["pattern"] {
                guard case .string(let s) = p else { throw SchemaError("'pattern' must be a string", location: at("pattern")) }
                first.append(.pattern(try regex(s, at: at("pattern"))))
            }
            if let n = try nonNegativeInteger("maxItems") { first.append(.maxItems(n)) }
            if let n = try nonNegativeInteger("minItems"), n > 0 { first.append(.minItems(n)) }
            if let u = o["uniqueItems"] {
                guard case .bool(let b) = u else { throw SchemaError("'uniqueItems' must be a boolean", location: at("uniqueItems")) }
                if b { first.append(.uniqueItems) }
            }
            if let n = try nonNegativeInteger("maxProperties") { first.append(.maxProperties(n)) }
            if let n = try nonNegativeInteger("minProperties"), n > 0 { first.append(.minProperties(n)) }
            if let r = try stringArray("required"), !r.isEmpty { first.append(.required(r)) }
            if let d = o["dependentRequired"] {
                guard case .object(let m) = d else { throw SchemaError("'dependentRequired' must be an object", location: at("dependentRequired")) }
                var list: [(String, [String])] = []
                for key in m.keys.sorted() {
                    guard case .array(let a)? = m[key] else {
                        throw SchemaError("'dependentRequired/\(key)' must be an array of strings", location: at("dependentRequired"))
                    }
                    list.append((key, try a.map {
                        guard case .string(let s) = $0 else {
                            throw SchemaError("'dependentRequired/\(key)' must be an array of strings", location: at("dependentRequired"))
                        }
                        return s
                    }))
                }
                if !list.isEmpty { first.append(.dependentRequired(list)) }
            }
        }

        if vocab.contains(.formatAssertion) || options.assertFormat, case .string(let f)? = o["format"],
            let check = Formats.checker(for: f)
        {
            first.append(.format(f, check))
        }

        // `dependencies` (draft 7 and older), accepted for compatibility: arrays act as dependentRequired,
        // schemas as dependentSchemas.
        if case .object(let deps)? = o["dependencies"], vocab.contains(.applicator) || vocab.contains(.validation) {
            var required: [(String, [String])] = []
            var schemas: [(String, SchemaNode)] = []
            for key in deps.keys.sorted() {
                switch deps[key] {
                case .array(let names)?:
                    if vocab.contains(.validation) { required.append((key, names.compactMap { $0.stringValue })) }
                case .object?, .bool?:
                    if vocab.contains(.applicator) { schemas.append((key, try sub("dependencies", key))) }
                default:
                    throw SchemaError("'dependencies/\(key)' must be an array or a schema", location: at("dependencies"))
                }
            }
            if !required.isEmpty { first.append(.dependentRequired(required)) }
            if !schemas.isEmpty { legacyDependencies = schemas }
        }

        if options.assertContent && vocab.contains(.content) {
            let encoding = o["contentEncoding"]?.stringValue
            if let encoding { first.append(.contentEncoding(encoding)) }
            if let media = o["contentMediaType"]?.stringValue { first.append(.contentMediaType(media, encoding: encoding)) }
        }

        if vocab.contains(.applicator) {
            var known: [String] = []
            if let props = try schemaMap("properties") {
                known = props.map { $0.0 }
                node.declaredProperties = known
                if !props.isEmpty { applicators.append(.properties(props)) }
            }
            var patterns: [ECMARegex] = []
            if let pp = o["patternProperties"] {
                guard case .object(let m) = pp else { throw SchemaError("'patternProperties' must be an object", location: at("patternProperties")) }
                var list: [(String, ECMARegex, SchemaNode)] = []
                for key in m.keys.sorted() {
                    let r = try regex(key, at: at("patternProperties"))
                    patterns.append(r)
                    list.append((key, r, try sub("patternProperties", key)))
                }
                if !list.isEmpty { applicators.append(.patternProperties(list)) }
            }
            if o["additionalProperties"] != nil {
                applicators.append(.additionalProperties(try sub("additionalProperties"), known: Set(known), patterns: patterns, allowed: known))
            }
            if o["propertyNames"] != nil { applicators.append(.propertyNames(try sub("propertyNames"))) }

            var prefixCount = 0
            if vocab.contains(.legacyItems) {
                // Draft 2019-09 and older: array-form `items` is the tuple form, `additionalItems` the rest.
                if case .array? = o["items"], let tuple = try schemaArray("items") {
                    prefixCount = tuple.count
                    applicators.append(.prefixItems(tuple))
                    if o["additionalItems"] != nil { applicators.append(.items(try sub("additionalItems"), from: prefixCount)) }
                } else if o["items"] != nil {
                    applicators.append(.items(try sub("items"), from: 0))
                }
            } else {
                if let prefix = try schemaArray("prefixItems") {
                    prefixCount = prefix.count
                    applicators.append(.prefixItems(prefix))
                }
                if let items = o["items"] {
                    if case .array = items { throw SchemaError("'items' must be a schema in draft 2020-12 (use 'prefixItems' for tuples)", location: at("items")) }
                    applicators.append(.items(try sub("items"), from: prefixCount))
                }
            }
            if o["contains"] != nil {
                var minimum = 1
                var maximum: Int? = nil
                if vocab.contains(.validation) {
                    minimum = try nonNegativeInteger("minContains") ?? 1
                    maximum = try nonNegativeInteger("maxContains")
                }
                applicators.append(.contains(try sub("contains"), min: minimum, max: maximum))
            }
            if let all = try schemaArray("allOf") { applicators.append(.allOf(all)) }
            if let any = try schemaArray("anyOf") { applicators.append(.anyOf(any)) }
            if let one = try schemaArray("oneOf") { applicators.append(.oneOf(one)) }
            if o["not"] != nil { applicators.append(.not(try sub("not"))) }
            if o["if"] != nil {
                let thenNode = o["then"] != nil ? try sub("then") : nil
                let elseNode = o["else"] != nil ? try sub("else") : nil
                applicators.append(.conditional(if: try sub("if"), then: thenNode, else: elseNode))
            }
            if let deps = try schemaMap("dependentSchemas"), !deps.isEmpty { applicators.append(.dependentSchemas(deps)) }
            if !legacyDependencies.isEmpty { applicators.append(.dependentSchemas(legacyDependencies)) }
        }

        if vocab.contains(.unevaluated) {
            if o["unevaluatedProperties"] != nil {
                last.append(.unevaluatedProperties(try sub("unevaluatedProperties")))
                node.needsAnnotations = true
            }
            if o["unevaluatedItems"] != nil {
                last.append(.unevaluatedItems(try sub("unevaluatedItems")))
                node.needsAnnotations = true
            }
        }

        node.keywords = first + applicators + last
        node.kind = .keywords
    }

    // MARK: loops that never consume the instance

    private func checkForInPlaceCycles() throws {
        var index: [ObjectIdentifier: Int] = [:]
        for (i, n) in nodes.enumerated() { index[ObjectIdentifier(n)] = i }
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on stack, 2 done
        for start in nodes.indices where state[start] == 0 {
            // Iterative DFS: stack of (node, next edge index).
            var stack: [(Int, [Int], Int)] = []
            func edges(_ i: Int) -> [Int] {
                nodes[i].keywords.flatMap { $0.inPlaceSubschemas }.compactMap { index[ObjectIdentifier($0)] }
            }
            state[start] = 1
            stack.append((start, edges(start), 0))
            while !stack.isEmpty {
                let top = stack.count - 1
                let (n, e, k) = stack[top]
                if k < e.count {
                    stack[top].2 += 1
                    let m = e[k]
                    if state[m] == 1 {
                        let cycle = stack.map { nodes[$0.0].absoluteLocation }.drop(while: { $0 != nodes[m].absoluteLocation })
                        throw SchemaError(
                            "infinite recursion: the schema refers back to itself without descending into the instance: "
                                + (Array(cycle) + [nodes[m].absoluteLocation]).joined(separator: " -> "))
                    }
                    if state[m] == 0 {
                        state[m] = 1
                        stack.append((m, edges(m), 0))
                    }
                } else {
                    state[n] = 2
                    stack.removeLast()
                }
            }
        }
    }
}
