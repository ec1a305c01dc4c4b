/// The store writes `?` for each parameter, as SQLite does; PostgreSQL numbers them `$1`, `$2`, ...
/// A `?` inside a string literal, a quoted identifier, a dollar-quoted body or a comment is text, not a
/// parameter, so the SQL is scanned rather than searched.
enum PostgresPlaceholders {
    /// The SQL with every parameter `?` numbered, and how many there were.
    static func number(_ sql: String) -> (sql: String, count: Int) {
        let bytes = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var count = 0
        var index = 0

        // Copies bytes up to and including the end of a quoted run that started at `index` with `quote`;
        // a doubled quote is the quote itself. With `backslashEscapes` (E'...'), a backslash escapes the next byte.
        func copyQuoted(_ quote: UInt8, backslashEscapes: Bool) {
            out.append(bytes[index]); index += 1
            while index < bytes.count {
                let byte = bytes[index]
                out.append(byte); index += 1
                if backslashEscapes && byte == UInt8(ascii: "\\") && index < bytes.count {
                    out.append(bytes[index]); index += 1
                } else if byte == quote {
                    if index < bytes.count && bytes[index] == quote {
                        out.append(bytes[index]); index += 1
                    } else {
                        return
                    }
                }
            }
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"):
                let previous = index > 0 ? bytes[index - 1] : 0
                let escapeString = (previous == UInt8(ascii: "E") || previous == UInt8(ascii: "e"))
                    && (index < 2 || !isIdentifierByte(bytes[index - 2]))
                copyQuoted(byte, backslashEscapes: escapeString)
            case UInt8(ascii: "\""):
                copyQuoted(byte, backslashEscapes: false)
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") {
                    out.append(bytes[index]); index += 1
                }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                // PostgreSQL's block comments nest.
                var depth = 0
                repeat {
                    if bytes[index] == UInt8(ascii: "/") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*") {
                        depth += 1; out.append(contentsOf: bytes[index...index + 1]); index += 2
                    } else if bytes[index] == UInt8(ascii: "*") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/") {
                        depth -= 1; out.append(contentsOf: bytes[index...index + 1]); index += 2
                    } else {
                        out.append(bytes[index]); index += 1
                    }
                } while depth > 0 && index < bytes.count
            case UInt8(ascii: "$") where index == 0 || !isIdentifierByte(bytes[index - 1]):
                // $tag$ ... $tag$ (a dollar-quoted body); a $ followed by digits is already a numbered parameter.
                var end = index + 1
                if end < bytes.count && !isDigit(bytes[end]) {
                    while end < bytes.count && isIdentifierByte(bytes[end]) && bytes[end] != UInt8(ascii: "$") { end += 1 }
                }
                if end < bytes.count && bytes[end] == UInt8(ascii: "$") {
                    let tag = Array(bytes[index...end])
                    out.append(contentsOf: tag); index = end + 1
                    while index < bytes.count {
                        if bytes[index] == UInt8(ascii: "$") && index + tag.count <= bytes.count
                            && Array(bytes[index..<index + tag.count]) == tag {
                            out.append(contentsOf: tag); index += tag.count
                            break
                        }
                        out.append(bytes[index]); index += 1
                    }
                } else {
                    out.append(byte); index += 1
                }
            case UInt8(ascii: "?"):
                count += 1
                out.append(contentsOf: Array("$\(count)".utf8)); index += 1
            default:
                out.append(byte); index += 1
            }
        }
        return (String(decoding: out, as: UTF8.self), count)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }
}
