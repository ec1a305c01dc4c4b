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
