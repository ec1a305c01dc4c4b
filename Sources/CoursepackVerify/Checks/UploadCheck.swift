import Foundation

/// The checks an LMS applies when a package is uploaded, and a few it should: the manifest at the zip's
/// root (not in a folder), a schemaversion it knows, identifiers that resolve, every file the manifest
/// names present, a launch file. Schemas cannot see these rules (../shared/xsd/README.md).
public enum UploadCheck {
    public struct Result: Sendable {
        public let kind: PackageKind
        /// The file an LMS or a browser opens first.
        public let launch: String?
        public let findings: [PackageFinding]
    }

    /// The manifests and descriptors a check needs in memory.
    public static func needsContents(_ path: String) -> Bool {
        ["imsmanifest.xml", "cmi5.xml", PackageManifest.fileName, PackageSignature.fileName].contains(path)
    }

    public static func check(_ archive: PackageArchive) -> Result {
        let paths = Set(archive.entries.map(\.path))
        if let manifest = archive.contents["imsmanifest.xml"] { return checkSCORM(manifest, paths: paths) }
        if let structure = archive.contents["cmi5.xml"] { return checkCMI5(structure, paths: paths) }
        var findings: [PackageFinding] = []
        if let nested = archive.entries.first(where: { $0.path.hasSuffix("/imsmanifest.xml") || $0.path.hasSuffix("/cmi5.xml") }) {
            findings.append(PackageFinding(.error, "the manifest is in a folder (\(nested.path)); LMSs look for it only at the root of the zip: zip the folder's contents, not the folder",
                                           file: nested.path))
            return Result(kind: .unknown, launch: nil, findings: findings)
        }
        if paths.contains("index.html") { return Result(kind: .web, launch: "index.html", findings: []) }
        findings.append(PackageFinding(.error, "no imsmanifest.xml, cmi5.xml or index.html at the root of the zip: not a package an LMS or a browser can open"))
        return Result(kind: .unknown, launch: nil, findings: findings)
    }

    static let scorm2004Versions: Set<String> = ["CAM 1.3", "2004 3rd Edition", "2004 4th Edition"]

    private static func checkSCORM(_ data: Data, paths: Set<String>) -> Result {
        let file = "imsmanifest.xml"
        let root: XMLTree
        do { root = try XMLTree.parse(data, file: file) } catch {
            return Result(kind: .unknown, launch: nil, findings: [PackageFinding(.error, error.description, file: file, line: error.line)])
        }
        var findings: [PackageFinding] = []
        func error(_ message: String, _ node: XMLTree) { findings.append(PackageFinding(.error, message, file: file, line: node.line)) }
        guard root.name == "manifest" else {
            error("the root element is <\(root.name)>, not <manifest>", root)
            return Result(kind: .unknown, launch: nil, findings: findings)
        }
        var kind = PackageKind.scorm12
        if let version = root.child("metadata")?.child("schemaversion") {
            if version.text == "1.2" { kind = .scorm12 } else if scorm2004Versions.contains(version.text) { kind = .scorm2004 } else {
                error("schemaversion '\(version.text)' is not one an LMS knows (1.2, CAM 1.3, 2004 3rd Edition, 2004 4th Edition)", version)
            }
        } else {
            findings.append(PackageFinding(.warning, "no <schemaversion> in <metadata>: LMSs will assume SCORM 1.2", file: file, line: root.line))
        }
        if (root.attribute("identifier") ?? "").isEmpty { error("<manifest> has no identifier", root) }

        var identifiers: [String: Int] = [:]
        for node in [root] + root.descendants("organization") + root.descendants("item") + root.descendants("resource") {
            guard let identifier = node.attribute("identifier") else { continue }
            if let first = identifiers[identifier] {
                error("the identifier '\(identifier)' is used twice (first on line \(first))", node)
            }
            identifiers[identifier] = node.line
        }
        let resources = root.child("resources")?.children("resource") ?? []
        let resourceIDs = Set(resources.compactMap { $0.attribute("identifier") })
        let organizations = root.child("organizations")
        let organizationList = organizations?.children("organization") ?? []
        if organizationList.isEmpty { error("the manifest has no <organization>: there is nothing to launch", organizations ?? root) }
        if let organizations, let defaultID = organizations.attribute("default"),
           !organizationList.contains(where: { $0.attribute("identifier") == defaultID }) {
            error("organizations default='\(defaultID)' names no organization", organizations)
        }
        var launch: String?
        for item in root.descendants("item") {
            guard let reference = item.attribute("identifierref") else { continue }
            guard let resource = resources.first(where: { $0.attribute("identifier") == reference }) else {
                error("item '\(item.attribute("identifier") ?? "")' refers to the resource '\(reference)', which does not exist", item)
                continue
            }
            guard let href = resource.attribute("href") else {
                error("the resource '\(reference)' that an item launches has no href", resource)
                continue
            }
            if launch == nil { launch = Self.filePath(href, base: resource.base) }
        }
        if launch == nil && findings.isEmpty { error("no item launches a resource: an LMS has nothing to open", root) }
        for resource in resources {
            let base = resource.base
            if let href = resource.attribute("href") { checkFile(href, base: base, paths: paths, node: resource, into: &findings) }
            for fileNode in resource.children("file") {
                if let href = fileNode.attribute("href") { checkFile(href, base: base, paths: paths, node: fileNode, into: &findings) }
            }
            for dependency in resource.children("dependency") {
                if let reference = dependency.attribute("identifierref"), !resourceIDs.contains(reference) {
                    error("a dependency refers to the resource '\(reference)', which does not exist", dependency)
                }
            }
            if let type = resource.attribute(localName: "scormtype")?.value, type != "sco", type != "asset" {
                error("scormType '\(type)' must be 'sco' or 'asset'", resource)
            }
        }
        return Result(kind: kind, launch: launch, findings: findings)
    }

