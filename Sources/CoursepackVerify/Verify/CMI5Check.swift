import Foundation

/// Reads a `cmi5.xml` as the cmi5 specification's course structure defines it: element order, ids
/// that are IRIs and unique across the course, blocks, AUs and objectives, AU URLs that are URLs and
/// preset none of the launch parameters the LMS adds, values the schema allows.
enum CMI5Check {
    static let namespace = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
    static let reserved: Set<String> = ["endpoint", "fetch", "actor", "registration", "activityid"]
    static let moveOnValues: Set<String> = ["Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"]

    static func check(_ root: XMLTree, file: String, paths: Set<String>, bare: Bool) -> KindCheck {
        var result = KindCheck()
        var shape = PackageShape()
        shape.type = .cmi5
        shape.edition = "cmi5"
        shape.reason = bare ? "a bare cmi5.xml (course structure)" : "cmi5.xml at the root"
        func add(_ rule: VerifyRule, _ message: @autoclosure () -> String, _ node: XMLTree?, key: String? = nil) {
            result.findings.add(rule, message(), file: file, line: node?.line, key: key)
        }
        guard root.name == "courseStructure", root.namespace == namespace else {
            add(.cmi5Root, "the root element is <\(root.name)> in '\(root.namespace ?? "no namespace")', not <courseStructure> in \(namespace)", root)
            result.shape = shape
            return result
        }
        var ids: [String: Int] = [:]
        func identify(_ node: XMLTree) {
            guard let raw = node.attribute("id"), !collapsed(raw).isEmpty else {
                add(.cmi5Required, "<\(node.name)> needs an id", node, key: "id-\(node.name)")
                return
            }
            let id = collapsed(raw)
            if !isIRI(id) { add(.cmi5IRI, "the id '\(raw)' of <\(node.name)> is not an absolute IRI", node, key: "iri-\(raw)") }
            if let first = ids[id] {
                add(.cmi5Duplicate, "the id '\(id)' is used more than once (first on line \(first))", node, key: "dup-\(id)")
            } else {
                ids[id] = node.line
            }
        }
        func texts(_ node: XMLTree) {
            for name in ["title", "description"] {
                guard let element = node.child(name) else { continue }
                let strings = element.children("langstring")
                if strings.isEmpty { add(.cmi5Required, "<\(name)> needs at least one <langstring>", element, key: "lang-\(name)") }
                for string in strings where string.attribute("lang") == nil {
                    add(.cmi5Required, "a <langstring> needs a lang attribute", string, key: "lang-attr")
                }
            }
        }
        func order(_ node: XMLTree, _ expected: [(String, ClosedRange<Int>)]) {
            // The sequence the schema sets; names outside it (extensions in other namespaces) are skipped.
            let names = node.children.filter { $0.namespace == namespace }.map(\.name)
            var position = 0
            for (name, occurs) in expected {
                var count = 0
                while position < names.count, names[position] == name || (name == "au|block" && (names[position] == "au" || names[position] == "block")) {
                    count += 1
                    position += 1
                }
                if count < occurs.lowerBound {
                    let shown = name == "au|block" ? "<au> or <block>" : "<\(name)>"
                    add(count == 0 && !names.contains(name) ? .cmi5Required : .cmi5Order,
                        names.contains(name) ? "<\(name)> is out of order in <\(node.name)> (the order is \(expected.map { "<\($0.0)>" }.joined(separator: ", ")))"
                                             : "<\(node.name)> needs \(shown)", node, key: "order-\(node.name)-\(name)")
                    return
                }
                if count > occurs.upperBound {
                    add(.cmi5Order, "<\(node.name)> has more than one <\(name)>", node, key: "many-\(node.name)-\(name)")
                    return
                }
            }
            if position < names.count {
                add(.cmi5Order, "<\(names[position])> is out of order in <\(node.name)> (the order is \(expected.map { "<\($0.0)>" }.joined(separator: ", ")))", node, key: "order-\(node.name)-\(names[position])")
            }
        }
        order(root, [("course", 1...1), ("objectives", 0...1), ("au|block", 1...Int.max)])
        var objectiveIDs = Set<String>()
        if let course = root.child("course") {
            identify(course)
            texts(course)
            order(course, [("title", 1...1), ("description", 1...1), ("customExtensions", 0...1)])
            shape.title = course.child("title")?.children("langstring").first?.text
            shape.identifier = course.attribute("id").map(collapsed)
        }
        for objective in root.child("objectives")?.children("objective") ?? [] {
            identify(objective)
            texts(objective)
            if let id = objective.attribute("id") { objectiveIDs.insert(collapsed(id)) }
        }
        var launchables: [Launchable] = []
        func visit(_ node: XMLTree) {
            for child in node.children where child.namespace == namespace {
                switch child.name {
                case "block":
                    shape.blocks += 1
                    identify(child)
                    texts(child)
                    order(child, [("title", 1...1), ("description", 1...1), ("objectives", 0...1), ("au|block", 1...Int.max)])
                    references(child)
                    visit(child)
                case "au": launchables.append(au(child))
                default: break
                }
            }
        }
        func references(_ node: XMLTree) {
            for reference in node.child("objectives")?.children("objective") ?? [] {
                guard let idref = reference.attribute("idref") else {
                    add(.cmi5Required, "an objective reference needs an idref", reference, key: "idref")
                    continue
                }
                if !objectiveIDs.contains(collapsed(idref)) {
                    add(.cmi5Objective, "the objective '\(idref)' is not one of the course's objectives", reference, key: "obj-\(idref)")
                }
            }
        }
        func au(_ node: XMLTree) -> Launchable {
            identify(node)
            texts(node)
            order(node, [("title", 1...1), ("description", 1...1), ("objectives", 0...1), ("url", 1...1),
                         ("launchParameters", 0...1), ("entitlementKey", 0...1)])
            references(node)
            if let moveOn = node.attribute("moveOn"), !moveOnValues.contains(moveOn) {
                add(.cmi5Value, "moveOn '\(moveOn)' is not one of \(moveOnValues.sorted().joined(separator: ", "))", node, key: "moveOn-\(moveOn)")
            }
            if let mastery = node.attribute("masteryScore"), !(Double(mastery).map { (0...1).contains($0) } ?? false) {
                add(.cmi5Value, "masteryScore '\(mastery)' must be a decimal from 0 to 1", node, key: "mastery-\(mastery)")
            }
            if let method = node.attribute("launchMethod"), method != "AnyWindow", method != "OwnWindow" {
                add(.cmi5Value, "launchMethod '\(method)' must be AnyWindow or OwnWindow", node, key: "method-\(method)")
            }
            let title = node.child("title")?.children("langstring").first?.text ?? ""
            let id = node.attribute("id").map(collapsed) ?? ""
            guard let urlNode = node.child("url"), !urlNode.text.isEmpty else {
                return Launchable(id: id, title: title, kind: "au", launch: nil)
            }
            let url = urlNode.text
            guard isURL(url) else {
                add(.cmi5URL, "the AU url '\(url)' is not a URL (spaces, or characters a URL cannot hold)", urlNode, key: "url-\(url)")
                return Launchable(id: id, title: title, kind: "au", launch: nil)
            }
            if let query = url.split(separator: "?", maxSplits: 1).dropFirst().first {
                for pair in query.split(separator: "&") {
                    let name = String(pair.split(separator: "=", maxSplits: 1).first ?? "").lowercased()
                    if reserved.contains(name) {
                        add(.cmi5Reserved, "the AU url presets '\(name)', which the LMS adds at launch", urlNode, key: "reserved-\(name)")
                    }
                }
            }
            switch PackageHref.resolve(url, bases: []) {
            case .file(let path):
                if bare {
                    add(.cmi5Missing, "the AU url '\(url)' is relative, but a course structure imported on its own needs absolute AU urls", urlNode, key: "bare-relative")
                } else if !paths.contains(path) {
                    add(.cmi5Missing, "the AU's file '\(path)' (url '\(url)') is not in the package", urlNode, key: "au-\(path)")
                }
                return Launchable(id: id, title: title, kind: "au", launch: path)
            case .network(let address): return Launchable(id: id, title: title, kind: "au", launch: address)
            case .outside(let path):
                add(.outside, "the AU url '\(url)' resolves to '\(path)', outside the package", urlNode, key: "out-\(path)")
                return Launchable(id: id, title: title, kind: "au", launch: nil)
            }
        }
        visit(root)
        shape.launchables = launchables
        result.shape = shape
        return result
    }

    /// An absolute IRI: a scheme, a colon, and no white space or characters IRIs exclude.
    static func isIRI(_ value: String) -> Bool {
        guard let colon = value.firstIndex(of: ":"), colon != value.startIndex else { return false }
        let scheme = value[..<colon]
        guard scheme.first!.isASCII, scheme.first!.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) else { return false }
        return isURL(value) && value.index(after: colon) != value.endIndex
    }

    /// A URL or relative reference: no white space, no characters RFC 3986 excludes, `%` only as an escape.
    static func isURL(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard !scalars.isEmpty else { return false }
        for (index, scalar) in scalars.enumerated() {
            if scalar.value <= 0x20 || scalar.value == 0x7F || "<>\"{}|\\^`".unicodeScalars.contains(scalar) { return false }
            if scalar == "%" {
                guard index + 2 < scalars.count, scalars[index + 1].properties.isASCIIHexDigit, scalars[index + 2].properties.isASCIIHexDigit else { return false }
            }
        }
        return true
    }
}
