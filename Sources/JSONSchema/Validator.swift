import Foundation

/// Options for compiling a `Validator`.
public struct ValidatorOptions: Sendable {
    /// Treat `format` as an assertion (draft 2020-12 default: annotation only). A metaschema that uses the
    /// format-assertion vocabulary turns this on for its schemas regardless.
    public var assertFormat: Bool = false
    /// Check `contentEncoding` (base64, base32, base16) and `contentMediaType` (application/json)
    /// (draft 2020-12 default: annotations only).
    public var assertContent: Bool = false
    /// Maximum nesting of schema evaluations (each subschema or `$ref` hop counts one). Deeper instances are
    /// reported invalid instead of overflowing the stack; also stops unbounded `$dynamicRef` recursion.
    /// 400 fits a 512 KiB thread stack in release builds; debug builds need about 3 KiB of stack per level.
    public var maximumDepth: Int = 400

    public init(assertFormat: Bool = false, assertContent: Bool = false) {
        self.assertFormat = assertFormat
        self.assertContent = assertContent
    }
}

/// A compiled JSON Schema (draft 2020-12). Compile once, validate many instances, from any thread.
public final class Validator: Sendable {
    let root: SchemaNode
    let nodes: [SchemaNode]
    let dynamicAnchors: [[String: SchemaNode]]
    let usesDynamicScope: Bool
    public let options: ValidatorOptions
    /// Absolute URI of the root schema.
    public let schemaLocation: String

    /// Compiles the schema registered under `schemaURI` (a fragment selects a subschema by JSON Pointer or anchor).
    public init(schemaURI: String, registry: SchemaRegistry, options: ValidatorOptions = .init()) throws {
        let snapshot = registry.copy()
        let absolute = resolveURI(schemaURI, against: "")
        let (uri, fragment) = splitFragment(absolute)
        guard var loc = snapshot.resource(uri) else {
            throw SchemaError("cannot resolve '\(schemaURI)': no schema with this URI is registered")
        }
        if let fragment, !fragment.isEmpty {
            let decoded = percentDecode(fragment)
            if decoded.hasPrefix("/") {
                guard let tokens = parseJSONPointer(decoded) else { throw SchemaError("cannot resolve '\(schemaURI)': invalid JSON Pointer") }
                loc.pointer += tokens
            } else {
                guard let a = snapshot.anchor(uri + "#" + decoded) else { throw SchemaError("cannot resolve '\(schemaURI)': no anchor '\(decoded)'") }
                loc = a
            }
        }
        let compiler = Compiler(registry: snapshot, options: options)
        (root, nodes, dynamicAnchors, usesDynamicScope) = try Validator.build(compiler, loc)
        self.options = options
        self.schemaLocation = root.absoluteLocation
    }

    /// Compiles a schema document. Its references may point into `registry` (which is not modified).
    /// The document is identified by its `$id`, or by `uri` when it has none.
    public init(schema: JSONValue, registry: SchemaRegistry = .init(), options: ValidatorOptions = .init(), uri: String = "") throws {
        let snapshot = registry.copy()
        var documentURI = splitFragment(uri).0
        if case .string(let id)? = schema["$id"] { documentURI = splitFragment(resolveURI(id, against: documentURI)).0 }
        try snapshot.register(schema, uri: documentURI)
        guard let loc = snapshot.resource(documentURI) else { throw SchemaError("cannot register the schema") }
        let compiler = Compiler(registry: snapshot, options: options)
        (root, nodes, dynamicAnchors, usesDynamicScope) = try Validator.build(compiler, loc)
        self.options = options
        self.schemaLocation = root.absoluteLocation
    }

    private static func build(_ compiler: Compiler, _ loc: Location) throws -> (SchemaNode, [SchemaNode], [[String: SchemaNode]], Bool) {
        do {
            let root = try compiler.node(at: loc)
            _ = try compiler.compile(root: loc)
            return (root, compiler.nodes, try compiler.dynamicAnchorTables(), compiler.usesDynamicRef)
        } catch {
            // Break reference cycles between the partially compiled nodes.
            for n in compiler.nodes { n.keywords = [] }
            throw error
        }
    }

    deinit {
        // Nodes reference each other ($ref cycles); drop the edges so they can be freed.
        for n in nodes { n.keywords = [] }
    }

