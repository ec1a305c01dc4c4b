import CoursepackPackaging
import Foundation
import JSONSchema

/// The player's files (Packaging/player, shipped as a resource bundle beside the executable), each
/// with its path in the package: `player/<path inside the folder>`.
enum PlayerFiles {
    static func list() throws(PackFailure) -> [(path: String, url: URL)] {
        guard let folder = PackagingResources.playerFolder else {
            throw .cannotRun("the player's files are missing from this installation: copy coursepack_CoursepackPackaging.resources beside the coursepack executable")
        }
        let root = folder.resolvingSymlinksInPath()
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw .cannotRun("cannot read the player's files in \(root.path)")
        }
        var files: [(path: String, url: URL)] = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let full = url.resolvingSymlinksInPath().path
            guard full.hasPrefix(prefix) else { continue }
            let relative = String(full.dropFirst(prefix.count))
            // Editor and system leftovers (.DS_Store, swap files) are not part of the player.
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            files.append(("player/" + relative, url))
        }
        return files.sorted { $0.path.precedesInUTF8($1.path) }
    }

    /// The player's files without the fonts of scripts no carried locale is written in.
    static func keeping(fonts: [BundledFont], of files: [(path: String, url: URL)]) -> [(path: String, url: URL)] {
        let kept = Set(fonts.flatMap(\.paths))
        return files.filter { !$0.path.hasPrefix("player/fonts/") || kept.contains($0.path) }
    }
}
