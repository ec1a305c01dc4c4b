import Foundation

/// Lists the files of a module folder without ever following a symbolic link into a loop.
enum FolderWalk {
    /// Module-relative paths of the regular files under `folder`, sorted. Unreadable entries (broken
    /// links, link loops, missing permission) become diagnostics and are left out.
    static func files(in root: URL, under folder: String, recursive: Bool, diagnostics: inout [Diagnostic]) -> [String] {
        var found: [String] = []
        var visited: Set<String> = []
        walk(root: root, relative: folder, recursive: recursive, visited: &visited, found: &found, diagnostics: &diagnostics)
        return found.sorted()
    }

    private static func walk(root: URL, relative: String, recursive: Bool, visited: inout Set<String>,
                             found: inout [String], diagnostics: inout [Diagnostic]) {
        let path = root.appendingPathComponent(relative).path
        // A folder reached twice through links is a loop: skip it rather than walking forever.
        let real = (path as NSString).resolvingSymlinksInPath
        guard visited.insert(real).inserted else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = relative + "/" + name
            let childPath = path + "/" + name
            var info = stat()
            guard stat(childPath, &info) == 0 else {
                let reason = errno == ELOOP ? "a symbolic link loop" : (errno == ENOENT ? "a broken symbolic link" : String(cString: strerror(errno)))
                diagnostics.append(Diagnostic(.unreadablePath, at: SourceLocation(file: child),
                                              "this path cannot be read: \(reason)",
                                              hint: "remove the link or point it at a real file"))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                if recursive {
                    walk(root: root, relative: child, recursive: true, visited: &visited, found: &found, diagnostics: &diagnostics)
                }
            } else if info.st_mode & S_IFMT == S_IFREG {
                found.append(child)
            }
        }
    }
}
