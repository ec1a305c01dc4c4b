import Foundation

/// Texts looked at as bytes. Above all, the first of a few particular bytes found eight bytes at a
/// time: the exchange writers look through every string of a large module (tens of megabytes) for
/// the bytes that need an escape or may start an inline code, and almost never find one.
///
/// A 64-bit word holds eight bytes; the word tests below say whether any of the eight is a given
/// byte, or below a given value, in a few operations (the classic "has zero byte" trick: subtracting
/// 1 from every byte borrows into the top bit exactly of the bytes that were zero). They answer for
/// the word as a whole, exactly; the byte test then finds which byte it is.
enum ByteSearch {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` is `byte`.
    @inline(__always)
    static func word(_ word: UInt64, has byte: UInt8) -> Bool {
        let zeroWhereEqual = word ^ (ones &* UInt64(byte))
        return (zeroWhereEqual &- ones) & ~zeroWhereEqual & highBits != 0
    }

    /// Whether any byte of `word` is below `limit` (at most 0x80).
    @inline(__always)
    static func word(_ word: UInt64, hasByteBelow limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highBits != 0
    }

    /// The index of the first byte from `start` on for which `matches` holds, nil if none does.
    /// `wordMayMatch` must hold for every word that holds such a byte (it may hold for others).
    @inline(__always)
    static func firstIndex(in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                           wordMayMatch: (UInt64) -> Bool, matches: (UInt8) -> Bool) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= bytes.count {
            // Little- or big-endian does not matter: the tests look at all eight bytes alike.
            if wordMayMatch(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                for offset in 0..<8 where matches(bytes[index + offset]) { return index + offset }
            }
            index += 8
        }
        while index < bytes.count {
            if matches(bytes[index]) { return index }
            index += 1
        }
        return nil
    }

    /// Whether two texts are the same bytes: `==` compares by canonical equivalence (and then, for
    /// text that is not ASCII, character by character), which is not what a cache of file names wants.
    static func sameBytes(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }
}
