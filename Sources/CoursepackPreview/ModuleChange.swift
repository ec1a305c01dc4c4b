/// What a batch of changed files means for the preview.
enum ModuleChange: Equatable {
    /// Pages whose file changed, appeared or went (`pages/<id>.md`): each is read and rendered again on
    /// its own.
    case pages(Set<String>)
    /// module.yaml, the string tables or the media changed, or the folder itself: everything depends on
    /// them, so the module is loaded and rendered again.
    case module
    /// Nothing the module is made of (an editor's backup, a file in another folder).
    case nothing

    /// The change `paths` (relative to the module folder) amount to.
    static func of(_ paths: Set<String>) -> ModuleChange {
        var pages: Set<String> = []
        for path in paths {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path == "." || path == "module.yaml" || parts.first == "locales" || parts.first == "media" {
                return .module
            }
            if parts.count == 1, parts[0] == "pages" { return .module }
            if parts.count == 2, parts[0] == "pages", parts[1].hasSuffix(".md"), !parts[1].hasPrefix(".") {
                pages.insert(String(parts[1].dropLast(3)))
            }
        }
        return pages.isEmpty ? .nothing : .pages(pages)
    }
}
