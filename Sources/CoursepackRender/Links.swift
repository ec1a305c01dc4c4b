/// The ids of the elements that links can point at, and how a link written in a page (or in a
/// component's Markdown) becomes a link in the one-document-per-locale output.
struct ModuleLinks: Sendable {
    /// By page id: each heading's GitHub-style anchor (as the author links to it) to its element id.
    var anchors: [String: [String: String]]

    static func sectionID(_ page: String) -> String { "page-" + page }
    static func titleID(_ page: String) -> String { "page-" + page + "-title" }
    /// A double hyphen keeps heading ids apart from `page-<id>-title`: page ids never hold one.
    static func headingID(_ page: String, anchor: String) -> String {
        "page-" + page + "--" + (anchor.isEmpty ? "section" : anchor)
    }

    enum Target: Sendable, Equatable {
        /// An element of the same document: `#page-03-health--pharmacies`.
        case anchor(String)
        /// A file of the module's media folder, with the fragment written after it, if any.
        case media(path: String, suffix: String)
        /// A web address, e-mail or telephone link that the author wrote: kept as written.
        case external(String)
        /// Nothing a learner can follow (a script URL, a path outside the module): the text stays, the link goes.
        case none
    }

    /// Where a link written on `page` leads. Page paths are relative to `pages/` (`03-health.md`,
    /// `../media/form.pdf`), as on GitHub.
    func target(of destination: String, onPage page: String) -> Target {
        let destination = destination.trimmingCharacters(in: .whitespaces)
        guard !destination.isEmpty else { return .none }
        if destination.hasPrefix("//") { return .external(destination) }
        if let scheme = Self.scheme(of: destination) {
            return Self.followableSchemes.contains(scheme) ? .external(destination) : .none
        }
        let fragmentStart = destination.firstIndex(where: { $0 == "#" || $0 == "?" })
        let path = fragmentStart.map { String(destination[..<$0]) } ?? destination
        let suffix = fragmentStart.map { String(destination[$0...]) } ?? ""
        let fragment = suffix.hasPrefix("#") ? String(suffix.dropFirst()) : ""
        if path.isEmpty { return .anchor(anchor(fragment, onPage: page)) }
        guard let resolved = Self.resolve(path, from: "pages") else { return .none }
        if resolved.hasPrefix("pages/"), resolved.hasSuffix(".md") {
            let target = String(resolved.dropFirst("pages/".count).dropLast(".md".count))
            guard anchors[target] != nil else { return .none }
            return .anchor(anchor(fragment, onPage: target))
        }
        if resolved.hasPrefix("media/") { return .media(path: resolved, suffix: suffix) }
        return .none
    }

    /// The element a fragment names on a page; the page itself for none or an unknown one.
    private func anchor(_ fragment: String, onPage page: String) -> String {
        guard !fragment.isEmpty, let id = anchors[page]?[fragment] else { return Self.sectionID(page) }
        return id
    }

    static let followableSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    static func scheme(of destination: String) -> String? {
        guard let colon = destination.firstIndex(of: ":") else { return nil }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        return scheme.lowercased()
    }

    /// A relative path resolved against a folder of the module; nil when it leaves the module.
    static func resolve(_ path: String, from folder: String) -> String? {
        guard !path.hasPrefix("/"), !path.contains("\\") else { return nil }
        var parts = folder.split(separator: "/").map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