    /// Fast check: no error objects, stops at the first failure.
    public func isValid(_ instance: JSONValue) -> Bool {
        let e = Evaluation(validator: self, collectErrors: false)
        return e.evaluate(root, instance, nil)
    }

    /// All errors (empty when valid). Alternatives (`anyOf`/`oneOf`) carry each branch's errors.
    public func validate(_ instance: JSONValue) -> [ValidationError] {
        let e = Evaluation(validator: self, collectErrors: true)
        if e.evaluate(root, instance, nil) { return [] }
        return e.errors
    }
}

/// State of one validation run.
final class Evaluation {
    let validator: Validator
    @exclusivity(unchecked) var collectErrors: Bool
    @exclusivity(unchecked) var errors: [ValidationError] = []
    @exclusivity(unchecked) var instancePath: InstancePath = []
    @exclusivity(unchecked) var keywordPath: [String] = []
    @exclusivity(unchecked) var scope: [Int] = []
    @exclusivity(unchecked) var depth = 0
    let maximumDepth: Int
    let usesDynamicScope: Bool
    @exclusivity(unchecked) private var pool: [Annotations] = []

    @inline(__always)
    private func acquire() -> Annotations {
        if let a = pool.popLast() { return a }
        return Annotations()
    }

    @inline(__always)
    private func recycle(_ a: Annotations) {
        a.reset()
        pool.append(a)
    }

    init(validator: Validator, collectErrors: Bool) {
        self.validator = validator
        self.collectErrors = collectErrors
        self.maximumDepth = validator.options.maximumDepth
        self.usesDynamicScope = validator.usesDynamicScope
    }

    // MARK: error bookkeeping

    private func fail(_ node: SchemaNode, _ keyword: String, _ failure: ValidationFailure, subpath: [String] = [], at extra: JSONPointerComponent? = nil) {
        guard collectErrors else { return }
        var location = ""
        for t in keywordPath { location += "/" + escapePointerToken(t) }
        var absolute = node.absoluteLocation
        if keyword != "false" {
            location += "/" + escapePointerToken(keyword)
            absolute += "/" + escapePointerToken(keyword)
        }
        for t in subpath {
            location += "/" + escapePointerToken(t)
            absolute += "/" + escapePointerToken(t)
        }
        var path = instancePath
        if let extra { path.append(extra) }
        errors.append(
            ValidationError(
                instancePath: path, keyword: keyword, keywordLocation: location, absoluteSchemaLocation: absolute,
                failure: failure, schema: node.schemaObject))
    }

    /// Runs `body` without recording errors.
    @inline(__always)
    private func quietly<T>(_ body: () -> T) -> T {
        if !collectErrors { return body() }
        collectErrors = false
        defer { collectErrors = true }
        return body()
    }

    /// Evaluates `node` with the given keyword-path segments and instance component pushed (error mode only).
    @inline(__always)
    private func descend(_ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?, keyword: String, _ sub: String? = nil,
                         instance component: JSONPointerComponent? = nil) -> Bool {
        if !collectErrors { return evaluate(node, instance, ann) }
        keywordPath.append(keyword)
        if let sub { keywordPath.append(sub) }
        if let component { instancePath.append(component) }
        let ok = evaluate(node, instance, ann)
        if component != nil { instancePath.removeLast() }
        if sub != nil { keywordPath.removeLast() }
        keywordPath.removeLast()
        return ok
    }

    // MARK: evaluation

    func evaluate(_ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        switch node.kind {
        case .alwaysTrue:
            return true
        case .alwaysFalse:
            fail(node, "false", .falseSchema)
            return false
        case .keywords:
            break
        }
        depth += 1
        defer { depth -= 1 }
        if depth > maximumDepth {
            fail(node, "$ref", .falseSchema)
            return false
        }
        var pushed = false
        if usesDynamicScope && scope.last != node.resource {
            scope.append(node.resource)
            pushed = true
        }
        defer { if pushed { scope.removeLast() } }
        let local: Annotations? = node.needsAnnotations ? acquire() : nil
        let collector = local ?? ann
        var valid = true
        let keywords = node.keywords
        for i in keywords.indices {
            if !evaluate(keywords[i], node, instance, collector) {
                valid = false
                if !collectErrors { break }
            }
        }
        if let local {
            if valid, let ann { ann.merge(local) }
            recycle(local)
        }
        return valid
    }

