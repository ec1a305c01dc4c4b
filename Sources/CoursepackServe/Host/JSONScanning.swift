import Foundation

/// Finds a name that appears twice in one object of a JSON text (at any depth).
///
/// RFC 8259 leaves such a text's meaning to the reader, and readers disagree: Swift's JSONDecoder
/// keeps the first value, JSONSerialization and JavaScript the last. A statement checked on one value
/// and stored, exported and read back by tools that see the other could claim another learner or a
/// verb the rules never saw, so the host refuses it. The text must already be valid JSON (JSONDecoder
/// read it); names are compared as written, and decoded first when they hold an escape.
enum JSONDuplicateKeys {
    static func first(in text: String) -> String? {
        Array(text.utf8).withUnsafeBufferPointer { first(in: $0) }
    }

    private static func first(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        /// One open object (its names so far, and whether a name comes next) or array (nil).
        var open: [(names: Set<String>, expectsName: Bool)?] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                open.append((names: [], expectsName: true))
            case UInt8(ascii: "["):
                open.append(nil)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = open.popLast()
            case UInt8(ascii: ","):
                if var object = open.last ?? nil {
                    object.expectsName = true
                    open[open.count - 1] = object
                }
            case UInt8(ascii: "\""):
                let start = index + 1
                var escaped = false
                index = start
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { escaped = true; index += 1 }
                    index += 1
                }
                if var object = open.last ?? nil, object.expectsName {
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<min(index, bytes.count)])
                    let name = escaped ? decoded(raw) : String(decoding: raw, as: UTF8.self)
                    if !object.names.insert(name).inserted { return name }
                    object.expectsName = false
                    open[open.count - 1] = object
                }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    private static func decoded(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        let literal = Data([UInt8(ascii: "\"")] + Array(raw) + [UInt8(ascii: "\"")])
        return (try? JSONDecoder().decode(String.self, from: literal)) ?? String(decoding: raw, as: UTF8.self)
    }
}

/// The text of one member's value in a JSON object, as sent, found without decoding it: the commit
/// keeps the runtime calls for the trace as the browser wrote them, and decoding them (any JSON value,
/// which JSONDecoder reads by trying each kind in turn) was a sixth of a commit's CPU. The text must
/// already be valid JSON (JSONDecoder read the rest of it).
enum JSONMemberText {
    static func value(of name: String, in text: String) -> String? {
        Array(text.utf8).withUnsafeBufferPointer { value(of: Array(name.utf8), in: $0) }
    }

    private static func value(of name: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var depth = 0
        var expectsName = false
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"):
                depth += 1
                expectsName = depth == 1
            case UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectsName = depth == 1
            case UInt8(ascii: "\""):
                let start = index + 1
                index = endOfString(from: start, in: bytes)
                if depth == 1, expectsName {
                    expectsName = false
                    if Array(bytes[start..<index]) == name { return valueText(after: index + 1, in: bytes) }
                }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The index of the quote that ends the string whose first byte is at `start`.
    private static func endOfString(from start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") { index += 1 }
            index += 1
        }
        return index
    }

    /// The value after a member's name (from just past its closing quote): past the colon, to the
    /// comma or brace that ends it at its own depth.
    private static func valueText(after position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = position
        while index < bytes.count, bytes[index] != UInt8(ascii: ":") { index += 1 }
        index += 1
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        let start = index
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index = endOfString(from: index + 1, in: bytes)
                if depth == 0 { return String(decoding: bytes[start...min(index, bytes.count - 1)], as: UTF8.self) }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return trimmed(bytes, start, index) }
                depth -= 1
                if depth == 0 { return String(decoding: bytes[start...index], as: UTF8.self) }
            case UInt8(ascii: ","):
                if depth == 0 { return trimmed(bytes, start, index) }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var end = end
        while end > start, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