    private static func checkFile(_ href: String, base: String?, paths: Set<String>, node: XMLTree, into findings: inout [PackageFinding]) {
        if NetworkReferences.isNetwork(href) {
            findings.append(PackageFinding(.error, "'\(href)' is on the network; a package must carry its files", file: "imsmanifest.xml", line: node.line))
            return
        }
        guard let path = filePath(href, base: base) else { return }
        if !paths.contains(path) {
            findings.append(PackageFinding(.error, "'\(href)' is named in the manifest but is not in the zip", file: "imsmanifest.xml", line: node.line))
        }
    }

    /// The package path an href names: the base prepended, query and fragment dropped, percent-decoded.
    static func filePath(_ href: String, base: String?) -> String? {
        var path = Substring(href)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        let joined = (base ?? "") + path
        return joined.removingPercentEncoding ?? joined
    }

    private static func checkCMI5(_ data: Data, paths: Set<String>) -> Result {
        let file = "cmi5.xml"
        let root: XMLTree
        do { root = try XMLTree.parse(data, file: file) } catch {
            return Result(kind: .unknown, launch: nil, findings: [PackageFinding(.error, error.description, file: file, line: error.line)])
        }
        var findings: [PackageFinding] = []
        func error(_ message: String, _ node: XMLTree) { findings.append(PackageFinding(.error, message, file: file, line: node.line)) }
        guard root.name == "courseStructure" else {
            error("the root element is <\(root.name)>, not <courseStructure>", root)
            return Result(kind: .unknown, launch: nil, findings: findings)
        }
        if root.child("course")?.attribute("id")?.isEmpty != false { error("<course> needs an id", root) }
        let units = root.descendants("au")
        if units.isEmpty { error("the course has no <au>: there is nothing to launch", root) }
        var launch: String?
        let moveOnValues: Set<String> = ["Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"]
        for unit in units {
            if let moveOn = unit.attribute("moveOn"), !moveOnValues.contains(moveOn) { error("moveOn '\(moveOn)' is not a cmi5 value", unit) }
            if let mastery = unit.attribute("masteryScore"), !(Double(mastery).map { (0...1).contains($0) } ?? false) {
                error("masteryScore '\(mastery)' must be a decimal from 0 to 1", unit)
            }
            guard let url = unit.child("url")?.text, !url.isEmpty else { error("an <au> has no <url>", unit); continue }
            if NetworkReferences.isNetwork(url) {
                findings.append(PackageFinding(.warning, "the AU is launched from '\(url)', outside the package", file: file, line: unit.line))
                continue
            }
            guard let path = filePath(url, base: nil) else { continue }
            if launch == nil { launch = path }
            if !paths.contains(path) { error("the AU's url '\(url)' is not in the zip", unit) }
        }
        return Result(kind: .cmi5, launch: launch, findings: findings)
    }
}