    private func evaluate(_ keyword: Keyword, _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        // Applicators live in separate functions so the frames on the recursion path stay small.
        switch keyword {
        case .properties(let list):
            return evaluateProperties(list, node, instance, ann)

        case .patternProperties(let list):
            return evaluatePatternProperties(list, node, instance, ann)

        case .additionalProperties(let sub, let known, let patterns, let allowed):
            return evaluateAdditionalProperties(sub, known, patterns, allowed, node, instance, ann)

        case .propertyNames(let sub):
            return evaluatePropertyNames(sub, node, instance, ann)

        case .prefixItems(let subs):
            return evaluatePrefixItems(subs, node, instance, ann)

        case .items(let sub, let from):
            return evaluateItems(sub, from, node, instance, ann)

        case .contains(let sub, let minimum, let maximum):
            return evaluateContains(sub, minimum, maximum, node, instance, ann)

        case .allOf(let subs):
            return evaluateAllOf(subs, node, instance, ann)

        case .anyOf(let subs):
            return evaluateAlternatives(subs, node, instance, ann, keyword: "anyOf")

        case .oneOf(let subs):
            return evaluateAlternatives(subs, node, instance, ann, keyword: "oneOf")

        case .not(let sub):
            return evaluateNot(sub, node, instance, ann)

        case .conditional(let ifNode, let thenNode, let elseNode):
            return evaluateConditional(ifNode, thenNode, elseNode, node, instance, ann)

        case .dependentSchemas(let list):
            return evaluateDependentSchemas(list, node, instance, ann)

        case .ref(let target):
            return descend(target, instance, ann, keyword: "$ref")

        case .dynamicRef(let initial, let anchor):
            return evaluateDynamicRef(initial, anchor, node, instance, ann)

        case .unevaluatedProperties(let sub):
            return evaluateUnevaluatedProperties(sub, node, instance, ann)

        case .unevaluatedItems(let sub):
            return evaluateUnevaluatedItems(sub, node, instance, ann)

        default:
            return evaluateAssertion(keyword, node, instance)
        }
    }

