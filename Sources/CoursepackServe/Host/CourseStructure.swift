import CoursepackVerify
import Foundation

/// What the host needs of an installed package's manifest to launch it: its table of contents and, for
/// each thing a learner opens, the launch path and the values the LMS hands to it. `verify` has already
/// accepted the package; this reads the installed copy again for the parts verify does not keep.
public struct CourseStructure: Sendable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var title: String
        /// Nesting in the organization (0 = top level), for the table of contents.
        public var depth: Int
        /// nil for an item that only groups others.
        public var launch: String?
        public var kind: RuntimeKind
        /// SCORM: adlcp:dataFromLMS; cmi5: launchParameters.
        public var launchData: String?
        /// SCORM 1.2 adlcp:masteryscore (0 to 100).
        public var masteryScore: String?
        /// SCORM 2004 imsss:minNormalizedMeasure when satisfiedByMeasure; cmi5 masteryScore (0 to 1).
        public var scaledPassingScore: String?
        public var completionThreshold: String?
        public var maxTimeAllowed: String?
        public var timeLimitAction: String?
        /// cmi5: Passed, Completed, CompletedAndPassed, CompletedOrPassed, NotApplicable.
        public var moveOn: String?
        /// cmi5: titles by language tag.
        public var titles: [String: String] = [:]
    }

    public var kind: PackageType
    public var title: String
    public var entries: [Entry]
    /// cmi5: the course's id (the parent of every AU's activity).
    public var courseID: String?
    /// SCORM 2004 sequencing beyond what this host applies (rules, limits, rollup rules, selection):
    /// the SCOs are offered in order and by choice, and the catalog says so.
    public var needsFullSequencing: Bool

    public var launchables: [Entry] { entries.filter { $0.launch != nil } }

    /// Reads `imsmanifest.xml` or `cmi5.xml` from an installed package's folder.
    public static func read(folder: URL) throws -> CourseStructure {
        let cmi5 = folder.appendingPathComponent("cmi5.xml")
        let manifest = folder.appendingPathComponent("imsmanifest.xml")
        if FileManager.default.fileExists(atPath: manifest.path) {
            let root = try XMLTree.parse(try Data(contentsOf: manifest), file: "imsmanifest.xml")
            return scorm(root)
        }
        if FileManager.default.fileExists(atPath: cmi5.path) {
            let root = try XMLTree.parse(try Data(contentsOf: cmi5), file: "cmi5.xml")
            return cmi5Course(root)
        }
        throw StoreRefusal("the package has neither imsmanifest.xml nor cmi5.xml: the host cannot launch it")
    }

    static func scorm(_ root: XMLTree) -> CourseStructure {
        let schemaVersion = root.descendants("schemaversion").first?.text.trimmingCharacters(in: .whitespaces) ?? ""
        let is2004 = schemaVersion.hasPrefix("2004") || schemaVersion.hasPrefix("CAM")
            || (schemaVersion != "1.2" && !root.descendants("sequencing").isEmpty)
        let kind: RuntimeKind = is2004 ? .scorm2004 : .scorm12
        var resources: [String: (XMLTree, [String?])] = [:]
        if let list = root.child("resources") {
            for resource in list.children("resource") {
                if let id = resource.attribute("identifier") {
                    resources[id.trimmingCharacters(in: .whitespaces)] = (resource, [root.base, list.base, resource.base])
                }
            }
        }
        let organizations = root.child("organizations")
        let all = organizations?.children("organization") ?? []
        let wanted = organizations?.attribute("default")?.trimmingCharacters(in: .whitespaces)
        let organization = all.first { $0.attribute("identifier")?.trimmingCharacters(in: .whitespaces) == wanted } ?? all.first
        var entries: [Entry] = []
        func visit(_ item: XMLTree, depth: Int) {
            var entry = Entry(id: item.attribute("identifier")?.trimmingCharacters(in: .whitespaces) ?? "", title: item.child("title")?.text ?? "",
                              depth: depth, launch: nil, kind: kind)
            if let reference = item.attribute("identifierref")?.trimmingCharacters(in: .whitespaces), let (resource, bases) = resources[reference],
               let href = resource.attribute("href") {
                let parameters = item.attribute("parameters") ?? ""
                entry.launch = launchPath(href: href, bases: bases, parameters: parameters)
            }
            entry.launchData = item.child("dataFromLMS")?.text ?? item.child("datafromlms")?.text
            entry.masteryScore = item.child("masteryscore")?.text.trimmingCharacters(in: .whitespaces)
            entry.completionThreshold = item.child("completionThreshold").map { $0.attribute("minProgressMeasure") ?? $0.text }
                .map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            entry.timeLimitAction = item.child("timeLimitAction")?.text
            entry.maxTimeAllowed = item.child("maxtimeallowed")?.text
            if let objective = item.child("sequencing")?.child("objectives")?.child("primaryObjective"),
               objective.attribute("satisfiedByMeasure") == "true" {
                entry.scaledPassingScore = objective.child("minNormalizedMeasure")?.text.trimmingCharacters(in: .whitespaces) ?? "1.0"
            }
            entries.append(entry)
            for child in item.children("item") { visit(child, depth: depth + 1) }
        }
        for item in organization?.children("item") ?? [] { visit(item, depth: 0) }
        // Sequencing this host does not carry out: it would change which SCO may be opened when.
        let unsupported: Set<String> = ["sequencingRules", "limitConditions", "rollupRules", "randomizationControls", "selectionControls",
                                        "constrainedChoiceConsiderations"]
        var needs = false
        SCORMWalk.walk(root) { node in
            if unsupported.contains(node.name) { needs = true }
            if node.name == "controlMode", node.attribute("choice") == "false" || node.attribute("flow") == "true" && node.attribute("choice") == "false" {
                needs = true
            }
        }
        return CourseStructure(kind: is2004 ? .scorm2004 : .scorm12, title: organization?.child("title")?.text ?? entries.first?.title ?? "",
                               entries: entries, courseID: nil, needsFullSequencing: needs)
    }

    static func cmi5Course(_ root: XMLTree) -> CourseStructure {
        let course = root.child("course")
        func titles(_ node: XMLTree?) -> [String: String] {
            var found: [String: String] = [:]
            for string in node?.child("title")?.children("langstring") ?? [] {
                found[(string.attribute("lang") ?? "").lowercased()] = string.text
            }
            return found
        }
        var entries: [Entry] = []
        func visit(_ node: XMLTree, depth: Int) {
            for child in node.children {
                switch child.name {
                case "block":
                    let names = titles(child)
                    entries.append(Entry(id: child.attribute("id") ?? "", title: names.values.sorted().first ?? "", depth: depth, launch: nil,
                                         kind: .cmi5, titles: names))
                    visit(child, depth: depth + 1)
                case "au":
                    let names = titles(child)
                    var entry = Entry(id: child.attribute("id")?.trimmingCharacters(in: .whitespaces) ?? "", title: names["en"] ?? names.values.sorted().first ?? "",
                                      depth: depth, launch: child.child("url")?.text.trimmingCharacters(in: .whitespacesAndNewlines), kind: .cmi5)
                    entry.titles = names
                    entry.moveOn = child.attribute("moveOn") ?? "NotApplicable"
                    entry.scaledPassingScore = child.attribute("masteryScore")
                    entry.launchData = child.child("launchParameters")?.text
                    entries.append(entry)
                default: break
                }
            }
        }
        visit(root, depth: 0)
        let names = titles(course)
        return CourseStructure(kind: .cmi5, title: names["en"] ?? names.values.sorted().first ?? "", entries: entries,
                               courseID: course?.attribute("id"), needsFullSequencing: false)
    }

    /// The href against its xml:base chain, with the item's parameters appended (SCORM CAM 3.4.1.11:
    /// a leading '?' or '#' joins, otherwise '&' after an existing query).
    static func launchPath(href: String, bases: [String?], parameters: String) -> String {
        var path = ""
        for case let base? in bases {
            let trimmed = base.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            path = trimmed.hasPrefix("/") ? String(trimmed.dropFirst()) : path + trimmed
            if !path.hasSuffix("/") { path += "/" }
        }
        path += href.trimmingCharacters(in: .whitespacesAndNewlines)
        var extra = parameters.trimmingCharacters(in: .whitespaces)
        if extra.isEmpty { return path }
        if extra.hasPrefix("?") || extra.hasPrefix("&") { extra.removeFirst() }
        if extra.hasPrefix("#") { return path + extra }
        return path + (path.contains("?") ? "&" : "?") + extra
    }
}

enum SCORMWalk {
    static func walk(_ node: XMLTree, _ visit: (XMLTree) -> Void) {
        visit(node)
        for child in node.children { walk(child, visit) }
    }
}
