import CLibXML2
import Foundation

/// The XML Schemas a package ships beside its manifest. The CAM asks a package to carry the schemas its
/// manifest's `xsi:schemaLocation` names, and most tools do; validating against them checks a SCORM
/// 2004 2nd or 3rd Edition package against its own edition's schemas, which a folder of 4th Edition
/// schemas given with `--schemas` cannot.
///
/// The schemas are a stranger's files like the rest of the package: they are parsed with the network
/// off (an import by an `http:` address is refused, not fetched), from a private temporary folder that
/// is removed afterwards, and only when the manifest names nothing but files of the package.
enum PackageSchemas {
    /// What came of trying the package's own schemas.
    enum Outcome {
        /// The manifest was validated against `files` schema files; the schema's errors, with lines.
        case validated(files: Int, errors: [(line: Int, message: String)])
        /// The manifest names no schema, or one the package does not have.
        case notShipped
        /// The package's schemas could not be read as schemas (they import from the network, or are
        /// broken): why, for the report.
        case unusable(String)
    }

    /// Files kept while a package is read, for this check.
    static func isSchemaFile(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".xsd") || lower.hasSuffix(".dtd")
    }

    /// At most this many bytes of schema files are written out; real packages carry well under 1 MB.
    static let sizeLimit = 8 << 20

    /// The namespace and location pairs of `xsi:schemaLocation` on the manifest's root element.
    static func locations(of root: XMLTree) -> [(namespace: String, location: String)] {
        guard let value = root.attribute("schemaLocation", namespace: "http://www.w3.org/2001/XMLSchema-instance") else { return [] }
        let tokens = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
        return stride(from: 0, to: tokens.count - 1, by: 2).map { (tokens[$0], tokens[$0 + 1]) }
    }

    static func validate(_ manifest: Data, file: String, root: XMLTree, contents: [String: Data]) -> Outcome {
        let pairs = locations(of: root)
        guard !pairs.isEmpty else { return .notShipped }
        var imports: [(namespace: String, path: String)] = []
        for pair in pairs {
            // A location is a URI reference relative to the manifest, which is at the root.
            guard case .file(let path) = PackageHref.resolve(pair.location, bases: []), contents[path] != nil else { return .notShipped }
            if !imports.contains(where: { $0.namespace == pair.namespace }) { imports.append((pair.namespace, path)) }
        }
        let schemaFiles = contents.filter { isSchemaFile($0.key) }
        guard schemaFiles.values.reduce(0, { $0 + $1.count }) <= sizeLimit else {
            return .unusable("its schema files are larger than \(sizeLimit >> 20) MB")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-schemas-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
            // Paths were checked by the safe reader: relative, no `..`, no links.
            for (path, data) in schemaFiles {
                let url = folder.appendingPathComponent("package").appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            try wrapper(imports).write(to: folder.appendingPathComponent(wrapperName))
        } catch {
            return .unusable("its schemas cannot be written to a temporary folder: \(error.localizedDescription)")
        }
        _ = XMLTree.initialized
        installOfflineLoader()
        xmlSetStructuredErrorFunc(nil, { _, _ in })
        // The official 4th Edition schemas import the W3C's xml.xsd by its web address; packages ship a
        // copy, which stands in for it here.
        let shippedXML = schemaFiles.keys.filter { ($0 as NSString).lastPathComponent.lowercased() == "xml.xsd" }
            .min { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }
        Thread.current.threadDictionary[xmlSchemaKey] = shippedXML.map { folder.appendingPathComponent("package").appendingPathComponent($0).path }
        defer { Thread.current.threadDictionary.removeObject(forKey: xmlSchemaKey) }
        guard let schema = SchemaSet.parseSchema(at: folder.appendingPathComponent(wrapperName).path) else {
            return .unusable("its schemas do not load offline (an import from the network, or a broken schema)")
        }
        defer { xmlSchemaFree(schema) }
        return .validated(files: schemaFiles.count, errors: SchemaSet.validate(manifest, against: schema, file: file))
    }

    private static let xmlSchemaKey = "coursepack.package-schemas.xml.xsd"
    private static let w3cXMLSchema = "http://www.w3.org/2001/xml.xsd"

    /// Every schema and DTD libxml2 loads goes through this: the W3C's xml.xsd becomes the copy the
    /// package being checked ships (on this thread), and everything else goes to libxml2's loader that
    /// refuses the network (catalogs, such as the one in a --schemas folder, still apply).
    static func installOfflineLoader() {
        xmlSetExternalEntityLoader { url, id, context in
            if let url, strcmp(url, PackageSchemas.w3cXMLSchema) == 0,
               let local = Thread.current.threadDictionary[PackageSchemas.xmlSchemaKey] as? String {
                return local.withCString { xmlNoNetExternalEntityLoader($0, id, context) }
            }
            return xmlNoNetExternalEntityLoader(url, id, context)
        }
    }

    /// Beside the folder `package/` that holds the package's schemas, so that it replaces none of them.
    private static let wrapperName = "all.xsd"

    /// One schema that imports every namespace the manifest names, as libxml2 validates against one.
    private static func wrapper(_ imports: [(namespace: String, path: String)]) -> Data {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:x-coursepack:package-schemas\">\n"
        for item in imports {
            text += "  <xsd:import namespace=\"\(escaped(item.namespace))\" schemaLocation=\"package/\(escaped(percentEncoded(item.path)))\"/>\n"
        }
        text += "</xsd:schema>\n"
        return Data(text.utf8)
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }

    private static func percentEncoded(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