    /// Keywords that do not apply subschemas.
    @inline(never)
    private func evaluateAssertion(_ keyword: Keyword, _ node: SchemaNode, _ instance: JSONValue) -> Bool {
        switch keyword {
        case .type(let mask, let names):
            if mask.matches(instance) { return true }
            fail(node, "type", .typeMismatch(expected: names, actual: instance.typeName))
            return false

        case .constant(let value):
            if instance == value { return true }
            fail(node, "const", .constMismatch(expected: value))
            return false

        case .enumeration(let values, let set):
            if let set { if set.contains(instance) { return true } } else if values.contains(instance) { return true }
            fail(node, "enum", .notInEnum(allowed: values))
            return false

        case .multipleOf(let divisor):
            guard case .number(let n) = instance else { return true }
            if n.isMultiple(of: divisor) { return true }
            fail(node, "multipleOf", .notMultipleOf(divisor))
            return false

        case .maximum(let limit):
            guard case .number(let n) = instance else { return true }
            if JSONNumber.compare(n, limit) <= 0 { return true }
            fail(node, "maximum", .numberTooLarge(limit: limit, exclusive: false))
            return false

        case .exclusiveMaximum(let limit):
            guard case .number(let n) = instance else { return true }
            if JSONNumber.compare(n, limit) < 0 { return true }
            fail(node, "exclusiveMaximum", .numberTooLarge(limit: limit, exclusive: true))
            return false

        case .minimum(let limit):
            guard case .number(let n) = instance else { return true }
            if JSONNumber.compare(n, limit) >= 0 { return true }
            fail(node, "minimum", .numberTooSmall(limit: limit, exclusive: false))
            return false

        case .exclusiveMinimum(let limit):
            guard case .number(let n) = instance else { return true }
            if JSONNumber.compare(n, limit) > 0 { return true }
            fail(node, "exclusiveMinimum", .numberTooSmall(limit: limit, exclusive: true))
            return false

        case .maxLength(let max):
            guard case .string(let s) = instance else { return true }
            if s.utf8.count <= max { return true }  // code points <= UTF-8 bytes
            let count = s.unicodeScalars.count
            if count <= max { return true }
            fail(node, "maxLength", .stringTooLong(max: max, actual: count))
            return false

        case .minLength(let min):
            guard case .string(let s) = instance else { return true }
            let count = s.unicodeScalars.count
            if count >= min { return true }
            fail(node, "minLength", .stringTooShort(min: min, actual: count))
            return false

        case .pattern(let regex):
            guard case .string(let s) = instance else { return true }
            if regex.matches(s) { return true }
            fail(node, "pattern", .patternMismatch(pattern: regex.source))
            return false

        case .format(let name, let check):
            guard case .string(let s) = instance else { return true }
            if check(s) { return true }
            fail(node, "format", .formatMismatch(format: name))
            return false

        case .contentEncoding(let encoding):
            guard case .string(let s) = instance else { return true }
            if Content.decode(s, encoding: encoding) != nil { return true }
            fail(node, "contentEncoding", .contentMismatch("is not valid \(encoding)"))
            return false

        case .contentMediaType(let media, let encoding):
            guard case .string(let s) = instance else { return true }
            if Content.matches(s, mediaType: media, encoding: encoding) { return true }
            fail(node, "contentMediaType", .contentMismatch("is not valid \(media)"))
            return false

        case .maxItems(let max):
            guard case .array(let a) = instance else { return true }
            if a.count <= max { return true }
            fail(node, "maxItems", .tooManyItems(max: max, actual: a.count))
            return false

        case .minItems(let min):
            guard case .array(let a) = instance else { return true }
            if a.count >= min { return true }
            fail(node, "minItems", .tooFewItems(min: min, actual: a.count))
            return false

        case .uniqueItems:
            guard case .array(let a) = instance else { return true }
            guard let (i, j) = firstDuplicate(a) else { return true }
            fail(node, "uniqueItems", .notUnique(firstIndex: i, secondIndex: j))
            return false

        case .maxProperties(let max):
            guard case .object(let o) = instance else { return true }
            if o.count <= max { return true }
            fail(node, "maxProperties", .tooManyProperties(max: max, actual: o.count))
            return false

        case .minProperties(let min):
            guard case .object(let o) = instance else { return true }
            if o.count >= min { return true }
            fail(node, "minProperties", .tooFewProperties(min: min, actual: o.count))
            return false

        case .required(let names):
            guard case .object(let o) = instance else { return true }
            var ok = true
            for name in names where o[name] == nil {
                ok = false
                if !collectErrors { return false }
                fail(node, "required", .missingProperty(name))
            }
            return ok

        case .dependentRequired(let list):
            guard case .object(let o) = instance else { return true }
            var ok = true
            for (property, names) in list where o[property] != nil {
                for name in names where o[name] == nil {
                    ok = false
                    if !collectErrors { return false }
                    fail(node, "dependentRequired", .dependentRequired(property: property, missing: name), subpath: [property])
                }
            }
            return ok

        default:
            return true
        }
    }

    @inline(never)
    private func evaluateProperties(_ list: [(String, SchemaNode)], _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        guard case .object(let o) = instance else { return true }
        if collectErrors, let ann { ann.declared.append(contentsOf: node.declaredProperties) }
        var ok = true
        for (name, sub) in list {
            guard let value = o[name] else { continue }
            if !descend(sub, value, nil, keyword: "properties", name, instance: .key(name)) {
                ok = false
                if !collectErrors { return false }
            }
            ann?.properties.append(name)
        }
        return ok
    }

    @inline(never)
    private func evaluatePatternProperties(_ list: [(String, ECMARegex, SchemaNode)], _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        guard case .object(let o) = instance else { return true }
        var ok = true
        for (key, value) in o {
            for (source, regex, sub) in list where regex.matches(key) {
                if !descend(sub, value, nil, keyword: "patternProperties", source, instance: .key(key)) {
                    ok = false
                    if !collectErrors { return false }
                }
                ann?.properties.append(key)
            }
        }
        return ok
    }

