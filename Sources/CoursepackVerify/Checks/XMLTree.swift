import CLibXML2
import Foundation

/// An element of a manifest, read with libxml2 into plain values, safely: no network (`NONET`), no DTD
/// loaded, no entity substituted, and a document that declares any entity is refused at the
/// declaration (billion laughs, external entities naming local files). A DOCTYPE without entities is
/// harmless and accepted. Encodings come from the byte-order mark or the XML declaration (UTF-16 too).
public struct XMLTree: Sendable {
    public struct Attribute: Sendable {
        public let namespace: String?
        public let prefix: String?
        public let name: String
        public let value: String
    }

    /// The local name (without prefix).
    public let name: String
    public let prefix: String?
    public let namespace: String?
    public let attributes: [Attribute]
    public let children: [XMLTree]
    /// The element's own text, trimmed.
    public let text: String
    public let line: Int

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The attribute `name` in no namespace (`identifier`, `href`).
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.namespace == nil && $0.name == name }?.value
    }

    /// The attribute `name` in `namespace`.
    public func attribute(_ name: String, namespace: String) -> String? {
        attributes.first { $0.namespace == namespace && $0.name == name }?.value
    }

    /// The first attribute whose local name is `name` in any namespace, compared without case (SCORM 1.2
    /// writes `scormtype`, SCORM 2004 `scormType`).
    public func attribute(localName name: String) -> Attribute? {
        let wanted = name.lowercased()
        return attributes.first { $0.name.lowercased() == wanted }
    }

    public var base: String? { attribute("base", namespace: Self.xmlNamespace) }

    public func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }
    public func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// Every element below this one, depth first.
    public func descendants(_ name: String) -> [XMLTree] {
        var found: [XMLTree] = []
        collect(name, into: &found)
        return found
    }

    private func collect(_ name: String, into found: inout [XMLTree]) {
        for child in children {
            if child.name == name { found.append(child) }
            child.collect(name, into: &found)
        }
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let rule: String
        public let line: Int?
        public let description: String
    }

    /// Deepest element nesting read; deeper documents are refused rather than recursed into.
    static let maxDepth = 256

    private final class ParseState {
        var entity: (name: String, line: Int, external: Bool)?
    }

    /// libxml2's global state, set up once before any thread parses.
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    public static func parse(_ data: Data, file: String) throws(Failure) -> XMLTree {
        _ = initialized
        guard let context = xmlNewParserCtxt() else { throw Failure(rule: "xml-not-well-formed", line: nil, description: "out of memory") }
        defer { xmlFreeParserCtxt(context) }
        let state = ParseState()
        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()
        // Any entity declaration stops the parse where it stands: nothing is expanded or fetched.
        context.pointee.sax.pointee.entityDecl = { rawContext, name, type, _, systemID, _ in
            guard let rawContext else { return }
            let context = rawContext.assumingMemoryBound(to: xmlParserCtxt.self)
            let state = Unmanaged<ParseState>.fromOpaque(context.pointee._private).takeUnretainedValue()
            if state.entity == nil {
                state.entity = (name.map { String(cString: $0) } ?? "?", Int(xmlSAX2GetLineNumber(rawContext)), systemID != nil)
            }
            xmlStopParser(context)
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                            | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)
        let parsed = data.withUnsafeBytes { bytes in
            xmlCtxtReadMemory(context, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), file, nil, options)
        }
        defer { if let parsed { xmlFreeDoc(parsed) } }
        if let entity = state.entity {
            let kind = entity.external ? "an external entity '\(entity.name)' (it would read another file)"
                                       : "the entity '\(entity.name)' (entities are how billion-laughs attacks grow)"
            throw Failure(rule: "xml-entity", line: entity.line,
                          description: "\(file) declares \(kind); manifests need none, so it is refused")
        }
        guard let document = parsed, context.pointee.wellFormed != 0 else {
            let error = xmlCtxtGetLastError(context)
            let line = error.map { Int($0.pointee.line) }
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } }?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "not well-formed"
            throw Failure(rule: "xml-not-well-formed", line: line, description: "\(file) is not well-formed XML: \(message)")
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw Failure(rule: "xml-not-well-formed", line: nil, description: "\(file) has no root element")
        }
        return try convert(root, depth: 0, file: file)
    }

    private static func convert(_ node: xmlNodePtr, depth: Int, file: String) throws(Failure) -> XMLTree {
        guard depth < maxDepth else {
            throw Failure(rule: "xml-too-deep", line: Int(xmlGetLineNo(node)),
                          description: "\(file) nests elements more than \(maxDepth) deep; refused")
        }
        var attributes: [Attribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let value: String
            if let text = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                value = String(cString: text)
                free(text)  // libxml2's xmlFree is the C library's free: no other allocator is installed
            } else {
                value = ""
            }
            let ns = current.pointee.ns
            attributes.append(Attribute(namespace: ns?.pointee.href.map { String(cString: $0) },
                                        prefix: ns?.pointee.prefix.map { String(cString: $0) },
                                        name: String(cString: current.pointee.name), value: value))
            attribute = current.pointee.next
        }
        var children: [XMLTree] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: children.append(try convert(current, depth: depth + 1, file: file))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        let ns = node.pointee.ns
        return XMLTree(name: String(cString: node.pointee.name), prefix: ns?.pointee.prefix.map { String(cString: $0) },
                       namespace: ns?.pointee.href.map { String(cString: $0) }, attributes: attributes, children: children,
                       text: text.trimmingCharacters(in: .whitespacesAndNewlines), line: Int(xmlGetLineNo(node)))
    }
}
