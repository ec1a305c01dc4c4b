import CLibXML2
import Foundation

/// Builds an XML tree with libxml2 and saves it as UTF-8, indented by two spaces. Attributes come
/// out in the order they were added, so the same input gives the same bytes.
///
/// Elements holding text (`source`, `target`, `seg`, `note`...) are made with `textElement` or
/// `mixedElement`: they start with a text node, which tells libxml2's formatter to leave their
/// content as it is (indenting inside `<source>` would change the text to translate).
final class XMLTreeWriter {
    let doc: xmlDocPtr
    private(set) var root: xmlNodePtr?

    init() {
        xmlInitParser()
        doc = xmlNewDoc(Self.cString("1.0").withUnsafeBufferPointer { $0.baseAddress })!
    }

    deinit { xmlFreeDoc(doc) }

    static func cString(_ text: String) -> [xmlChar] { Array(text.utf8) + [0] }

    static func with<T>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
        cString(text).withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// The root element, declaring `namespace` as the default namespace.
    @discardableResult
    func makeRoot(_ name: String, namespace: String) -> (node: xmlNodePtr, ns: xmlNsPtr) {
        let node = Self.with(name) { xmlNewDocNode(doc, nil, $0, nil)! }
        xmlDocSetRootElement(doc, node)
        let ns = Self.with(namespace) { xmlNewNs(node, $0, nil)! }
        xmlSetNs(node, ns)
        root = node
        return (node, ns)
    }

    /// Declares a prefixed namespace on `node`.
    func declare(prefix: String, namespace: String, on node: xmlNodePtr) -> xmlNsPtr {
        Self.with(namespace) { href in Self.with(prefix) { xmlNewNs(node, href, $0)! } }
    }

    @discardableResult
    func element(_ name: String, in parent: xmlNodePtr, ns: xmlNsPtr?, _ attributes: [(String, String?)] = []) -> xmlNodePtr {
        let node = Self.with(name) { xmlNewDocNode(doc, ns, $0, nil)! }
        xmlAddChild(parent, node)
        for (key, value) in attributes {
            if let value { setAttribute(node, key, value) }
        }
        return node
    }

    /// An element with text content only.
    @discardableResult
    func textElement(_ name: String, in parent: xmlNodePtr, ns: xmlNsPtr?, _ attributes: [(String, String?)] = [],
                     text: String) -> xmlNodePtr {
        let node = mixedElement(name, in: parent, ns: ns, attributes)
        appendText(text, to: node)
        return node
    }

    /// An element whose content mixes text and inline elements: formatting stays off inside it.
    func mixedElement(_ name: String, in parent: xmlNodePtr, ns: xmlNsPtr?, _ attributes: [(String, String?)] = []) -> xmlNodePtr {
        let node = element(name, in: parent, ns: ns, attributes)
        let empty = Self.with("") { xmlNewDocText(doc, $0)! }
        xmlAddChild(node, empty)
        return node
    }

    func appendText(_ text: String, to node: xmlNodePtr) {
        guard !text.isEmpty else { return }
        let textNode = Self.with(Self.xmlSafe(text)) { xmlNewDocText(doc, $0)! }
        xmlAddChild(node, textNode)
    }

    /// An attribute without namespace (`xml:` names go to the XML namespace).
    func setAttribute(_ node: xmlNodePtr, _ name: String, _ value: String) {
        if name.hasPrefix("xml:") {
            let ns = xmlSearchNsByHref(doc, node, Self.cString("http://www.w3.org/XML/1998/namespace").withUnsafeBufferPointer { $0.baseAddress })
            Self.with(String(name.dropFirst(4))) { local in Self.with(Self.xmlSafe(value)) { _ = xmlNewNsProp(node, ns, local, $0) } }
        } else {
            Self.with(name) { key in Self.with(Self.xmlSafe(value)) { _ = xmlNewProp(node, key, $0) } }
        }
    }

    func setAttribute(_ node: xmlNodePtr, _ name: String, _ value: String, ns: xmlNsPtr) {
        Self.with(name) { key in Self.with(Self.xmlSafe(value)) { _ = xmlNewNsProp(node, ns, key, $0) } }
    }

