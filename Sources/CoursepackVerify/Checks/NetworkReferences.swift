import Foundation

/// Finds references to the network in the files of a package: an offline package must load nothing
/// from anywhere else. Links that a learner follows by clicking (`<a href>`, `<area href>`) are
/// allowed: the author wrote them, and nothing is fetched until they are clicked.
public enum NetworkReferences {
    /// Findings for one file, chosen by its extension (HTML, CSS, JavaScript, XML manifests).
    public static func scan(_ path: String, _ data: Data) -> [PackageFinding] {
        let lower = path.lowercased()
        let text = String(decoding: data, as: UTF8.self)
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return scanHTML(path, text) }
        if lower.hasSuffix(".css") { return scanCSS(path, text) }
        if lower.hasSuffix(".js") || lower.hasSuffix(".mjs") { return scanScript(path, text) }
        return []
    }

    /// `http:`, `https:`, `ftp:`, `ws:`, `wss:` or a scheme-relative `//host`.
    static func isNetwork(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return trimmed.hasPrefix("//") || ["http:", "https:", "ftp:", "ws:", "wss:"].contains { trimmed.hasPrefix($0) }
    }

    private static let clickedLinks: Set<String> = ["a", "area"]

    private static func scanHTML(_ path: String, _ text: String) -> [PackageFinding] {
        var findings: [PackageFinding] = []
        for tag in HTMLTags(text) {
            for (name, value) in tag.attributes {
                let fetched: Bool
                switch name {
                case "href": fetched = !clickedLinks.contains(tag.name)
                case "src", "poster", "data", "action", "formaction", "background", "manifest", "cite": fetched = name != "cite"
                case "srcset": fetched = value.split(separator: ",").contains { isNetwork(String($0)) }
                case "style": findings += scanCSS(path, value, line: tag.line); continue
                default: fetched = false
                }
                if fetched && (name == "srcset" || isNetwork(value)) {
                    findings.append(PackageFinding(.error, "<\(tag.name) \(name)=\"\(value)\"> loads from the network", file: path, line: tag.line))
                } else if (name == "src" || name == "href" || name == "poster") && value.hasPrefix("/") {
                    // A path from the server's root works on no LMS (packages live in a folder) nor from file://.
                    findings.append(PackageFinding(.error, "<\(tag.name) \(name)=\"\(value)\"> starts with '/': it breaks from file:// and inside an LMS; use a relative path",
                                                   file: path, line: tag.line))
                }
            }
            if tag.name == "style", let body = tag.body { findings += scanCSS(path, body, line: tag.line) }
            if tag.name == "script", let body = tag.body, tag.attributes["type"]?.lowercased().contains("json") != true {
                findings += scanScript(path, body, line: tag.line)
            }
        }
        return findings
    }

    private static func scanCSS(_ path: String, _ text: String, line: Int? = nil) -> [PackageFinding] {
        var findings: [PackageFinding] = []
        let pattern = #"(?i)(url\(\s*["']?|@import\s+["'])\s*((https?:|ftp:)?//[^"')\s]*)"#
        for match in matches(pattern, in: text) {
            findings.append(PackageFinding(.error, "the style sheet loads '\(match)' from the network", file: path,
                                           line: line ?? lineNumber(of: match, in: text)))
        }
        return findings
    }

    private static func scanScript(_ path: String, _ text: String, line: Int? = nil) -> [PackageFinding] {
        // Only what a script loads by itself: identifiers that look like addresses (xAPI verb IRIs) are fine.
        let pattern = #"(import\s*\(?\s*|from\s+|importScripts\s*\(\s*|fetch\s*\(\s*|\.src\s*=\s*|new\s+(?:Worker|WebSocket|EventSource)\s*\(\s*)["'`]((https?:|wss?:)?//[^"'`]*)"#
        return matches(pattern, in: text).map { match in
            PackageFinding(.error, "the script loads '\(match)' from the network", file: path,
                           line: line ?? lineNumber(of: match, in: text))
        }
    }

    /// The second capture group of every match.
    private static func matches(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 2), in: text).map { String(text[$0]) }
        }
    }

    private static func lineNumber(of needle: String, in text: String) -> Int? {
        guard let range = text.range(of: needle) else { return nil }
        return text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}

