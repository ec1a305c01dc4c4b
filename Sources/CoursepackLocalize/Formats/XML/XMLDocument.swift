import CLibXML2
import Foundation

/// A parsed XML document, read safely: no network, no DTD loading, no entity expansion, and a
/// document type that declares entities is refused before libxml2 sees it.
final class XMLParsedDocument {
    let doc: xmlDocPtr
    let root: XMLElement

    fileprivate init(doc: xmlDocPtr, root: XMLElement) {
        self.doc = doc
        self.root = root
    }

    deinit { xmlFreeDoc(doc) }

    /// Parses `data` as UTF-8 (a byte-order mark allowed) or UTF-16 (with a byte-order mark).
    /// `kind` names the expected file in messages ("XLIFF", "TMX").
    static func parse(_ data: Data, kind: String) throws(ExchangeError) -> XMLParsedDocument {
        let bytes = try XMLInput.utf8Bytes(of: data, kind: kind)
        try XMLInput.refuseEntityDeclarations(in: bytes)
        xmlInitParser()
        guard let context = xmlNewParserCtxt() else { throw ExchangeError("libxml2 could not allocate a parser") }
        defer { xmlFreeParserCtxt(context) }
        let collector = XMLErrorCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()
        context.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let box = context.pointee._private else { return }
            Unmanaged<XMLErrorCollector>.fromOpaque(box).takeUnretainedValue().add(error.pointee)
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                xmlCtxtReadMemory(context, pointer, Int32(buffer.count), "input.xml", "UTF-8", options)
            }
        }
        let wellFormed = context.pointee.wellFormed != 0 && context.pointee.nsWellFormed != 0
        guard let document, wellFormed else {
            if let document { xmlFreeDoc(document) }
            if let first = collector.first {
                throw ExchangeError("not well-formed XML: \(first.message)", line: first.line, column: first.column)
            }
            throw ExchangeError("not well-formed XML")
        }
        if let subset = document.pointee.intSubset, XMLInput.declaresEntities(subset) {
            xmlFreeDoc(document)
            throw ExchangeError("the document type declares entities, which Coursepack refuses (entity expansion attacks)",
                                line: 1, column: 1)
        }
        guard let rootNode = xmlDocGetRootElement(document) else {
            xmlFreeDoc(document)
            throw ExchangeError("the file has no root element")
        }
        return XMLParsedDocument(doc: document, root: XMLElement(rootNode))
    }
}

private final class XMLErrorCollector {
    struct Entry { var message: String; var line: Int?; var column: Int? }
    var first: Entry?

    func add(_ error: xmlError) {
        guard first == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let message = error.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "error \(error.code)"
        first = Entry(message: message, line: error.line > 0 ? Int(error.line) : nil,
                      column: error.int2 > 0 ? Int(error.int2) : nil)
    }
}

