#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether this string sorts before `other` by the bytes of their UTF-8 (code point order): the order
    /// of object keys in the JSON text this library writes, and of a package's zip entries, the same on
    /// every machine whatever its locale.
    /// (`<` on strings compares canonically equivalent forms instead, and the generic comparison of two
    /// `utf8` views walks them an index at a time; this compares the stored bytes at once.)
    public func precedesInUTF8(_ other: String) -> Bool {
        var left = self
        var right = other
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
    }
}
