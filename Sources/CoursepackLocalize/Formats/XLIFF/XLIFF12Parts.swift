import Foundation

/// A large XLIFF 1.2 file cut into a few parts at the level of its `<body>`, each part a document of
/// its own that the stream reader reads on a core of its own: the first part is the file up to a
/// `</trans-unit>`, then the closing tags; each following part is the file's header (everything up to
/// its `<body>`), then the file from its cut to the next (with the closing tags) or to the end. Read
/// one after the other, the parts give the units of the whole file in order. More parts than cores
/// keep both cores busy to the end when the parts take unequal time.
///
/// A cut is only proposed where nothing else can come of it. The header must hold nothing but the
/// XML declaration and the `xliff`, `file` and `body` start tags (no comment or anything else that
/// could swallow what follows), and a cut must fall right after a `</trans-unit>` that a
/// `<trans-unit` follows. Such a place can still be inside a comment, a CDATA section or a `<group>`
/// of another tool's file; a part is then unterminated or unbalanced, libxml2 rejects it, and the
/// reader reads the whole file in one pass instead.
struct XLIFF12Parts {
    /// Each part as consecutive pieces of memory.
    let documents: [[UnsafeRawBufferPointer]]

    /// What ends every part but the last.
    private static let closing: StaticString = "</body></file></xliff>\n"

    /// nil when the file has no header or no `count` - 1 cuts of the kind described above, each
    /// within half a part of where an even cut would be.
    init?(_ buffer: UnsafeRawBufferPointer, count: Int) {
        guard count >= 2, let base = buffer.baseAddress, let headerEnd = Self.headerEnd(buffer) else { return nil }
        var cuts: [Int] = []
        for part in 1..<count {
            let from = max(headerEnd, cuts.last ?? 0, buffer.count * part / count)
            guard let cut = Self.cut(buffer, from: from, before: buffer.count * (2 * part + 1) / (2 * count)) else { return nil }
            cuts.append(cut)
        }
        let closing = UnsafeRawBufferPointer(start: Self.closing.utf8Start, count: Self.closing.utf8CodeUnitCount)
        let header = UnsafeRawBufferPointer(start: base, count: headerEnd)
        var documents = [[UnsafeRawBufferPointer(start: base, count: cuts[0]), closing]]
        for (index, cut) in cuts.enumerated() {
            let end = index + 1 < cuts.count ? cuts[index + 1] : buffer.count
            let body = UnsafeRawBufferPointer(start: base + cut, count: end - cut)
            documents.append(index + 1 < cuts.count ? [header, body, closing] : [header, body])
        }
        self.documents = documents
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
    /// if it ends before `limit` (a cut further on would leave the parts unbalanced).
    private static func cut(_ buffer: UnsafeRawBufferPointer, from start: Int, before limit: Int) -> Int? {
        var searchFrom = start
        while let end = find("</trans-unit>", in: buffer, from: searchFrom), end < limit {
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