enum XMLInput {
    /// The document as UTF-8 bytes without a byte-order mark. UTF-16 with a byte-order mark (or
    /// recognisable from `<?xml`) is converted; any other declared encoding is refused.
    static func utf8Bytes(of data: Data, kind: String) throws(ExchangeError) -> [UInt8] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
                    || bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) || bytes.starts(with: [0x00, 0x3C, 0x00, 0x3F]) {
            let encoding: String.Encoding
            if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
                encoding = .utf16
            } else {
                encoding = bytes[0] == 0x3C ? .utf16LittleEndian : .utf16BigEndian
            }
            guard let text = String(data: data, encoding: encoding) else {
                throw ExchangeError("the file starts like UTF-16 but is not valid UTF-16", line: 1, column: 1)
            }
            var converted = [UInt8](text.utf8)
            if converted.starts(with: [0xEF, 0xBB, 0xBF]) { converted.removeFirst(3) }
            return converted
        }
        if let declared = declaredEncoding(in: bytes) {
            let name = declared.name.lowercased()
            if !["utf-8", "utf8", "us-ascii", "ascii"].contains(name) {
                throw ExchangeError(
                    "the file declares encoding \"\(declared.name)\": Coursepack reads \(kind) files in UTF-8 (or UTF-16 with a byte-order mark); save the file as UTF-8",
                    line: 1, column: declared.column)
            }
        }
        return bytes
    }

    /// The `encoding="..."` of the XML declaration, with the 1-based column of its value.
    static func declaredEncoding(in bytes: [UInt8]) -> (name: String, column: Int)? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let end = bytes.firstIndex(of: UInt8(ascii: ">")) ?? min(bytes.count, 200)
        let declaration = Array(bytes[0..<end])
        let key = Array("encoding".utf8)
        guard let start = (0...(max(0, declaration.count - key.count))).first(where: {
            $0 + key.count <= declaration.count && Array(declaration[$0..<($0 + key.count)]) == key
        }) else { return nil }
        var cursor = start + key.count
        while cursor < declaration.count, declaration[cursor] == 0x20 || declaration[cursor] == UInt8(ascii: "=") { cursor += 1 }
        guard cursor < declaration.count, declaration[cursor] == UInt8(ascii: "\"") || declaration[cursor] == UInt8(ascii: "'") else { return nil }
        let quote = declaration[cursor]
        let valueStart = cursor + 1
        guard let valueEnd = declaration[valueStart...].firstIndex(of: quote) else { return nil }
        return (String(decoding: declaration[valueStart..<valueEnd], as: UTF8.self), valueStart + 1)
    }

    /// Refuses a `<!DOCTYPE ...[ <!ENTITY ...> ]>` before parsing: entity declarations are how
    /// "billion laughs" and external-entity attacks start, and no translation file needs them.
    static func refuseEntityDeclarations(in bytes: [UInt8]) throws(ExchangeError) {
        guard let doctype = find(Array("<!DOCTYPE".utf8), in: bytes, from: 0) else { return }
        // The internal subset ends at the first `]` followed by `>`; look for declarations up to there.
        let limit = find(Array("]>".utf8), in: bytes, from: doctype) ?? bytes.count
        if let entity = find(Array("<!ENTITY".utf8), in: bytes, from: doctype), entity < limit {
            let (line, column) = position(of: entity, in: bytes)
            throw ExchangeError("the document type declares entities (<!ENTITY>), which Coursepack refuses: entity expansion attacks; remove the DOCTYPE",
                                line: line, column: column)
        }
    }

    static func declaresEntities(_ subset: UnsafeMutablePointer<xmlDtd>) -> Bool {
        if subset.pointee.entities != nil || subset.pointee.pentities != nil { return true }
        var child = subset.pointee.children
        while let node = child {
            if node.pointee.type == XML_ENTITY_DECL { return true }
            child = node.pointee.next
        }
        return false
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }

    /// 1-based line and column (in characters) of a byte offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return (line, column)
    }
}

/// A read-only view of an element of a parsed document (valid while the document lives).
struct XMLElement {
    let node: xmlNodePtr

    init(_ node: xmlNodePtr) { self.node = node }

    var name: String { String(cString: node.pointee.name) }
    var namespace: String { node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) } ?? "" }
    var line: Int { Int(xmlGetLineNo(node)) }

    /// All child nodes: elements, text (CDATA merged into text by the parser), comments.
    var childNodes: [XMLChild] {
        var result: [XMLChild] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: result.append(.element(XMLElement(current)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                result.append(.text(current.pointee.content.map { String(cString: $0) } ?? ""))
            default: break
            }
            child = current.pointee.next
        }
        return result
    }

    var children: [XMLElement] {
        childNodes.compactMap { if case .element(let element) = $0 { return element } else { return nil } }
    }

    func children(_ name: String, namespace: String) -> [XMLElement] {
        children.filter { $0.name == name && $0.namespace == namespace }
    }

    func child(_ name: String, namespace: String) -> XMLElement? {
        children.first { $0.name == name && $0.namespace == namespace }
    }

    /// An attribute without namespace, or in `namespace`.
    func attribute(_ name: String, namespace: String? = nil) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            let attributeNamespace = current.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
            if String(cString: current.pointee.name) == name, attributeNamespace == namespace {
                guard let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) else { return "" }
                defer { xmlRelease(value) }
                return String(cString: value)
            }
            attribute = current.pointee.next
        }
        return nil
    }

    struct Attribute { var namespace: String; var prefix: String?; var name: String; var value: String }

    var attributes: [Attribute] {
        var result: [Attribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let ns = current.pointee.ns
            var value = ""
            if let content = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                value = String(cString: content)
                xmlRelease(content)
            }
            result.append(Attribute(namespace: ns.flatMap { $0.pointee.href }.map { String(cString: $0) } ?? "",
                                    prefix: ns.flatMap { $0.pointee.prefix }.map { String(cString: $0) },
                                    name: String(cString: current.pointee.name), value: value))
            attribute = current.pointee.next
        }
        return result
    }

    /// All the text inside, elements flattened.
    var textContent: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { xmlRelease(content) }
        return String(cString: content)
    }

    /// The element as a standalone XML string that declares every namespace it uses.
    var serialized: String { XMLSerializer.serialize(node) }
}

