import Foundation

/// Where an href of a manifest points once its `xml:base` chain is applied (RFC 3986 reference
/// resolution, dot segments removed) and it is percent-decoded: the path looked for in the package.
enum PackageHref: Equatable {
    case file(String)
    case network(String)
    /// Climbs above the package root, or an absolute path.
    case outside(String)

    /// Resolves `href` against `bases`, outermost first (`<manifest>`, `<resources>`, `<resource>`).
    static func resolve(_ href: String, bases: [String?]) -> PackageHref {
        var reference = href.trimmingCharacters(in: .whitespacesAndNewlines)
        // Query and fragment do not name a file.
        if let cut = reference.firstIndex(where: { $0 == "?" || $0 == "#" }) { reference = String(reference[..<cut]) }
        var base = ""  // relative to the package root
        for case let next? in bases {
            let trimmed = next.trimmingCharacters(in: .whitespacesAndNewlines)
            if hasScheme(trimmed) || trimmed.hasPrefix("//") { return .network(trimmed + reference) }
            base = merge(base, trimmed)
        }
        if hasScheme(reference) || reference.hasPrefix("//") {
            return reference.lowercased().hasPrefix("file:") ? .outside(reference) : .network(reference)
        }
        let merged = merge(base, reference)
        if merged.hasPrefix("/") { return .outside(merged) }
        guard let path = removeDotSegments(merged) else { return .outside(merged) }
        return .file(path.removingPercentEncoding ?? path)
    }

    private static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        // One letter would be a drive letter (C:), not a scheme.
        return scheme.count > 1 && scheme.first!.isLetter
            && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// RFC 3986 5.2.3: a relative reference replaces the base's last segment.
    private static func merge(_ base: String, _ reference: String) -> String {
        if reference.hasPrefix("/") { return reference }
        if reference.isEmpty { return base }
        guard let slash = base.lastIndex(of: "/") else { return reference }
        return String(base[...slash]) + reference
    }

    /// RFC 3986 5.2.4; nil when '..' climbs above the root.
    static func removeDotSegments(_ path: String) -> String? {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            switch segment {
            case ".": if last { output.append("") }
            case "..":
                guard !output.isEmpty else { return nil }
                output.removeLast()
                if last { output.append("") }
            case "" where !last: continue
            default: output.append(segment)
            }
        }
        return output.joined(separator: "/")
    }
}

/// XML Schema's white-space collapse, which `xs:ID` and `xs:IDREF` values undergo before comparison.
func collapsed(_ value: String) -> String {
    value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
}

/// Whether a collapsed value is an XML NCName (the lexical space of `xs:ID`).
func isNCName(_ value: String) -> Bool {
    guard let first = value.unicodeScalars.first else { return false }
    func start(_ s: Unicode.Scalar) -> Bool { s == "_" || s.properties.isAlphabetic || (s.value >= 0xC0 && s.value != 0xD7 && s.value != 0xF7) }
    guard start(first) else { return false }
    return value.unicodeScalars.allSatisfy { s in
        start(s) || s == "-" || s == "." || ("0"..."9").contains(s) || s.value == 0xB7 || s.properties.generalCategory == .nonspacingMark
            || s.properties.generalCategory == .decimalNumber
    }
}
