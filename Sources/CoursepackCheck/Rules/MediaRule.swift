import Foundation
import CoursepackLoad

/// Every media file the module names must exist (a missing one is a blank in every package), and
/// every file in `media/` should be used (an unused one makes every package bigger for nothing).
struct MediaRule: ModuleRule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        let present = Set(context.module.mediaFiles)
        var used: Set<String> = []
        var diagnostics: [Diagnostic] = []

        func reference(_ path: String, at location: SourceLocation, written: String) {
            if present.contains(path) {
                used.insert(path)
            } else if !path.hasPrefix("media/") && fileExists(path, in: context) {
                // A file outside media/ (rare, but not ours to forbid here).
            } else {
                let suggestion = Spelling.closest(to: path, among: Array(present))
                diagnostics.append(Diagnostic(.missingMedia, at: location,
                                              "the file '\(written)' does not exist"
                                                + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                                              hint: "add the file under media/, or correct the path (paths are case-sensitive)"))
            }
        }

        for page in context.module.pages {
            for link in page.outline.links {
                if case .file(let path) = ModuleReference.markdownLink(link.destination) {
                    reference(path, at: link.location, written: link.destination)
                }
            }
            for component in page.components {
                for field in MediaRule.mediaFields(of: component) {
                    guard let path = field.string else { continue }
                    reference(ModuleReference.normalize(path), at: field.location, written: path)
                }
            }
        }
        for file in context.module.mediaFiles where !used.contains(file) {
            diagnostics.append(Diagnostic(.unusedMedia, at: SourceLocation(file: file),
                                          "this media file is not used by any page",
                                          hint: "delete it, or use it in a component or a link; unused files still go into every package"))
        }
        return diagnostics
    }

    /// The fields of a component that name a media file.
    static func mediaFields(of component: Component) -> [SourceValue] {
        guard let body = component.body else { return [] }
        var fields = ["src", "poster", "transcript_src"].compactMap { body[$0] }
        for track in body["captions"]?.array ?? [] {
            if let src = track["src"] { fields.append(src) }
        }
        return fields
    }

    private func fileExists(_ path: String, in context: CheckContext) -> Bool {
        guard !path.hasPrefix("..") else { return false }
        return FileManager.default.fileExists(atPath: context.module.root.appendingPathComponent(path).path)
    }
}
