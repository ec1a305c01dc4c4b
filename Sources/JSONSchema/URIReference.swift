// Minimal RFC 3986 URI reference parsing and resolution (section 5.2), enough for `$id`/`$ref`.

struct URIReference: Equatable {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    init(parsing text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        } else {
            fragment = nil
        }
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        } else {
            query = nil
        }
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
        scheme = nil
        if let colon = rest.firstIndex(of: ":") {
            let candidate = rest[..<colon]
            if let first = candidate.first, first.isASCII, first.isLetter,
                candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
            {
                scheme = String(candidate)
                rest = rest[rest.index(after: colon)...]
            }
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let authEnd = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[afterSlashes..<authEnd])
            rest = rest[authEnd...]
        } else {
            authority = nil
        }
        path = String(rest)
    }

    var isAbsolute: Bool { scheme != nil }

    var string: String {
        var out = ""
        if let scheme { out += scheme + ":" }
        if let authority { out += "//" + authority }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    /// The URI without its fragment.
    var withoutFragment: URIReference {
        var copy = self
        copy.fragment = nil
        return copy
    }

    /// Resolves `reference` against `self` (RFC 3986 section 5.2.2).
    func resolving(_ reference: URIReference) -> URIReference {
        var t = URIReference(scheme: nil, authority: nil, path: "", query: nil, fragment: reference.fragment)
        if let scheme = reference.scheme {
            t.scheme = scheme
            t.authority = reference.authority
            t.path = URIReference.removeDotSegments(reference.path)
            t.query = reference.query
        } else {
            if reference.authority != nil {
                t.authority = reference.authority
                t.path = URIReference.removeDotSegments(reference.path)
                t.query = reference.query
            } else {
                if reference.path.isEmpty {
                    t.path = path
                    t.query = reference.query ?? query
                } else {
                    if reference.path.hasPrefix("/") {
                        t.path = URIReference.removeDotSegments(reference.path)
                    } else {
                        t.path = URIReference.removeDotSegments(merge(reference.path))
                    }
                    t.query = reference.query
                }
                t.authority = authority
            }
            t.scheme = scheme
        }
        return t
    }

    private func merge(_ relative: String) -> String {
        if authority != nil && path.isEmpty { return "/" + relative }
        if let slash = path.lastIndex(of: "/") {
            return String(path[...slash]) + relative
        }
        // Non-hierarchical base such as "urn:example:a": replace the last ':'-separated segment.
        if scheme != nil && authority == nil, let colon = path.lastIndex(of: ":") {
            return String(path[...colon]) + relative
        }
        return relative
    }

    static func removeDotSegments(_ input: String) -> String {
        if !input.contains(".") { return input }
        var output: [String] = []
        var buffer = Substring(input)
        while !buffer.isEmpty {
            if buffer.hasPrefix("../") {
                buffer = buffer.dropFirst(3)
            } else if buffer.hasPrefix("./") {
                buffer = buffer.dropFirst(2)
            } else if buffer.hasPrefix("/./") {
                buffer = buffer.dropFirst(2)
            } else if buffer == "/." {
                buffer = "/"
            } else if buffer.hasPrefix("/../") {
                buffer = buffer.dropFirst(3)
                if !output.isEmpty { output.removeLast() }
            } else if buffer == "/.." {
                buffer = "/"
                if !output.isEmpty { output.removeLast() }
            } else if buffer == "." || buffer == ".." {
                buffer = ""
            } else {
                // Move the first segment (with its leading "/", if any) to the output.
                var idx = buffer.startIndex
                if buffer[idx] == "/" { idx = buffer.index(after: idx) }
                let end = buffer[idx...].firstIndex(of: "/") ?? buffer.endIndex
                output.append(String(buffer[buffer.startIndex..<end]))
                buffer = buffer[end...]
            }
        }
        return output.joined()
    }
}

/// Resolves `reference` against `base` and returns the full string.
func resolveURI(_ reference: String, against base: String) -> String {
    if base.isEmpty { return URIReference(parsing: reference).string }
    return URIReference(parsing: base).resolving(URIReference(parsing: reference)).string
}

/// Splits "uri#fragment" into ("uri", "fragment"), the fragment nil when absent.
func splitFragment(_ uri: String) -> (String, String?) {
    guard let hash = uri.firstIndex(of: "#") else { return (uri, nil) }
    return (String(uri[..<hash]), String(uri[uri.index(after: hash)...]))
}

/// Decodes %XX escapes (UTF-8); returns the input unchanged on malformed escapes.
func percentDecode(_ s: String) -> String {
    guard s.contains("%") else { return s }
    var bytes: [UInt8] = []
    var it = Array(s.utf8)[...]
    while let c = it.first {
        it = it.dropFirst()
        if c == UInt8(ascii: "%"), it.count >= 2,
            let hi = hexValue(it[it.startIndex]), let lo = hexValue(it[it.startIndex + 1])
        {
            bytes.append(hi << 4 | lo)
            it = it.dropFirst(2)
        } else {
            bytes.append(c)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
}

/// Splits a JSON Pointer fragment ("/a/b~1c") into unescaped tokens; nil when malformed.
func parseJSONPointer(_ pointer: String) -> [String]? {
    if pointer.isEmpty { return [] }
    guard pointer.hasPrefix("/") else { return nil }
    var tokens: [String] = []
    for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
        var token = ""
        var it = raw.unicodeScalars.makeIterator()
        while let c = it.next() {
            if c == "~" {
                switch it.next() {
                case "0": token += "~"
                case "1": token += "/"
                default: return nil
                }
            } else {
                token.unicodeScalars.append(c)
            }
        }
        tokens.append(token)
    }
    return tokens
}

func pointerString(_ tokens: [String]) -> String {
    var out = ""
    for t in tokens {
        out += "/"
        out += escapePointerToken(t)
    }
    return out
}
