import Foundation

/// The rules a path inside a package must follow before anything is done with it: a zip is never
/// trusted, and a path that climbs out of the folder it is unpacked into is refused in every spelling.
enum EntryPath {
    /// Why `path` cannot be used, or nil when it is fine.
    static func problem(_ path: String) -> (ReadRule, String)? {
        if path.isEmpty { return (.emptyName, "an entry has an empty name") }
        let shown = printable(path)
        let bytes = Array(path.utf8)
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return (.controlCharacter, "'\(shown)' contains control characters") }
        if path.contains("\\") {
            // Windows reads '\' as a separator: '..\..\x' climbs there, and 'a\b' is not the file it seems.
            let climbs = path.split(whereSeparator: { $0 == "\\" || $0 == "/" }).contains("..")
            return climbs ? (.climbsOut, "'\(shown)' climbs out of the package with '..' (written with backslashes)")
                          : (.backslash, "'\(shown)' contains a backslash (paths in a zip use '/')")
        }
        if path.hasPrefix("/") { return (.absolutePath, "'\(shown)' is an absolute path") }
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":"), isLetter(bytes[0]) {
            return (.driveLetter, "'\(shown)' starts with a drive letter")
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == ".." { return (.climbsOut, "'\(shown)' climbs out of the package with '..'") }
            if segment == "." { return (.oddSegment, "'\(shown)' contains a '.' segment") }
            // A trailing slash marks a folder entry; an empty segment elsewhere is a doubled slash.
            if segment.isEmpty && index != segments.count - 1 { return (.oddSegment, "'\(shown)' contains '//'") }
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The path with control characters shown as `\u{..}`, so that a name cannot rewrite the terminal.
    static func printable(_ path: String) -> String {
        var shown = ""
        for scalar in path.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x202E || scalar.value == 0x2066
                || scalar.value == 0x2067 || scalar.value == 0x2068 || scalar.value == 0x202D {
                shown += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// The key two names collide under on a case-insensitive or normalising disk (macOS, Windows).
    static func foldKey(_ path: String) -> String {
        path.precomposedStringWithCanonicalMapping.lowercased()
    }
}
