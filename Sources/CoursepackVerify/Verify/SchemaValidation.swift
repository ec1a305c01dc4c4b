import CLibXML2
import Foundation

/// Full XML Schema validation of a manifest against the official schemas in a folder laid out as
/// `../shared/xsd` is (`scorm12-all.xsd`, `scorm2004-all.xsd`, `cmi5/CourseStructure.xsd`,
/// `catalog.xml` for the W3C `xml.xsd`). Loading never reaches the network.
public final class SchemaSet: @unchecked Sendable {
    private var loaded: [String: xmlSchemaPtr] = [:]
    private let folder: URL
    private let lock = NSLock()

    public init(folder: URL) throws(ReadFailure) {
        self.folder = folder
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ReadFailure(.notAZip, "\(folder.path): no such folder of schemas")
        }
        _ = XMLTree.initialized
        // Schemas import others by address: the catalog maps them to local copies, and anything it
        // does not map is refused rather than fetched.
        PackageSchemas.installOfflineLoader()
        // Messages go to the findings, never straight to the terminal.
        xmlSetStructuredErrorFunc(nil, { _, _ in })
        let catalog = folder.appendingPathComponent("catalog.xml").path
        if FileManager.default.fileExists(atPath: catalog) {
            xmlInitializeCatalog()
            xmlLoadCatalog(catalog)
        }
    }

    deinit { for schema in loaded.values { xmlSchemaFree(schema) } }

    static func schemaFile(for type: PackageType) -> String? {
        switch type {
        case .scorm12: return "scorm12-all.xsd"
        case .scorm2004: return "scorm2004-all.xsd"
        case .cmi5: return "cmi5/CourseStructure.xsd"
        default: return nil
        }
    }

    private final class Errors {
        var list: [(Int, String)] = []
    }

    /// The schema errors of `data` with their lines, or nil when no schema of that kind is in the folder.
    func validate(_ data: Data, type: PackageType, file: String) -> [(line: Int, message: String)]? {
        lock.lock()
        defer { lock.unlock() }
        guard let name = Self.schemaFile(for: type) else { return nil }
        let path = folder.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        if loaded[name] == nil {
            guard let schema = Self.parseSchema(at: path) else { return nil }
            loaded[name] = schema
        }
        return Self.validate(data, against: loaded[name]!, file: file)
    }

    /// A schema read from a file, its imports resolved by the loader in place (never the network); nil
    /// when it does not load.
    static func parseSchema(at path: String) -> xmlSchemaPtr? {
        guard let parser = xmlSchemaNewParserCtxt(path) else { return nil }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, { _, _ in }, nil)
        return xmlSchemaParse(parser)
    }

    /// The schema errors of `data`, with their lines.
    static func validate(_ data: Data, against schema: xmlSchemaPtr, file: String) -> [(line: Int, message: String)] {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue)
        // The document was parsed once already by XMLTree, which refuses entity declarations.
        guard let document = data.withUnsafeBytes({ xmlReadMemory($0.baseAddress?.assumingMemoryBound(to: CChar.self), Int32($0.count), file, nil, options) })
        else { return [(0, "not well-formed")] }
        defer { xmlFreeDoc(document) }
        guard let context = xmlSchemaNewValidCtxt(schema) else { return [] }
        defer { xmlSchemaFreeValidCtxt(context) }
        let errors = Errors()
        let box = Unmanaged.passRetained(errors)
        defer { box.release() }
        xmlSchemaSetValidStructuredErrors(context, { userData, error in
            guard let userData, let error else { return }
            let errors = Unmanaged<Errors>.fromOpaque(userData).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "invalid"
            errors.list.append((Int(error.pointee.line), message))
        }, box.toOpaque())
        _ = xmlSchemaValidateDoc(context, document)
        return errors.list.map { (line: $0.0, message: $0.1) }
    }
}
