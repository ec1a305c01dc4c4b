import Foundation

/// A path asked for by a browser, decoded once and checked before anything is looked up with it.
///
/// The preview serves only what it has listed itself (its rendered documents, the player's files, the
/// module's media as the loader listed them), so a path is only ever a key into those lists; it is still
/// refused early when it tries to climb (`..`, encoded or not), is absolute after decoding, holds a
/// backslash, a NUL or an encoded slash, so that no later change can turn it into a file path outside.
enum RequestPath {
    enum Refusal: Error, Equatable, CustomStringConvertible {
        case badEncoding
        case climbs
        case absolute
        case forbiddenCharacter

        var description: String {
            switch self {
            case .badEncoding: return "the path is not valid percent-encoded UTF-8"
            case .climbs: return "the path tries to leave the module ('..')"
            case .absolute: return "the path names an absolute location"
            case .forbiddenCharacter: return "the path holds a character no module file has (a backslash, a NUL or an encoded '/')"
            }
        }
    }

    /// The segments of `raw` (the path part of the request, without the query), or why it is refused.
    static func segments(_ raw: String) -> Result<[String], Refusal> {
        var path = Substring(raw)
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        guard path.hasPrefix("/") else { return .failure(.absolute) }
        var segments: [String] = []
        for encoded in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            // An encoded separator would let one segment hold two.
            let lowered = encoded.lowercased()
            if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") { return .failure(.forbiddenCharacter) }
            guard let segment = String(encoded).removingPercentEncoding else { return .failure(.badEncoding) }
            if segment == ".." || segment == "." { return .failure(.climbs) }
            if segment.contains("\\") || segment.contains("\0") { return .failure(.forbiddenCharacter) }
            // A second decoding must not reveal a climb either (%252e%252e).
            if let twice = segment.removingPercentEncoding, twice != segment,
               twice == ".." || twice.contains("/") || twice.contains("\\") { return .failure(.climbs) }
            if segment.hasPrefix("/") || segment.hasPrefix("~") || (segment.count >= 2 && segment.dropFirst().first == ":") {
                return .failure(.absolute)
            }
            segments.append(segment)
        }
        // "/a//b" and a trailing slash: empty segments name nothing.
        if segments.dropLast().contains("") { return .failure(.absolute) }
        if segments.last == "" { segments.removeLast() }
        return .success(segments)
    }
}