    @inline(never)
    private func evaluateAdditionalProperties(_ sub: SchemaNode, _ known: Set<String>, _ patterns: [ECMARegex], _ allowed: [String], _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        guard case .object(let o) = instance else { return true }
        var ok = true
        for (key, value) in o where !known.contains(key) {
            if !patterns.isEmpty && patterns.contains(where: { $0.matches(key) }) { continue }
            if case .alwaysFalse = sub.kind {
                ok = false
                if !collectErrors { return false }
                fail(node, "additionalProperties", .unexpectedProperty(key, allowed: allowed), at: .key(key))
                continue
            }
            if !descend(sub, value, nil, keyword: "additionalProperties", instance: .key(key)) {
                ok = false
                if !collectErrors { return false }
            }
            ann?.properties.append(key)
        }
        return ok
    }

    @inline(never)
    private func evaluatePropertyNames(_ sub: SchemaNode, _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        guard case .object(let o) = instance else { return true }
        var ok = true
        for key in o.keys {
            if !collectErrors {
                if !evaluate(sub, .string(key), nil) { return false }
                continue
            }
            let mark = errors.count
            if !descend(sub, .string(key), nil, keyword: "propertyNames", instance: .key(key)) {
                ok = false
                let inner = Array(errors[mark...])
                errors.removeSubrange(mark...)
                fail(node, "propertyNames", .invalidPropertyName(key, errors: inner), at: .key(key))
            }
        }
        return ok
    }

    @inline(never)
    private func evaluatePrefixItems(_ subs: [SchemaNode], _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        guard case .array(let a) = instance else { return true }
        var ok = true
        let n = min(subs.count, a.count)
        for i in 0..<n {
            if !descend(subs[i], a[i], nil, keyword: "prefixItems", String(i), instance: .index(i)) {
                ok = false
                if !collectErrors { return false }
            }
        }
        if let ann, n > ann.itemPrefix { ann.itemPrefix = n }
        return ok
    }

    @inline(never)
    private func evaluateItems(_ sub: SchemaNode, _ from: Int, _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        guard case .array(let a) = instance else { return true }
        var ok = true
        if from < a.count {
            if case .alwaysFalse = sub.kind {
                if !collectErrors { return false }
                for i in from..<a.count { fail(node, "items", .unexpectedItem(index: i), at: .index(i)) }
                return false
            }
            for i in from..<a.count {
                if !descend(sub, a[i], nil, keyword: "items", instance: .index(i)) {
                    ok = false
                    if !collectErrors { return false }
                }
            }
        }
        ann?.allItems = true
        return ok
    }

    @inline(never)
    private func evaluateContains(_ sub: SchemaNode, _ minimum: Int, _ maximum: Int?, _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        guard case .array(let a) = instance else { return true }
        var count = 0
        let needIndices = ann != nil
        quietly {
            for (i, item) in a.enumerated() where evaluate(sub, item, nil) {
                count += 1
                if needIndices { ann?.items.append(i) }
                if !needIndices && maximum == nil && count >= minimum { break }
                if !needIndices, let maximum, count > maximum { break }
            }
        }
        if count < minimum {
            fail(node, minimum == 1 && maximum == nil ? "contains" : "minContains", .containsTooFew(min: minimum, actual: count))
            return false
        }
        if let maximum, count > maximum {
            fail(node, "maxContains", .containsTooMany(max: maximum, actual: count))
            return false
        }
        return true
    }

    @inline(never)
    private func evaluateAllOf(_ subs: [SchemaNode], _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        var ok = true
        for (i, sub) in subs.enumerated() where !descend(sub, instance, ann, keyword: "allOf", String(i)) {
            ok = false
            if !collectErrors { return false }
        }
        return ok
    }

    @inline(never)
    private func evaluateNot(_ sub: SchemaNode, _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        let matched = quietly { evaluate(sub, instance, nil) }
        if !matched { return true }
        fail(node, "not", .notFailed)
        return false
    }

    @inline(never)
    private func evaluateConditional(_ ifNode: SchemaNode, _ thenNode: SchemaNode?, _ elseNode: SchemaNode?, _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        let ifAnn: Annotations? = ann != nil ? acquire() : nil
        let matched = quietly { evaluate(ifNode, instance, ifAnn) }
        if let ifAnn {
            if matched, let ann { ann.merge(ifAnn) }
            recycle(ifAnn)
        }
        if matched {
            guard let thenNode else { return true }
            return descend(thenNode, instance, ann, keyword: "then")
        } else {
            guard let elseNode else { return true }
            return descend(elseNode, instance, ann, keyword: "else")
        }
    }

