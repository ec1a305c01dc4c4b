import Foundation

/// What changed between two versions of a package, for the release note a partner's IT needs: pages,
/// strings per locale and media added, removed or changed, and the other files that differ.
public struct PackageDiff: Sendable, Codable {
    public struct Changes: Sendable, Codable, Equatable {
        public var added: [String] = []
        public var removed: [String] = []
        public var changed: [String] = []
        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

        /// Compares two maps from a name to something that identifies its content.
        static func between(_ old: [String: String], _ new: [String: String]) -> Changes {
            var changes = Changes()
            for (key, value) in new {
                if let previous = old[key] { if previous != value { changes.changed.append(key) } } else { changes.added.append(key) }
            }
            changes.removed = old.keys.filter { new[$0] == nil }
            changes.added.sort(); changes.removed.sort(); changes.changed.sort()
            return changes
        }
    }

    public struct Side: Sendable, Codable {
        public let file: String
        public let id: String?
        public let version: String?
        public let target: String?
    }

    public let old: Side
    public let new: Side
    public let pages: Changes
    /// Per locale carried by both packages.
    public let strings: [String: Changes]
    public let locales: Changes
    public let media: Changes
    /// Every other file (documents, manifests, the player).
    public let otherFiles: Changes
    public let notes: [String]
    /// Kind, edition and launchable units, from the manifests of any tool's packages.
    public let structure: StructureDiff

    public static func compare(old oldURL: URL, oldDisplay: String, new newURL: URL, newDisplay: String) throws(ReadFailure) -> PackageDiff {
        var options = ZipReader.Options()
        options.keep = PackageVerification.isDescriptor
        options.hashing = true
        let oldArchive = try PackageReader.read(oldURL, options: options)
        let newArchive = try PackageReader.read(newURL, options: options)
        var checks = PackageVerification.Options()
        checks.scanNetwork = false
        let structure = StructureDiff.between(PackageVerification.check(oldArchive, displayPath: oldDisplay, options: checks).shape,
                                              PackageVerification.check(newArchive, displayPath: newDisplay, options: checks).shape)
        let oldManifest = oldArchive.contents[PackageManifest.fileName].flatMap { try? PackageManifest.decode($0) }
        let newManifest = newArchive.contents[PackageManifest.fileName].flatMap { try? PackageManifest.decode($0) }
        var notes: [String] = []
        if oldManifest == nil || newManifest == nil {
            notes.append("pages and strings are compared only between packages made by coursepack (with coursepack.json); structure and files are compared in any case")
        }
        if let oldManifest, let newManifest, oldManifest.id != newManifest.id {
            notes.append("these are two different modules (\(oldManifest.id), \(newManifest.id))")
        }
        if let oldManifest, let newManifest, oldManifest.target != newManifest.target {
            notes.append("the targets differ (\(oldManifest.target), \(newManifest.target)): the manifests differ for that reason too")
        }
        let ignored: Set<String> = [PackageManifest.fileName, PackageSignature.fileName]
        func files(_ archive: PackageArchive, media: Bool) -> [String: String] {
            var result: [String: String] = [:]
            for entry in archive.entries where !ignored.contains(entry.path) && entry.path.hasPrefix("media/") == media {
                result[entry.path] = entry.sha256
            }
            return result
        }
        func pages(_ manifest: PackageManifest?) -> [String: String] {
            Dictionary(manifest?.pages.map { ($0.id, $0.sha256) } ?? [], uniquingKeysWith: { first, _ in first })
        }
        var strings: [String: Changes] = [:]
        for (locale, newStrings) in newManifest?.strings ?? [:] {
            guard let oldStrings = oldManifest?.strings[locale] else { continue }
            strings[locale] = Changes.between(oldStrings, newStrings)
        }
        func localeTags(_ manifest: PackageManifest?) -> [String: String] {
            Dictionary(manifest?.locales.map { ($0.tag, $0.tag) } ?? [], uniquingKeysWith: { first, _ in first })
        }
        return PackageDiff(
            old: Side(file: oldDisplay, id: oldManifest?.id, version: oldManifest?.version, target: oldManifest?.target),
            new: Side(file: newDisplay, id: newManifest?.id, version: newManifest?.version, target: newManifest?.target),
            pages: Changes.between(pages(oldManifest), pages(newManifest)), strings: strings,
            locales: Changes.between(localeTags(oldManifest), localeTags(newManifest)),
            media: Changes.between(files(oldArchive, media: true), files(newArchive, media: true)),
            otherFiles: Changes.between(files(oldArchive, media: false), files(newArchive, media: false)), notes: notes,
            structure: structure)
    }

    public var isEmpty: Bool {
        structure.isEmpty && pages.isEmpty && locales.isEmpty && media.isEmpty && otherFiles.isEmpty && strings.values.allSatisfy(\.isEmpty)
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }

    /// Lists of names longer than this are shortened in the text report (the JSON has them all).
    static let listLimit = 20

    public var text: String { textLines.joined(separator: "\n") + "\n" }

    /// The text report line by line: a line feed inside a line comes from a value of the packages, which
    /// a terminal printer escapes rather than starting a line with it.
    public var textLines: [String] {
        func name(_ side: Side) -> String {
            guard let id = side.id else { return side.file }
            return "\(id) \(side.version ?? "?")"
        }
        var lines = ["\(name(old)) -> \(name(new))\(new.target.map { " (\($0))" } ?? "")"]
        for note in notes { lines.append("note: \(note)") }
        if isEmpty { lines.append("no differences"); return lines }
        lines += structure.lines
        Self.section("pages", pages, into: &lines)
        Self.section("locales", locales, into: &lines)
        for locale in strings.keys.sorted() {
            guard let changes = strings[locale], !changes.isEmpty else { continue }
            Self.section("strings (\(locale))", changes, into: &lines)
        }
        Self.section("media", media, into: &lines)
        Self.section("other files", otherFiles, into: &lines)
        return lines
    }

    private static func section(_ title: String, _ changes: Changes, into lines: inout [String]) {
        guard !changes.isEmpty else { return }
        let counts = [("added", changes.added.count), ("removed", changes.removed.count), ("changed", changes.changed.count)]
            .filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
        lines.append("\(title): \(counts)")
        for (mark, names) in [("+", changes.added), ("-", changes.removed), ("~", changes.changed)] {
            for name in names.prefix(listLimit) { lines.append("  \(mark) \(name)") }
            if names.count > listLimit { lines.append("  \(mark) ... and \(names.count - listLimit) more (--format json lists them all)") }
        }
    }
}