    /// Writes back an attribute kept from an import: its namespace is declared on the root when needed.
    func setPreserved(_ attribute: PreservedMarkup.Attribute, on node: xmlNodePtr) {
        if attribute.namespace.isEmpty {
            if xmlHasProp(node, Self.cString(attribute.name).withUnsafeBufferPointer { $0.baseAddress }) == nil {
                setAttribute(node, attribute.name, attribute.value)
            }
            return
        }
        if attribute.namespace == "http://www.w3.org/XML/1998/namespace" {
            setAttribute(node, "xml:" + attribute.name, attribute.value)
            return
        }
        let ns = namespace(attribute.namespace, preferredPrefix: attribute.prefix ?? "ns")
        setAttribute(node, attribute.name, attribute.value, ns: ns)
    }

    /// The namespace declaration for `href` on the root, declared there if it is not yet.
    func namespace(_ href: String, preferredPrefix: String) -> xmlNsPtr {
        let root = self.root!
        if let existing = Self.with(href, { xmlSearchNsByHref(doc, root, $0) }), existing.pointee.prefix != nil {
            return existing
        }
        var prefix = preferredPrefix
        var counter = 1
        while Self.with(prefix, { xmlSearchNs(doc, root, $0) }) != nil {
            counter += 1
            prefix = preferredPrefix + String(counter)
        }
        return declare(prefix: prefix, namespace: href, on: root)
    }

    /// Appends an element kept from an import (a standalone XML string) to `parent`. Namespace
    /// declarations the destination already has in scope are dropped from the copy.
    func appendPreserved(_ xml: String, to parent: xmlNodePtr) {
        let bytes = Array(xml.utf8)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard !bytes.isEmpty, (try? XMLInput.refuseEntityDeclarations(in: bytes)) != nil,
              let fragment = bytes.withUnsafeBufferPointer({ buffer in
                  buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                      xmlReadMemory($0, Int32(buffer.count), "preserved.xml", "UTF-8", options)
                  }
              }) else { return }
        defer { xmlFreeDoc(fragment) }
        guard let fragmentRoot = xmlDocGetRootElement(fragment),
              let copy = xmlDocCopyNode(fragmentRoot, doc, 1) else { return }
        xmlAddChild(parent, copy)
        // Drop declarations that repeat what is in scope, and point their users at the in-scope ones.
        var replacements: [(UnsafeMutablePointer<xmlNs>, UnsafeMutablePointer<xmlNs>)] = []
        var kept: UnsafeMutablePointer<xmlNs>? = nil
        var lastKept: UnsafeMutablePointer<xmlNs>? = nil
        var definition = copy.pointee.nsDef
        while let ns = definition {
            let next = ns.pointee.next
            let inScope = xmlSearchNs(doc, parent, ns.pointee.prefix)
            if let inScope, let href = inScope.pointee.href, let own = ns.pointee.href,
               xmlStrEqual(href, own) != 0 {
                replacements.append((ns, inScope))
                ns.pointee.next = nil
            } else {
                if let lastKept { lastKept.pointee.next = ns } else { kept = ns }
                lastKept = ns
                ns.pointee.next = nil
            }
            definition = next
        }
        copy.pointee.nsDef = kept
        if !replacements.isEmpty {
            repoint(copy, replacements)
            for (old, _) in replacements { xmlFreeNs(old) }
        }
    }

    private func repoint(_ node: xmlNodePtr, _ replacements: [(UnsafeMutablePointer<xmlNs>, UnsafeMutablePointer<xmlNs>)]) {
        if let ns = node.pointee.ns, let replacement = replacements.first(where: { $0.0 == ns }) {
            node.pointee.ns = replacement.1
        }
        var attribute = node.pointee.properties
        while let current = attribute {
            if let ns = current.pointee.ns, let replacement = replacements.first(where: { $0.0 == ns }) {
                current.pointee.ns = replacement.1
            }
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { repoint(current, replacements) }
            child = current.pointee.next
        }
    }

    /// The document: `<?xml version="1.0" encoding="UTF-8"?>`, two-space indentation, a final newline.
    func data() -> Data {
        var buffer: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpFormatMemoryEnc(doc, &buffer, &size, "UTF-8", 1)
        guard let buffer else { return Data() }
        defer { xmlRelease(buffer) }
        return Data(bytes: buffer, count: Int(size))
    }

    /// Whether a scalar may appear in an XML 1.0 document.
    static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// The text without the characters XML 1.0 cannot carry (control characters).
    static func xmlSafe(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(isXMLChar) else { return text }
        var result = ""
        result.unicodeScalars.append(contentsOf: text.unicodeScalars.filter(isXMLChar))
        return result
    }
}
