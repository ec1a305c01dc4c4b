/// What changed in a package's structure between two versions, whichever tool made them: kind and
/// edition, and the SCOs, assets or AUs (by the identifier an LMS keys learners' records on) added,
/// removed, renamed or re-identified, with what that does to those records.
public struct StructureDiff: Sendable, Codable, Equatable {
    public struct Renamed: Sendable, Codable, Equatable {
        public let id: String
        public let oldTitle: String
        public let newTitle: String
    }

    public struct Reidentified: Sendable, Codable, Equatable {
        public let oldID: String
        public let newID: String
        public let title: String
    }

    public let oldKind: String
    public let newKind: String
    public var added: [Launchable] = []
    public var removed: [Launchable] = []
    /// Same identifier, another title: records are kept.
    public var renamed: [Renamed] = []
    /// Same identifier, another launch file.
    public var relaunched: [String] = []
    /// Another identifier for what looks like the same unit (same title or launch file): to an LMS it
    /// is a new unit, and learners' records of the old one no longer apply.
    public var reidentified: [Reidentified] = []

    public var isEmpty: Bool {
        oldKind == newKind && added.isEmpty && removed.isEmpty && renamed.isEmpty && relaunched.isEmpty && reidentified.isEmpty
    }

    public static func between(_ old: PackageShape, _ new: PackageShape) -> StructureDiff {
        var diff = StructureDiff(oldKind: old.edition, newKind: new.edition)
        let oldByID = Dictionary(old.launchables.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newByID = Dictionary(new.launchables.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var removed = old.launchables.filter { newByID[$0.id] == nil }
        var added = new.launchables.filter { oldByID[$0.id] == nil }
        for unit in new.launchables {
            guard let before = oldByID[unit.id] else { continue }
            if before.title != unit.title { diff.renamed.append(Renamed(id: unit.id, oldTitle: before.title, newTitle: unit.title)) }
            if before.launch != unit.launch { diff.relaunched.append(unit.id) }
        }
        for unit in added {
            guard let match = removed.firstIndex(where: { ($0.title == unit.title && !unit.title.isEmpty) || ($0.launch != nil && $0.launch == unit.launch) })
            else { continue }
            diff.reidentified.append(Reidentified(oldID: removed[match].id, newID: unit.id, title: unit.title))
            removed.remove(at: match)
            added.removeAll { $0.id == unit.id }
        }
        diff.added = added
        diff.removed = removed
        return diff
    }

    /// The text report's lines.
    public var lines: [String] {
        var lines: [String] = []
        if oldKind != newKind { lines.append("kind: \(oldKind) -> \(newKind): an LMS will treat it as a new package; learners start again") }
        func unit(_ launchable: Launchable) -> String {
            "\(launchable.kind) \(EntryPath.printable(launchable.id))\(launchable.title.isEmpty ? "" : ": \(EntryPath.printable(launchable.title))")"
        }
        if !removed.isEmpty {
            lines.append("units removed: \(removed.count): learners' records for them are left without a unit; a course completed through them may no longer count as complete")
            for launchable in removed.prefix(PackageDiff.listLimit) { lines.append("  - \(unit(launchable))") }
            if removed.count > PackageDiff.listLimit { lines.append("  - ... and \(removed.count - PackageDiff.listLimit) more") }
        }
        if !added.isEmpty {
            lines.append("units added: \(added.count): learners who finished the course have not attempted them; completion may be reopened")
            for launchable in added.prefix(PackageDiff.listLimit) { lines.append("  + \(unit(launchable))") }
            if added.count > PackageDiff.listLimit { lines.append("  + ... and \(added.count - PackageDiff.listLimit) more") }
        }
        if !reidentified.isEmpty {
            lines.append("units re-identified: \(reidentified.count): same unit, new identifier; LMSs key records on the identifier, so learners' progress in them is lost")
            for change in reidentified.prefix(PackageDiff.listLimit) {
                lines.append("  ~ \(EntryPath.printable(change.oldID)) -> \(EntryPath.printable(change.newID)): \(EntryPath.printable(change.title))")
            }
        }
        if !renamed.isEmpty {
            lines.append("units renamed: \(renamed.count): titles only; records are kept")
            for change in renamed.prefix(PackageDiff.listLimit) {
                lines.append("  ~ \(EntryPath.printable(change.id)): \(EntryPath.printable(change.oldTitle)) -> \(EntryPath.printable(change.newTitle))")
            }
        }
        if !relaunched.isEmpty {
            lines.append("units launching another file: \(relaunched.count): records are kept; suspend data written by the old version may not fit the new one")
            for id in relaunched.prefix(PackageDiff.listLimit) { lines.append("  ~ \(EntryPath.printable(id))") }
        }
        return lines
    }
}
