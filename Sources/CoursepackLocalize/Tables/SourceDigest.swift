import CoursepackLoad
import CoursepackSchemas
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fingerprint of everything string extraction reads: `module.yaml`, every page, the schemas'
/// translatable marks and the player's interface messages.
///
/// The template records the digest of the source it was written from
/// (`X-Coursepack-Source-Digest`). When the digest of the module on disk is the same, the template's
/// units are exactly what extraction would give, so the commands that only read the tables (status,
/// export, import) take them from there instead of parsing every page: for a module of 100,000
/// strings that is most of their time.
public enum SourceDigest {
    /// The header field in `locales/source.pot`.
    public static let headerField = "X-Coursepack-Source-Digest"

    /// Raise when extraction changes in a way the inputs below do not show (new unit kinds, other ids
    /// or notes), so that tables written by an older Coursepack are not taken as current.
    static let extractionRevision = "extraction-1"

    /// `sha256:<hex>`, or nil when a file cannot be read (then the caller takes the long way, which
    /// reports the problem properly).
    public static func of(moduleAt root: URL) -> String? {
        var hasher = SHA256()
        func add(_ label: String, _ data: Data) {
            hasher.update(data: Data("\(label)\u{0}\(data.count)\u{0}".utf8))
            hasher.update(data: data)
        }
        add("revision", Data(extractionRevision.utf8))
        for message in InterfaceMessages.all {
            add("ui/\(message.key)", Data("\(message.text)\u{0}\(message.plural ?? "")\u{0}\(message.note)".utf8))
        }
        guard let schemas = schemaData() else { return nil }
        for (name, data) in schemas { add("schema/" + name, data) }
        // Only plain files and folders, never through a link: a link, a named pipe (whose read would
        // wait forever) or a device makes the source "not known to be current", and the loader, which
        // refuses them with a located message, takes over.
        guard plainEntry(root.path) == .folder, plainEntry(root.appendingPathComponent(Module.manifestFile).path) == .file,
              let manifest = try? Data(contentsOf: root.appendingPathComponent(Module.manifestFile)) else { return nil }
        add(Module.manifestFile, manifest)
        let pages = root.appendingPathComponent("pages")
        guard plainEntry(pages.path) == .folder,
              let names = try? FileManager.default.contentsOfDirectory(atPath: pages.path) else { return nil }
        for name in names.sorted() where !name.hasPrefix(".") {
            switch plainEntry(pages.appendingPathComponent(name).path) {
            case .folder: add("pages/\(name)/", Data())
            case .file:
                guard let data = try? Data(contentsOf: pages.appendingPathComponent(name)) else { return nil }
                add("pages/" + name, data)
            case nil: return nil
            }
        }
        return "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    private enum PlainEntry { case file, folder }

    /// A regular file or a folder that is not a symbolic link; nil for anything else.
    private static func plainEntry(_ path: String) -> PlainEntry? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return nil
        }
    }

    /// The bundled schemas, by path, read once per process.
    private static let schemas: [(String, Data)]? = {
        let root = CoursepackSchemas.directory
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return nil }
        var files: [(String, Data)] = []
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".json"), let data = try? Data(contentsOf: root.appendingPathComponent(path)) else { continue }
            files.append((path, data))
        }
        return files.isEmpty ? nil : files.sorted { $0.0 < $1.0 }
    }()

    private static func schemaData() -> [(String, Data)]? { schemas }
}