enum XMLChild {
    case element(XMLElement)
    case text(String)
}

/// Serializes a subtree of a parsed document as standalone XML, deterministically: the namespaces
/// it uses from outside are declared on its top element, sorted by prefix; whitespace between
/// child elements (indentation) is dropped so that the writer can indent it again.
enum XMLSerializer {
    static func serialize(_ node: xmlNodePtr) -> String {
        var declaredInside = Set<UnsafeMutablePointer<xmlNs>>()
        var used: [UnsafeMutablePointer<xmlNs>] = []
        collect(node, declared: &declaredInside, used: &used)
        var outside: [String: String] = [:]
        for ns in used where !declaredInside.contains(ns) {
            let prefix = ns.pointee.prefix.map { String(cString: $0) } ?? ""
            if outside[prefix] == nil { outside[prefix] = ns.pointee.href.map { String(cString: $0) } ?? "" }
        }
        var output = ""
        write(node, extraNamespaces: outside.sorted { $0.key < $1.key }, into: &output)
        return output
    }

    private static func collect(_ node: xmlNodePtr, declared: inout Set<UnsafeMutablePointer<xmlNs>>,
                                used: inout [UnsafeMutablePointer<xmlNs>]) {
        var definition = node.pointee.nsDef
        while let ns = definition {
            declared.insert(ns)
            definition = ns.pointee.next
        }
        if let ns = node.pointee.ns { used.append(ns) }
        var attribute = node.pointee.properties
        while let current = attribute {
            if let ns = current.pointee.ns, ns.pointee.prefix.map({ String(cString: $0) }) != "xml" { used.append(ns) }
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { collect(current, declared: &declared, used: &used) }
            child = current.pointee.next
        }
    }

    private static func qualifiedName(_ name: UnsafePointer<xmlChar>, _ ns: UnsafeMutablePointer<xmlNs>?) -> String {
        let local = String(cString: name)
        if let prefix = ns?.pointee.prefix { return String(cString: prefix) + ":" + local }
        return local
    }

    private static func write(_ node: xmlNodePtr, extraNamespaces: [(key: String, value: String)], into output: inout String) {
        let name = qualifiedName(node.pointee.name, node.pointee.ns)
        output += "<" + name
        var definition = node.pointee.nsDef
        var declaredHere = Set<String>()
        while let ns = definition {
            let prefix = ns.pointee.prefix.map { String(cString: $0) } ?? ""
            declaredHere.insert(prefix)
            output += (prefix.isEmpty ? " xmlns" : " xmlns:" + prefix) + "=\"" + escapeAttribute(ns.pointee.href.map { String(cString: $0) } ?? "") + "\""
            definition = ns.pointee.next
        }
        for (prefix, href) in extraNamespaces where !declaredHere.contains(prefix) {
            output += (prefix.isEmpty ? " xmlns" : " xmlns:" + prefix) + "=\"" + escapeAttribute(href) + "\""
        }
        var attribute = node.pointee.properties
        while let current = attribute {
            var value = ""
            if let content = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                value = String(cString: content)
                xmlRelease(content)
            }
            output += " " + qualifiedName(current.pointee.name, current.pointee.ns) + "=\"" + escapeAttribute(value) + "\""
            attribute = current.pointee.next
        }
        var children: [xmlNodePtr] = []
        var child = node.pointee.children
        var hasElement = false
        var hasText = false
        while let current = child {
            children.append(current)
            if current.pointee.type == XML_ELEMENT_NODE { hasElement = true }
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
               let content = current.pointee.content,
               !String(cString: content).allSatisfy({ $0.isWhitespace }) { hasText = true }
            child = current.pointee.next
        }
        let dropWhitespace = hasElement && !hasText
        if children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        for current in children {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                write(current, extraNamespaces: [], into: &output)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let text = current.pointee.content.map { String(cString: $0) } ?? ""
                if dropWhitespace && text.allSatisfy({ $0.isWhitespace }) { continue }
                output += escapeText(text)
            case XML_COMMENT_NODE:
                output += "<!--" + (current.pointee.content.map { String(cString: $0) } ?? "") + "-->"
            default:
                break
            }
        }
        output += "</" + name + ">"
    }

    static func escapeText(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func escapeAttribute(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Frees memory libxml2 allocated for us (`xmlNodeGetContent`, `xmlDocDumpFormatMemoryEnc`). Coursepack
/// never installs other memory functions, so libxml2's `xmlFree` is the C library's `free`.
func xmlRelease(_ pointer: UnsafeMutablePointer<xmlChar>?) {
    free(pointer)
}
