import Foundation

/// The fonts a package carries for scripts that cheap phones and shared laptops often cannot show:
/// Arabic script (Arabic, Persian, Urdu, Pashto, Kurdish Sorani...) and Ethiopic (Amharic, Tigrinya).
///
/// Each is a WOFF2 file subset to its script's Unicode blocks, with a stylesheet whose `@font-face`
/// carries the same `unicode-range`, so a browser fetches it only for text in those blocks. The
/// stylesheets are ours (`Packaging/player/fonts/*.css`); the WOFF2 files are made on this machine from
/// Debian's Noto fonts by `scripts/make-fonts.sh` (run by `scripts/setup.sh`), so no font data lives in
/// the repository. A package carries a font only when one of its locales needs it.
public enum BundledFont: String, CaseIterable, Sendable {
    case arabic, ethiopic

    /// Languages written in the script, by language subtag; a script subtag (`Arab`, `Ethi`) decides
    /// first.
    private var languages: Set<String> {
        switch self {
        case .arabic:
            return ["ar", "fa", "prs", "ur", "ps", "ckb", "sd", "ug", "ks", "pnb", "bal", "glk", "mzn", "lrc", "sdh", "bqi", "khw", "haz"]
        case .ethiopic:
            return ["am", "ti", "gez", "tig", "byn", "har", "sgw"]
        }
    }

    private var scriptSubtag: String { self == .arabic ? "arab" : "ethi" }

    /// Whether text in `locale` (a BCP 47 tag) is written in this font's script.
    public func isNeeded(by locale: String) -> Bool {
        let subtags = locale.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.lowercased() }
        if let script = subtags.dropFirst().first(where: { $0.count == 4 && $0.allSatisfy(\.isLetter) }) {
            return script == scriptSubtag
        }
        return languages.contains(subtags.first ?? "")
    }

    /// The fonts text in any of `locales` needs, in a fixed order.
    public static func needed(by locales: [String]) -> [BundledFont] {
        allCases.filter { font in locales.contains(where: font.isNeeded(by:)) }
    }

    /// The fonts `locales` need that this installation has (see `isInstalled`).
    public static func carried(for locales: [String]) -> [BundledFont] {
        needed(by: locales).filter(\.isInstalled)
    }

    /// The stylesheet a document links, relative to the package root.
    public var stylesheet: String { "player/fonts/\(rawValue).css" }

    /// The package paths of this font's files.
    public var paths: [String] { [stylesheet, "player/fonts/\(rawValue).woff2"] }

    /// Both files are in the bundled player folder (the WOFF2 is made by scripts/make-fonts.sh).
    public var isInstalled: Bool {
        guard let folder = PackagingResources.playerFolder else { return false }
        return paths.allSatisfy { path in
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(String(path.dropFirst("player/".count))).path)
        }
    }

    /// The script's name for messages.
    public var scriptName: String { self == .arabic ? "Arabic-script" : "Ethiopic" }
}
