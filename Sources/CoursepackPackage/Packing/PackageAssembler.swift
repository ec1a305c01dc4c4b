import CLibArchive
import Crypto
import CoursepackRender
import CoursepackVerify
import Foundation
import JSONSchema

/// Everything one target's package is made of, decided before a byte of the zip is written: the
/// rendered documents, the player, the media, the manifest, coursepack.json and the signature, as
/// entries in package order.
struct PackageAssembler {
    let description: ModuleDescription
    let selection: LocaleSelection
    let pages: [PackageManifest.PageRecord]
    let strings: [String: [String: String]]
    let build: PackageManifest.BuildRecord
    /// Player and media files with their records, by package path.
    let files: [String: (url: URL, record: PackageManifest.FileRecord)]
    let playerPaths: [String]
    let signingKey: Curve25519.Signing.PrivateKey?

    static let launch = "index.html"

    func entries(for target: PackageTarget, rendered: RenderedModule) throws(PackFailure) -> [StagedEntry] {
        var entries: [StagedEntry] = []
        var records: [String: PackageManifest.FileRecord] = [:]
        var seen = Set<String>()
        func add(_ entry: StagedEntry, _ record: PackageManifest.FileRecord) throws(PackFailure) {
            if let problem = Self.pathProblem(entry.path) { throw .cannotRun("internal error: \(problem)") }
            guard seen.insert(entry.path).inserted else {
                throw .cannotRun("internal error: two files would be written as \(entry.path)")
            }
            entries.append(entry)
            records[entry.path] = record
        }
        for document in rendered.documents {
            try add(StagedEntry(path: document.path, content: .data(document.html)),
                    .init(sha256: FileDigest.sha256(document.html), size: Int64(document.html.count)))
        }
        guard seen.contains(Self.launch) else { throw .cannotRun("internal error: the renderer wrote no \(Self.launch)") }
        for path in playerPaths + rendered.media {
            guard let file = files[path] else { throw .cannotRun("internal error: \(path) was not prepared") }
            try add(StagedEntry(path: path, content: .file(file.url, size: file.record.size)), file.record)
        }
        var packageFiles = Array(seen) + [PackageManifest.fileName]
        if signingKey != nil { packageFiles.append(PackageSignature.fileName) }
        packageFiles.sort { $0.precedesInUTF8($1) }
        let manifest: (path: String, data: Data)?
        let identifier: String?
        switch target {
        case .scorm12:
            manifest = ("imsmanifest.xml", SCORM12Manifest.document(for: description, files: packageFiles, launch: Self.launch))
            identifier = description.manifestIdentifier
        case .scorm2004:
            manifest = ("imsmanifest.xml", SCORM2004Manifest.document(for: description, files: packageFiles, launch: Self.launch))
            identifier = description.manifestIdentifier
        case .cmi5:
            manifest = ("cmi5.xml", CMI5Manifest.document(for: description, launch: Self.launch))
            identifier = description.courseIRI
        case .web:
            manifest = nil
            identifier = nil
        }
        if let manifest {
            try add(StagedEntry(path: manifest.path, content: .data(manifest.data)),
                    .init(sha256: FileDigest.sha256(manifest.data), size: Int64(manifest.data.count)))
        }
        let documents = Dictionary(rendered.documents.map { ($0.locale, $0.path) }, uniquingKeysWith: { first, _ in first })
        let packageManifest = PackageManifest(
            id: description.id, version: description.version, title: description.title, target: target.rawValue,
            identifier: identifier, launch: Self.launch, sourceLanguage: description.sourceLanguage,
            locales: selection.carried.map { locale in
                var record = locale
                record.document = documents[locale.tag]
                return record
            },
            leftOut: selection.leftOut, pages: pages, strings: strings, build: build, files: records)
        let manifestData = packageManifest.encoded()
        entries.append(StagedEntry(path: PackageManifest.fileName, content: .data(manifestData)))
        if let signingKey {
            let signature: PackageSignature
            do { signature = try PackageSignature.sign(manifestData, with: signingKey) } catch {
                throw .cannotRun("could not sign the package: \(error)")
            }
            entries.append(StagedEntry(path: PackageSignature.fileName, content: .data(signature.encoded())))
        }
        return entries.sorted(by: StagedEntry.inPackageOrder)
    }

    /// Package paths are relative, with forward slashes, and never climb out (docs/package-layout.md).
    static func pathProblem(_ path: String) -> String? {
        if path.isEmpty || path.hasPrefix("/") || path.contains("\\") { return "'\(path)' is not a relative package path" }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) {
            return "'\(path)' is not a plain package path"
        }
        return nil
    }

    /// "libarchive 3.6.2 zlib/1.2.13": the libraries whose versions decide the zip's bytes.
    static var zipLibrary: String {
        let version = String(cString: archive_version_string())
        let details = String(cString: archive_version_details())
        let zlib = details.split(separator: " ").first { $0.hasPrefix("zlib/") }
        return zlib.map { "\(version) \($0)" } ?? version
    }
}