/// The start tags of an HTML document with their attributes, and the raw text of `<script>` and
/// `<style>` elements. Enough to find what a document loads; not a full HTML parser.
struct HTMLTags: Sequence {
    struct Tag {
        let name: String
        let attributes: [String: String]
        let line: Int
        /// For `script` and `style`: the text up to the closing tag.
        let body: String?
    }

    let bytes: [UInt8]
    init(_ text: String) { bytes = Array(text.utf8) }

    func makeIterator() -> AnyIterator<Tag> {
        var index = 0
        var line = 1
        let bytes = self.bytes
        // `index` and `line` are captured by the iterator's closure, so each access to them is checked
        // at run time: the byte loop works on locals and stores the result once.
        func advance(to target: Int) {
            let end = Swift.min(target, bytes.count)
            guard index < end else { return }
            var position = index, lines = 0
            bytes.withUnsafeBufferPointer { buffer in
                while position < end {
                    if buffer[position] == 0x0A { lines += 1 }
                    position += 1
                }
            }
            index = position
            line += lines
        }
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard !needle.isEmpty, start <= bytes.count - needle.count else { return nil }
            var position = start
            while position <= bytes.count - needle.count {
                if bytes[position] == needle[0] && Array(bytes[position..<position + needle.count]) == needle { return position }
                position += 1
            }
            return nil
        }
        return AnyIterator {
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "<") else {
                    advance(to: bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count)
                    continue
                }
                if bytes[index...].starts(with: "<!--".utf8) {
                    advance(to: (find(Array("-->".utf8), from: index + 4) ?? bytes.count) + 3)
                    continue
                }
                let tagLine = line
                var cursor = index + 1
                var name: [UInt8] = []
                while cursor < bytes.count, isNameByte(bytes[cursor]) { name.append(lower(bytes[cursor])); cursor += 1 }
                guard !name.isEmpty else { advance(to: index + 1); continue }
                var attributes: [String: String] = [:]
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") {
                    if isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "/") { cursor += 1; continue }
                    var attribute: [UInt8] = []
                    while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "="),
                          bytes[cursor] != UInt8(ascii: ">") {
                        attribute.append(lower(bytes[cursor])); cursor += 1
                    }
                    while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
                    var value: [UInt8] = []
                    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
                        cursor += 1
                        while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
                        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                            let quote = bytes[cursor]
                            cursor += 1
                            while cursor < bytes.count, bytes[cursor] != quote { value.append(bytes[cursor]); cursor += 1 }
                            cursor += 1
                        } else {
                            while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">") {
                                value.append(bytes[cursor]); cursor += 1
                            }
                        }
                    }
                    if attribute.isEmpty { cursor += 1; continue }
                    attributes[String(decoding: attribute, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
                }
                let tagName = String(decoding: name, as: UTF8.self)
                var body: String?
                var end = cursor + 1
                if tagName == "script" || tagName == "style" {
                    let closing = Array("</\(tagName)".utf8)
                    let close = findInsensitive(closing, in: bytes, from: end) ?? bytes.count
                    body = String(decoding: bytes[Swift.min(end, bytes.count)..<close], as: UTF8.self)
                    end = close
                }
                advance(to: end)
                return Tag(name: tagName, attributes: attributes, line: tagLine, body: body)
            }
            return nil
        }
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
    }
    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C }
    private func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }

    private func findInsensitive(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start <= bytes.count - needle.count else { return nil }
        var position = start
        while position <= bytes.count - needle.count {
            var matched = true
            for offset in 0..<needle.count where lower(bytes[position + offset]) != needle[offset] { matched = false; break }
            if matched { return position }
            position += 1
        }
        return nil
    }
}
