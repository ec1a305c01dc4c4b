import Foundation
import CoursepackLoad

/// A reference from a page or a component to a page, a heading or a file, resolved against the module.
enum ModuleReference: Equatable {
    /// A web address, e-mail or phone link: not the module's business.
    case external
    /// A heading on the same page.
    case anchor(String)
    /// Another page (by id), optionally a heading on it.
    case page(id: String, anchor: String?)
    /// A file, by module-relative path (`media/clinic.jpg`).
    case file(String)

    /// Resolves a Markdown link destination written on a page (relative to `pages/`).
    static func markdownLink(_ destination: String) -> ModuleReference {
        let bytes = destination.utf8
        if bytes.isEmpty || hasScheme(bytes) || bytes.starts(with: "//".utf8) { return .external }
        var path = Substring(destination)
        var fragment: String?
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(destination[destination.index(after: hash)...]).removingPercentEncodingOrSelf
            path = destination[..<hash]
        }
        if let query = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = path[..<query] }
        if path.isEmpty { return .anchor(fragment ?? "") }
        let resolved = normalize("pages/" + String(path).removingPercentEncodingOrSelf)
        if resolved.hasPrefix("pages/"), resolved.hasSuffix(".md") {
            let name = resolved.dropFirst(6).dropLast(3)
            if !name.utf8.contains(UInt8(ascii: "/")) { return .page(id: String(name), anchor: fragment) }
        }
        return .file(resolved)
    }

    /// `scheme:` as RFC 3986 has it: a letter, then letters, digits, `+`, `-` or `.`, then a colon.
    private static func hasScheme(_ bytes: String.UTF8View) -> Bool {
        var index = bytes.startIndex
        guard index < bytes.endIndex, isLetter(bytes[index]) else { return false }
        index = bytes.index(after: index)
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { return true }
            guard isLetter(byte) || (0x30...0x39).contains(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E else { return false }
            index = bytes.index(after: index)
        }
        return false
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    /// Removes `.` and `..` segments; a path that climbs out of the module keeps its leading `..`.
    static func normalize(_ path: String) -> String {
        // Most paths are already plain (`media/clinic.jpg`): no empty, `.` or `..` segment.
        if isPlain(path) { return path }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == "..", let last = segments.last, last != ".." { segments.removeLast(); continue }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    /// No empty, `.` or `..` segment, checked without splitting the path.
    private static func isPlain(_ path: String) -> Bool {
        var length = 0, dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if length == 0 || dots == length { return false }
                length = 0; dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return length > 0 && dots != length
    }
}

extension String {
    /// Foundation's percent decoding is costly on Linux; most links have nothing to decode.
    var removingPercentEncodingOrSelf: String {
        utf8.contains(UInt8(ascii: "%")) ? (removingPercentEncoding ?? self) : self
    }

    /// Empty, or only spaces and line breaks.
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

/// Markdown links inside component fields (a callout's body, a glossary definition): `[text](target)`.
enum InlineLinks {
    static func destinations(in text: String) -> [String] {
        guard mayContainLink(text) else { return [] }
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(where: { $0 == ")" || $0 == " " }) else { break }
            found.append(String(after[..<close]))
            rest = after[close...]
        }
        return found
    }

    /// Whether `](` occurs: nearly every string has no link, and a scan of the raw bytes keeps this
    /// rule cheap on modules with tens of thousands of components.
    static func mayContainLink(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count > 1 else { return false }
            for index in 0..<(bytes.count - 1) where bytes[index] == UInt8(ascii: "]") && bytes[index + 1] == UInt8(ascii: "(") {
                return true
            }
            return false
        }
    }
}

extension SourceValue {
    /// Calls `body` with every string in this value and below it, with its location.
    func forEachString(_ body: (_ text: String, _ location: SourceLocation) -> Void) {
        switch kind {
        case .string(let text): body(text, location)
        case .array(let items): for item in items { item.forEachString(body) }
        case .object(let members): for member in members { member.value.forEachString(body) }
        default: break
        }
    }
}
