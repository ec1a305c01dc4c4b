import CLibXML2
import Foundation

/// An element of a manifest, read with libxml2 into plain values. Parsing never touches the network,
/// and a document with a DTD is refused before parsing: entities are how XML attacks a reader.
struct XMLTree: Sendable {
    /// The local name (without prefix).
    let name: String
    /// As written: `adlcp:scormtype`, `href`.
    let attributes: [String: String]
    let children: [XMLTree]
    let text: String
    let line: Int

    func attribute(_ name: String) -> String? { attributes[name] }

    /// The first attribute whose local name is `name` in any namespace, compared without case (SCORM 1.2
    /// writes `scormtype`, SCORM 2004 `scormType`).
    func attribute(localName name: String) -> String? {
        let wanted = name.lowercased()
        for (key, value) in attributes {
            let local = key.split(separator: ":").last.map(String.init) ?? key
            if local.lowercased() == wanted { return value }
        }
        return nil
    }

    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }
    func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// Every element below this one, depth first.
    func descendants(_ name: String) -> [XMLTree] {
        var found: [XMLTree] = []
        for child in children {
            if child.name == name { found.append(child) }
            found += child.descendants(name)
        }
        return found
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ data: Data, file: String) throws(Failure) -> XMLTree {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw Failure(description: "\(file) declares a DTD or entities; manifests must not (they are refused as unsafe)")
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed = data.withUnsafeBytes { bytes in
            xmlReadMemory(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), file, nil, options)
        }
        guard let document = parsed else {
            let detail = xmlGetLastError().map { error in
                "line \(error.pointee.line): " + (error.pointee.message.map { String(cString: $0) } ?? "")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            } ?? "not well-formed"
            throw Failure(description: "\(file) is not well-formed XML (\(detail))")
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw Failure(description: "\(file) has no root element") }
        return convert(root)
    }

    private static func convert(_ node: xmlNodePtr) -> XMLTree {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let local = String(cString: current.pointee.name)
            let prefix = current.pointee.ns?.pointee.prefix.map { String(cString: $0) }
            let key = prefix.map { "\($0):\(local)" } ?? local
            if let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                attributes[key] = String(cString: value)
                free(value)  // libxml2's xmlFree is the C library's free: no other allocator is installed
            } else {
                attributes[key] = ""
            }
            attribute = current.pointee.next
        }
        var children: [XMLTree] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: children.append(convert(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        return XMLTree(name: String(cString: node.pointee.name), attributes: attributes, children: children,
                       text: text.trimmingCharacters(in: .whitespacesAndNewlines), line: Int(xmlGetLineNo(node)))
    }
}
