import Foundation

/// Lists the files of a module folder, never leaving the module's boundary and never walking a folder
/// twice: a link back to a folder on the way (`media/a -> .`) is a loop, reported; a folder reached
/// again through another link is not walked again, so two such links cannot make the walk exponential.
enum FolderWalk {
    /// Module-relative paths of the regular files under `folder`, sorted. Refused entries (links out of
    /// the boundary, loops, named pipes and devices, broken links, missing permission) become
    /// diagnostics and are left out.
    static func files(in root: URL, under folder: String, recursive: Bool, boundary: ModuleBoundary,
                      diagnostics: inout [Diagnostic]) -> [String] {
        var found: [String] = []
        var walked: Set<String> = []
        switch boundary.check(folder, in: root) {
        case .success((.folder, let real)):
            walk(root: root, relative: folder, real: real, recursive: recursive, boundary: boundary,
                 walked: &walked, found: &found, diagnostics: &diagnostics)
        case .success((.file, _)):
            break
        case .failure(.unreadable):
            break  // No `pages/` or `media/` folder: the checker says what is missing.
        case .failure(let refusal):
            diagnostics.append(ModuleBoundary.diagnostic(refusal, at: folder))
        }
        return found.sorted()
    }

    private static func walk(root: URL, relative: String, real: String, recursive: Bool, boundary: ModuleBoundary,
                             walked: inout Set<String>,
                             found: inout [String], diagnostics: inout [Diagnostic]) {
        guard walked.insert(real).inserted else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: real) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = relative + "/" + name
            switch boundary.check(name, inRealFolder: real) {
            case .success((.file, _)):
                found.append(child)
            case .success((.folder, let childReal)):
                guard recursive else { continue }
                // A link to this folder or to any folder that holds it (`.`, `..`, the module itself).
                if real == childReal || real.hasPrefix(childReal == "/" ? "/" : childReal + "/") {
                    diagnostics.append(ModuleBoundary.diagnostic(.unreadable("a symbolic link loop (it leads back to a folder that holds it)"), at: child))
                    continue
                }
                walk(root: root, relative: child, real: childReal, recursive: true, boundary: boundary,
                     walked: &walked, found: &found, diagnostics: &diagnostics)
            case .failure(let refusal):
                diagnostics.append(ModuleBoundary.diagnostic(refusal, at: child))
            }
        }
    }
}
