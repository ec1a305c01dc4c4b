/// How an entry's bytes are kept in the zip.
public enum ZipCompression: String, Sendable, Codable {
    case store, deflate

    /// Formats that are compressed already: deflating them again costs time and saves nothing (often
    /// it grows them), so they are stored. Everything else (HTML, CSS, JS, JSON, XML, VTT, SVG, text) is
    /// deflated.
    static let storedExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "webp", "avif", "heic",
        "mp3", "m4a", "aac", "ogg", "oga", "opus", "flac",
        "mp4", "m4v", "mov", "webm", "mkv", "ogv",
        "woff", "woff2",
        "zip", "gz", "bz2", "xz", "7z", "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub",
    ]

    /// The compression for a package path, decided by its extension alone so that the same file is
    /// always written the same way.
    public static func forPath(_ path: String) -> ZipCompression {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return .deflate }
        let ext = name[name.index(after: dot)...].lowercased()
        return storedExtensions.contains(ext) ? .store : .deflate
    }
}
