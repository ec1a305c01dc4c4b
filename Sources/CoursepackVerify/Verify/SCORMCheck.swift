import Foundation

/// Reads an `imsmanifest.xml` as the SCORM 1.2 and 2004 Content Aggregation Models (and IMS Content
/// Packaging under them) define it: the edition from `schemaversion` or, when it is missing, the
/// namespaces; every required element and attribute; identifiers as `xs:ID` (white space collapsed,
/// unique in the document); references resolved; hrefs resolved through `xml:base` on every level and
/// looked for in the package; the prefixes Moodle reads literally.
enum SCORMCheck {
    static let cp12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    static let cp2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
    static let adlcp12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
    static let adlcp2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
    static let imsss = "http://www.imsglobal.org/xsd/imsss"
    static let adlseq = "http://www.adlnet.org/xsd/adlseq_v1p3"
    static let adlnav = "http://www.adlnet.org/xsd/adlnav_v1p3"
    /// The prefixes Moodle's mod/scorm looks for, by namespace.
    static let literalPrefixes = [adlcp12: "adlcp", adlcp2004: "adlcp", imsss: "imsss", adlseq: "adlseq", adlnav: "adlnav"]

    static let editions = ["1.2": "SCORM 1.2", "CAM 1.3": "SCORM 2004 2nd Edition",
                           "2004 3rd Edition": "SCORM 2004 3rd Edition", "2004 4th Edition": "SCORM 2004 4th Edition"]

