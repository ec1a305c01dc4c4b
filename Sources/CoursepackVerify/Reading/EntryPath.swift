/// The rules a path inside a package must follow before anything is done with it: a zip is never
/// trusted, and a path that climbs out of the folder it is unpacked into, or names the same file as
/// another entry on a case-insensitive disk, is refused.
enum EntryPath {
    /// Why `path` cannot be used, or nil when it is fine.
    static func problem(_ path: String) -> String? {
        if path.isEmpty { return "an entry has an empty name" }
        if path.hasPrefix("/") || path.hasPrefix("\\") { return "'\(path)' is an absolute path" }
        if path.contains("\\") { return "'\(path)' contains a backslash (paths in a zip use '/')" }
        let bytes = Array(path.utf8)
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":"), isLetter(bytes[0]) { return "'\(path)' starts with a drive letter" }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "'\(printable(path))' contains control characters" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == ".." { return "'\(path)' climbs out of the package with '..'" }
            if segment == "." { return "'\(path)' contains a '.' segment" }
            // A trailing slash marks a folder entry; an empty segment elsewhere is a doubled slash.
            if segment.isEmpty && index != segments.count - 1 { return "'\(path)' contains '//'" }
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    static func printable(_ path: String) -> String {
        String(path.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
    }
}
