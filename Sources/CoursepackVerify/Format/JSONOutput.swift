import JSONSchema

/// Writes JSON as the package files need it: keys in the order of their bytes (so that the same content
/// always gives the same bytes, on any platform), two-space indentation, UTF-8 kept as it is.
/// Foundation's JSONEncoder spent a noticeable part of a large pack on coursepack.json's tens of
/// thousands of string digests.
struct JSONOutput {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    private var first = true

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func openObject() { open(UInt8(ascii: "{")) }
    mutating func closeObject() { close(UInt8(ascii: "}")) }
    mutating func openArray() { open(UInt8(ascii: "[")) }
    mutating func closeArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of an object; the value follows. Callers give keys in sorted order.
    mutating func key(_ name: String) {
        element()
        string(name, asValue: false)
        bytes.append(contentsOf: ": ".utf8)
        first = true  // the value that follows is not a new element
    }

    mutating func string(_ value: String) { string(value, asValue: true) }
    mutating func int(_ value: some BinaryInteger) { element(); bytes.append(contentsOf: "\(value)".utf8) }
    mutating func bool(_ value: Bool) { element(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    /// Whole numbers without a fraction (`100`), others in Swift's shortest exact form (`99.8`).
    mutating func number(_ value: Double) {
        element()
        let text = value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
        bytes.append(contentsOf: text.utf8)
    }

    /// Members from a dictionary, keys sorted by their bytes.
    mutating func members<Value>(_ dictionary: [String: Value], _ write: (inout JSONOutput, Value) -> Void) {
        for (key, value) in dictionary.sorted(by: { $0.key.precedesInUTF8($1.key) }) {
            self.key(key)
            write(&self, value)
        }
    }

    private mutating func open(_ bracket: UInt8) {
        element()
        bytes.append(bracket)
        depth += 1
        first = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !first { newline() }
        bytes.append(bracket)
        first = false
    }

    /// Before a value or a key: a comma after the previous element, and the indentation.
    private mutating func element() {
        if first {
            if depth > 0 && bytes.last != UInt8(ascii: " ") { newline() }
        } else {
            bytes.append(UInt8(ascii: ","))
            newline()
        }
        first = false
    }

    private mutating func newline() {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func string(_ value: String, asValue: Bool) {
        if asValue { element() }
        bytes.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape (nearly every string is one run) are appended whole.
        let utf8 = value.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 else {
                index = utf8.index(after: index)
                continue
            }
            bytes.append(contentsOf: utf8[runStart..<index])
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
            case 0x0A: bytes.append(contentsOf: "\\n".utf8)
            case 0x0D: bytes.append(contentsOf: "\\r".utf8)
            case 0x09: bytes.append(contentsOf: "\\t".utf8)
            default:
                let digits = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            }
            index = utf8.index(after: index)
            runStart = index
        }
        bytes.append(contentsOf: utf8[runStart..<utf8.endIndex])
        bytes.append(UInt8(ascii: "\""))
    }
}