    static func check(_ root: XMLTree, file: String, paths: Set<String>) -> KindCheck {
        var result = KindCheck()
        var shape = PackageShape()
        func add(_ rule: VerifyRule, _ message: @autoclosure () -> String, _ node: XMLTree?, key: String? = nil) {
            result.findings.add(rule, message(), file: file, line: node?.line, key: key)
        }
        guard root.name == "manifest" else {
            add(.rootElement, "the root element is <\(root.name)>, not <manifest>", root)
            result.shape.reason = "imsmanifest.xml at the root"
            return result
        }
        let is2004Namespace = root.namespace == cp2004
        if root.namespace != cp12 && root.namespace != cp2004 {
            add(.rootElement, "<manifest> is in the namespace '\(root.namespace ?? "none")', not IMS content packaging's (\(cp12) for SCORM 1.2, \(cp2004) for 2004)", root)
        }
        // The edition.
        let version = root.child("metadata")?.child("schemaversion")
        let stated = version.map { collapsed($0.text) }
        if let stated, let edition = editions[stated] {
            shape.edition = edition
            shape.type = stated == "1.2" ? .scorm12 : .scorm2004
            shape.reason = "schemaversion '\(stated)'"
            if (shape.type == .scorm2004) != is2004Namespace, root.namespace == cp12 || root.namespace == cp2004 {
                add(.schemaversionUnknown, "schemaversion '\(stated)' says \(edition), but the manifest uses the namespaces of \(is2004Namespace ? "SCORM 2004" : "SCORM 1.2")", version)
            }
        } else {
            shape.type = is2004Namespace ? .scorm2004 : .scorm12
            shape.edition = is2004Namespace ? editionFromFeatures(root) : "SCORM 1.2"
            shape.reason = "no known schemaversion; the namespaces are \(is2004Namespace ? "SCORM 2004's" : "SCORM 1.2's")"
            if let stated {
                add(.schemaversionUnknown, "schemaversion '\(stated)' is none of 1.2, CAM 1.3, 2004 3rd Edition, 2004 4th Edition; Moodle reads such a package as SCORM 1.2\(is2004Namespace ? ", and this one is SCORM 2004" : "")", version)
            } else if is2004Namespace {
                add(.schemaversionMissing, "no <schemaversion> in the manifest's <metadata>: SCORM 2004 requires it, and Moodle reads the package as SCORM 1.2", root.child("metadata") ?? root)
            }
        }
        let adlcp = shape.type == .scorm2004 ? adlcp2004 : adlcp12
        shape.identifier = root.attribute("identifier").map(collapsed)

        // Identifiers: xs:ID, unique in the whole document (sub-manifests included).
        var identifiers: [String: Int] = [:]
        var manifests = [root]
        var nextIndex = 0
        while nextIndex < manifests.count {
            manifests += manifests[nextIndex].children("manifest")
            nextIndex += 1
        }
        func identify(_ node: XMLTree, required: Bool) {
            guard let raw = node.attribute("identifier") else {
                if required { add(.requiredMissing, "<\(node.name)> has no identifier attribute", node, key: "identifier-\(node.name)") }
                return
            }
            let value = collapsed(raw)
            guard isNCName(value) else {
                add(.identifierInvalid, "identifier '\(raw)' on <\(node.name)> is not an XML name (it must start with a letter or '_' and hold no spaces or ':')", node, key: "id-\(raw)")
                return
            }
            if let first = identifiers[value] {
                add(.identifierDuplicate, "the identifier '\(value)' is used more than once (first on line \(first))", node, key: "dup-\(value)")
            } else {
                identifiers[value] = node.line
            }
        }
        var resourcesByID: [String: (XMLTree, [String?])] = [:]
        var allItems: [XMLTree] = []
        var organizationsByID: [String: XMLTree] = [:]
        for (position, manifest) in manifests.enumerated() {
            identify(manifest, required: true)
            let outerBases = position == 0 ? [root.base] : [root.base, manifest.base]
            guard let organizations = manifest.child("organizations") else {
                add(.requiredMissing, "<manifest> has no <organizations> element (it may be empty, but it is required)", manifest)
                continue
            }
            for organization in organizations.children("organization") {
                identify(organization, required: true)
                if position == 0 { organizationsByID[collapsed(organization.attribute("identifier") ?? "")] = organization }
                if organization.child("title")?.text.isEmpty != false {
                    add(.titleMissing, "an <organization> has no <title>: SCORM requires one", organization, key: "org-title")
                }
                for item in organization.descendants("item") {
                    identify(item, required: true)
                    allItems.append(item)
                    if item.child("title")?.text.isEmpty != false {
                        add(.titleMissing, "an <item> has no <title>: SCORM requires one", item, key: "item-title")
                    }
                }
            }
            if let resources = manifest.child("resources") {
                for resource in resources.children("resource") {
                    identify(resource, required: true)
                    if (resource.attribute("type") ?? "").isEmpty {
                        add(.requiredMissing, "a <resource> has no type attribute (SCORM uses 'webcontent')", resource, key: "resource-type")
                    }
                    resourcesByID[collapsed(resource.attribute("identifier") ?? "")] = (resource, outerBases + [resources.base, resource.base])
                }
            } else {
                add(.requiredMissing, "<manifest> has no <resources> element (it may be empty, but it is required)", manifest)
            }
        }
        let subManifestIDs = Set(manifests.dropFirst().compactMap { $0.attribute("identifier").map(collapsed) })

        // Organizations and the default.
        let organizations = root.child("organizations")
        let organizationList = organizations?.children("organization") ?? []
        shape.organizations = organizationList.count
        if organizations != nil && organizationList.isEmpty {
            add(.noOrganization, "<organizations> is empty: the package is a resource package, with nothing for a learner to launch", organizations)
        }
        var defaultOrganization = organizationList.first
        if let organizations, let raw = organizations.attribute("default") {
            let wanted = collapsed(raw)
            if let named = organizationsByID[wanted] { defaultOrganization = named } else {
                add(.defaultOrganization, "organizations default='\(raw)' names no organization (Moodle falls back to the first one)", organizations)
            }
        }
        shape.title = defaultOrganization?.child("title")?.text ?? root.child("metadata")?.descendants("title").first.map { $0.text }
        shape.items = allItems.count

        // Items, their resources and launch files.
        var launchables: [Launchable] = []
        var launched = Set<String>()
        for item in allItems {
            guard let raw = item.attribute("identifierref") else { continue }
            let reference = collapsed(raw)
            if subManifestIDs.contains(reference) { continue }
            guard let (resource, bases) = resourcesByID[reference] else {
                add(.danglingReference, "identifierref '\(reference)' names no resource", item, key: "ref-\(reference)")
                continue
            }
            launched.insert(reference)
            let scormType = resource.attribute(shape.type == .scorm2004 ? "scormType" : "scormtype", namespace: adlcp)
                ?? resource.attribute(localName: "scormtype")?.value
            let kind = (scormType ?? "").lowercased() == "sco" ? "sco" : "asset"
            var launch: String?
            if let href = resource.attribute("href") {
                switch PackageHref.resolve(href, bases: bases) {
                case .file(let path):
                    launch = path
                    if !paths.contains(path) {
                        add(.launchMissing, "the launch file '\(path)' (href '\(href)') is not in the package", resource, key: "launch-\(path)")
                    }
                case .network(let url):
                    launch = url
                    add(.remoteHref, "the resource '\(reference)' is launched from '\(url)', outside the package", resource, key: "net-\(url)")
                case .outside(let path):
                    add(.outside, "the href '\(href)' resolves to '\(path)', outside the package", resource, key: "out-\(path)")
                }
            } else {
                add(.launchMissing, "the resource '\(reference)' that an item launches has no href", resource, key: "nohref-\(reference)")
            }
            launchables.append(Launchable(id: collapsed(item.attribute("identifier") ?? ""), title: item.child("title")?.text ?? "",
                                          kind: kind, launch: launch))
        }
        shape.launchables = launchables
        if launchables.isEmpty && !organizationList.isEmpty {
            add(.nothingLaunches, "no item launches a resource: an LMS has nothing to open", organizations)
        }

        // Every resource: scormType, files, dependencies.
        for (id, (resource, bases)) in resourcesByID.sorted(by: { $0.value.0.line < $1.value.0.line }) {
            let typeAttribute = resource.attributes.first { ($0.namespace == adlcp12 || $0.namespace == adlcp2004) && $0.name.lowercased() == "scormtype" }
            if let typeAttribute, typeAttribute.value != "sco" && typeAttribute.value != "asset" {
                add(.scormTypeInvalid, "adlcp:\(typeAttribute.name)='\(typeAttribute.value)' must be 'sco' or 'asset'", resource, key: "type-\(typeAttribute.value)")
            } else if typeAttribute == nil && resource.attribute("href") != nil {
                add(.scormTypeMissing, "the resource '\(id)' has no adlcp:\(shape.type == .scorm2004 ? "scormType" : "scormtype"): SCORM requires 'sco' or 'asset'", resource, key: "notype")
            }
            if !launched.contains(id), let href = resource.attribute("href") {
                switch PackageHref.resolve(href, bases: bases) {
                case .file(let path):
                    if !paths.contains(path) { add(.fileMissing, "'\(path)' (href '\(href)') is named but not in the package", resource, key: "file-\(path)") }
                case .network: break
                case .outside(let path):
                    add(.outside, "the href '\(href)' resolves to '\(path)', outside the package", resource, key: "out-\(path)")
                }
            }
            for fileNode in resource.children("file") {
                guard let href = fileNode.attribute("href"), !href.isEmpty else {
                    add(.requiredMissing, "a <file> has no href", fileNode, key: "file-href")
                    continue
                }
                switch PackageHref.resolve(href, bases: bases) {
                case .file(let path):
                    if !paths.contains(path) { add(.fileMissing, "'\(path)' (href '\(href)') is listed but not in the package", fileNode, key: "file-\(path)") }
                case .network: break
                case .outside(let path):
                    add(.outside, "the href '\(href)' resolves to '\(path)', outside the package", fileNode, key: "out-\(path)")
                }
                if let location = fileNode.child("metadata")?.child("location") { metadata(location, bases: bases) }
            }
            for dependency in resource.children("dependency") {
                guard let raw = dependency.attribute("identifierref") else {
                    add(.requiredMissing, "a <dependency> has no identifierref", dependency, key: "dep-ref")
                    continue
                }
                if resourcesByID[collapsed(raw)] == nil {
                    add(.danglingReference, "a dependency names the resource '\(collapsed(raw))', which does not exist", dependency, key: "ref-\(collapsed(raw))")
                }
            }
        }

        // Metadata in separate files, anywhere in the manifest.
        func metadata(_ location: XMLTree, bases: [String?]) {
            guard location.namespace == adlcp12 || location.namespace == adlcp2004 else { return }
            if case .file(let path) = PackageHref.resolve(location.text, bases: bases) {
                if !shape.metadataFiles.contains(path) { shape.metadataFiles.append(path) }
                if !paths.contains(path) {
                    add(.metadataMissing, "the metadata file '\(path)' is not in the package", location, key: "meta-\(path)")
                }
            }
        }
        for metadataNode in root.descendants("metadata") {
            for location in metadataNode.children("location") where !shape.metadataFiles.contains(location.text) {
                metadata(location, bases: [root.base])
            }
        }

        // Sequencing and the literal prefixes.
        var sequencingIDs = Set<String>()
        var seenPrefixes = Set<String>()
        walk(root) { node in
            if node.namespace == imsss {
                shape.sequencing = true
                if node.name == "sequencing", let id = node.attribute("ID") { sequencingIDs.insert(collapsed(id)) }
            }
            for (namespace, prefix) in [(node.namespace, node.prefix)] + node.attributes.map({ ($0.namespace, $0.prefix) }) {
                guard let namespace, let expected = literalPrefixes[namespace], prefix != expected, !seenPrefixes.contains(namespace) else { continue }
                seenPrefixes.insert(namespace)
                add(.literalPrefix, "the namespace \(namespace) is written with the prefix '\(prefix ?? "(default)")': Moodle reads only '\(expected):' and will not see these elements and attributes", node)
            }
        }
        walk(root) { node in
            if node.namespace == imsss, node.name == "sequencing", let reference = node.attribute("IDRef"),
               !sequencingIDs.contains(collapsed(reference)) {
                add(.sequencingReference, "imsss:sequencing IDRef='\(reference)' names no sequencing of the sequencingCollection", node, key: "seq-\(reference)")
            }
        }
        result.shape = shape
        return result
    }

    /// Without a schemaversion, features only the 4th Edition defines name it; otherwise the edition is unknown.
    private static func editionFromFeatures(_ root: XMLTree) -> String {
        var fourth = false
        walk(root) { node in
            if (node.namespace == adlseq && node.name == "objectives") || (node.namespace == adlcp2004 && node.name == "data") { fourth = true }
        }
        return fourth ? "SCORM 2004 4th Edition" : "SCORM 2004 (edition not stated)"
    }

    static func walk(_ node: XMLTree, _ visit: (XMLTree) -> Void) {
        visit(node)
        for child in node.children { walk(child, visit) }
    }
}
