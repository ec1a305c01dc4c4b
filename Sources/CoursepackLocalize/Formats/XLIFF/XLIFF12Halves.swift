import Foundation

/// A large XLIFF 1.2 file cut in two at the level of its `<body>`, each half a document of its own
/// that the stream reader reads on its own core: the first half is the file up to a `</trans-unit>`
/// near the middle, then the closing tags; the second is the file's header (everything up to its
/// `<body>`), then the rest of the file from the cut. Read one after the other, the two give the
/// units of the whole file in order.
///
/// A cut is only proposed where nothing else can come of it. The header must hold nothing but the
/// XML declaration and the `xliff`, `file` and `body` start tags (no comment or anything else that
/// could swallow what follows), and the cut must fall right after a `</trans-unit>` that a
/// `<trans-unit` follows. Such a place can still be inside a comment, a CDATA section or a `<group>`
/// of another tool's file; the first half is then unterminated or unbalanced, libxml2 rejects it, and
/// the reader reads the whole file in one pass instead.
struct XLIFF12Halves {
    let first: [UnsafeRawBufferPointer]
    let second: [UnsafeRawBufferPointer]

    /// What ends the first half.
    private static let closing: StaticString = "</body></file></xliff>\n"

    /// nil when the file has no header or no cut of the kind described above.
    init?(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, let headerEnd = Self.headerEnd(buffer),
              let cut = Self.cut(buffer, from: max(headerEnd, buffer.count / 2)) else { return nil }
        let closing = UnsafeRawBufferPointer(start: Self.closing.utf8Start, count: Self.closing.utf8CodeUnitCount)
        first = [UnsafeRawBufferPointer(start: base, count: cut), closing]
        second = [UnsafeRawBufferPointer(start: base, count: headerEnd), UnsafeRawBufferPointer(start: base + cut, count: buffer.count - cut)]
    }

    /// The end of the first `<body>` tag, when every tag before it is the declaration, `<xliff` or `<file`.
    private static func headerEnd(_ buffer: UnsafeRawBufferPointer) -> Int? {
        guard let body = find("<body>", in: buffer, from: 0) else { return nil }
        var index = 0
        while index < body {
            if buffer[index] == UInt8(ascii: "<") {
                guard (index == 0 && startsWith("<?xml ", in: buffer, at: index))
                        || startsWithTag("<xliff", in: buffer, at: index) || startsWithTag("<file", in: buffer, at: index) else { return nil }
            }
            index += 1
        }
        return body + 6
    }

    /// Right after the first `</trans-unit>` from `start` on that blanks and a `<trans-unit` follow,
    /// before three quarters of the file (a cut further on would leave the halves unbalanced).
    private static func cut(_ buffer: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var searchFrom = start
        while let end = find("</trans-unit>", in: buffer, from: searchFrom), end < buffer.count * 3 / 4 {
            let cut = end + 13
            var next = cut
            while next < buffer.count, [0x20, 0x09, 0x0A, 0x0D].contains(buffer[next]) { next += 1 }
            if startsWithTag("<trans-unit", in: buffer, at: next) { return cut }
            searchFrom = cut
        }
        return nil
    }

    /// Where `needle` next occurs from `start` on: `memchr` for its first byte, then a comparison.
    private static func find(_ needle: StaticString, in buffer: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        var index = start
        while index < buffer.count, let hit = memchr(base + index, Int32(needle.utf8Start[0]), buffer.count - index) {
            let position = base.distance(to: UnsafeRawPointer(hit))
            if startsWith(needle, in: buffer, at: position) { return position }
            index = position + 1
        }
        return nil
    }

    private static func startsWith(_ prefix: StaticString, in buffer: UnsafeRawBufferPointer, at index: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard let base = buffer.baseAddress, index + count <= buffer.count else { return false }
        return memcmp(base + index, prefix.utf8Start, count) == 0
    }

    /// `name` (with its `<`) at `index`, followed by a blank, `>` or `/`: a whole tag name, not a prefix of a longer one.
    private static func startsWithTag(_ name: StaticString, in buffer: UnsafeRawBufferPointer, at index: Int) -> Bool {
        let end = index + name.utf8CodeUnitCount
        return startsWith(name, in: buffer, at: index) && end < buffer.count
            && [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(buffer[end])
    }
}
