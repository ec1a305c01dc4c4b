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

    /// Resolves a Markdown link destination written on `page` (relative to `pages/`).
    static func markdownLink(_ destination: String) -> ModuleReference {
        if destination.isEmpty { return .external }
        if hasScheme(destination) || destination.hasPrefix("//") { return .external }
        var path = Substring(destination)
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...]).removingPercentEncodingOrSelf
            path = path[..<hash]
        }
        if let query = path.firstIndex(of: "?") { path = path[..<query] }
        if path.isEmpty { return .anchor(fragment ?? "") }
        let resolved = normalize("pages/" + String(path).removingPercentEncodingOrSelf)
        if resolved.hasPrefix("pages/"), resolved.hasSuffix(".md"), !resolved.dropFirst(6).contains("/") {
            return .page(id: String(resolved.dropFirst(6).dropLast(3)), anchor: fragment)
        }
        return .file(resolved)
    }

    private static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        return scheme.first!.isLetter && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    /// Removes `.` and `..` segments; a path that climbs out of the module keeps its leading `..`.
    static func normalize(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == "..", let last = segments.last, last != ".." { segments.removeLast(); continue }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
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
        // Nearly every string has no link: a byte scan keeps this rule cheap on large modules.
        guard text.utf8.contains(UInt8(ascii: "]")), text.contains("](") else { return [] }
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
}

extension SourceValue {
    /// Every string in this value and below it, with its location.
    var allStrings: [SourceValue] {
        switch kind {
        case .string: return [self]
        case .array(let items): return items.flatMap(\.allStrings)
        case .object(let members): return members.flatMap(\.value.allStrings)
        default: return []
        }
    }
}