    @inline(never)
    private func evaluateDependentSchemas(_ list: [(String, SchemaNode)], _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        guard case .object(let o) = instance else { return true }
        var ok = true
        for (property, sub) in list where o[property] != nil {
            if !descend(sub, instance, ann, keyword: "dependentSchemas", property) {
                ok = false
                if !collectErrors { return false }
            }
        }
        return ok
    }

    @inline(never)
    private func evaluateDynamicRef(_ initial: SchemaNode, _ anchor: String?, _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        var target = initial
        if let anchor {
            let tables = validator.dynamicAnchors
            for r in scope where r < tables.count {
                if let n = tables[r][anchor] {
                    target = n
                    break
                }
            }
        }
        return descend(target, instance, ann, keyword: "$dynamicRef")
    }

    @inline(never)
    private func evaluateUnevaluatedProperties(_ sub: SchemaNode, _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        guard case .object(let o) = instance, let ann else { return true }
        var ok = true
        for (key, value) in o where !ann.isPropertyEvaluated(key) {
            if case .alwaysFalse = sub.kind {
                ok = false
                if !collectErrors { return false }
                let allowed = Array(Set(ann.declared)).sorted()
                fail(node, "unevaluatedProperties", .unexpectedProperty(key, allowed: allowed), at: .key(key))
                continue
            }
            if !descend(sub, value, nil, keyword: "unevaluatedProperties", instance: .key(key)) {
                ok = false
                if !collectErrors { return false }
            }
        }
        if ok { ann.allProperties = true }
        return ok
    }

    @inline(never)
    private func evaluateUnevaluatedItems(_ sub: SchemaNode, _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?) -> Bool {
        guard case .array(let a) = instance, let ann else { return true }
        var ok = true
        for i in a.indices where !ann.isItemEvaluated(i) {
            if case .alwaysFalse = sub.kind {
                ok = false
                if !collectErrors { return false }
                fail(node, "unevaluatedItems", .unexpectedItem(index: i), at: .index(i))
                continue
            }
            if !descend(sub, a[i], nil, keyword: "unevaluatedItems", instance: .index(i)) {
                ok = false
                if !collectErrors { return false }
            }
        }
        if ok { ann.allItems = true }
        return ok
    }

    private func evaluateAlternatives(_ subs: [SchemaNode], _ node: SchemaNode, _ instance: JSONValue, _ ann: Annotations?, keyword: String) -> Bool {
        let isOneOf = keyword == "oneOf"
        if !collectErrors {
            if ann == nil {
                var matches = 0
                for sub in subs where evaluate(sub, instance, nil) {
                    matches += 1
                    if !isOneOf { return true }
                    if matches > 1 { return false }
                }
                return matches == 1
            }
        }
        var matched: [Int] = []
        var branchErrors: [[ValidationError]] = []
        for (i, sub) in subs.enumerated() {
            let branchAnn: Annotations? = ann != nil ? acquire() : nil
            defer { if let branchAnn { recycle(branchAnn) } }
            let mark = errors.count
            let ok = descend(sub, instance, branchAnn, keyword: keyword, String(i))
            if collectErrors {
                branchErrors.append(Array(errors[mark...]))
                errors.removeSubrange(mark...)
            }
            if ok {
                matched.append(i)
                if let branchAnn, let ann { ann.merge(branchAnn) }
            }
        }
        if matched.isEmpty {
            fail(node, keyword, .noBranchMatched(keyword: keyword, branches: branchErrors))
            return false
        }
        if isOneOf && matched.count > 1 {
            fail(node, keyword, .severalBranchesMatched(indices: matched))
            return false
        }
        return true
    }

    private func firstDuplicate(_ a: [JSONValue]) -> (Int, Int)? {
        if a.count < 2 { return nil }
        if a.count <= 16 {
            for j in 1..<a.count {
                for i in 0..<j where a[i] == a[j] { return (i, j) }
            }
            return nil
        }
        var seen: [JSONValue: Int] = [:]
        seen.reserveCapacity(a.count)
        for (j, v) in a.enumerated() {
            if let i = seen[v] { return (i, j) }
            seen[v] = j
        }
        return nil
    }
}
