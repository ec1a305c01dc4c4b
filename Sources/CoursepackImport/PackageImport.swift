import CoursepackVerify
import Crypto
import Foundation
import GRDB

/// `coursepack import`: reads a package once, unpacking it into a staging folder inside the library
/// while the safe reader checks it, verifies it, and only then moves it to `packages/<id>/<version>/`
/// and records it in the catalog, in one transaction. Anything that fails removes the staging folder.
public enum PackageImport {
    public struct Outcome: Sendable {
        public let record: Library.Record
        public let verification: PackageVerification
    }

    public enum Refusal: Error, CustomStringConvertible, Sendable {
        /// The package was read and refused: the verification says why.
        case refused(PackageVerification)
        /// It could not be read or installed.
        case failed(String)

        public var description: String {
            switch self {
            case .refused(let verification):
                let rules = verification.verdicts.first { $0.family == .coursepack }?.rules ?? []
                return "\(verification.file) is refused: \(rules.joined(separator: ", "))"
            case .failed(let message): return message
            }
        }
    }

    public static func run(_ url: URL, displayPath: String, into library: Library, options: PackageVerification.Options,
                           progress: ((Int64, Int64) -> Void)? = nil) throws(Refusal) -> Outcome {
        do {
            return try library.withLock { () throws(Library.Failure) -> Result<Outcome, Refusal> in
                cleanStaging(library)
                let staging = library.root.appendingPathComponent(".staging-\(UUID().uuidString)")
                let content = staging.appendingPathComponent("content")
                do { try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true) } catch {
                    return .failure(.failed("cannot write in the library: \(error.localizedDescription)"))
                }
                defer { try? FileManager.default.removeItem(at: staging) }
                var readOptions = ZipReader.Options()
                readOptions.limits = options.limits
                readOptions.keep = PackageVerification.isDescriptor
                let scan = NetworkScan()
                if options.scanNetwork { scan.attach(to: &readOptions) }
                readOptions.extractInto = content
                readOptions.progress = progress
                let archive: PackageArchive
                do { archive = try ZipReader.read(url, options: readOptions) } catch {
                    if !FileManager.default.fileExists(atPath: url.path) { return .failure(.failed("\(error)")) }
                    var refusedOptions = options
                    refusedOptions.scanNetwork = false
                    let verification = (try? PackageVerification.verify(url, displayPath: displayPath, options: refusedOptions))
                    return .failure(verification.map { .refused($0) } ?? .failed("\(error)"))
                }
                let verification = PackageVerification.check(archive, displayPath: displayPath, options: options, scanned: scan.findings)
                guard let verdict = verification.verdicts.first(where: { $0.family == .coursepack }), verdict.effect != .refused else {
                    return .failure(.refused(verification))
                }
                let shape = verification.shape
                let id = verification.module ?? shape.identifier ?? url.deletingPathExtension().lastPathComponent
                let version = verification.version ?? manifestVersion(archive) ?? contentDigest(archive)
                let folder = "packages/\(Library.folderName(id))/\(Library.folderName(version))"
                let destination = library.root.appendingPathComponent(folder)
                if FileManager.default.fileExists(atPath: destination.path) {
                    return .failure(.failed("\(id) \(version) is already in the library (coursepack library remove \(id) --version \(version) first)"))
                }
                let formatter = ISO8601DateFormatter()
                let record = Library.Record(id: id, version: version, kind: shape.type.rawValue, edition: shape.edition, title: shape.title,
                                            identifier: shape.identifier, folder: folder, launch: shape.launchables.first?.launch,
                                            files: archive.entries.count, size: archive.unpackedSize,
                                            importedAt: formatter.string(from: Date()), signedBy: verification.signature?.keyID)
                do {
                    try library.database.write { db in
                        try record.insert(db)
                        for (position, launchable) in shape.launchables.enumerated() {
                            try Library.LaunchableRecord(packageID: id, version: version, position: position, id: launchable.id,
                                                         title: launchable.title, kind: launchable.kind, launch: launchable.launch).insert(db)
                        }
                        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                        // The last step that can fail: if it does, the rows roll back with it.
                        try FileManager.default.moveItem(at: content, to: destination)
                    }
                } catch {
                    return .failure(.failed("cannot install \(id) \(version): \(error)"))
                }
                return .success(Outcome(record: record, verification: verification))
            }.get()
        } catch let failure as Library.Failure {
            throw .failed(failure.description)
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw .failed("\(error)")
        }
    }

    /// Staging folders of imports that were killed: nothing refers to them.
    static func cleanStaging(_ library: Library) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: library.root.path)) ?? []
        for name in names where name.hasPrefix(".staging-") || name.hasPrefix(".trash-") {
            try? FileManager.default.removeItem(at: library.root.appendingPathComponent(name))
        }
    }

    /// The `version` attribute of a SCORM manifest's root element.
    static func manifestVersion(_ archive: PackageArchive) -> String? {
        guard let data = archive.contents["imsmanifest.xml"], let root = try? XMLTree.parse(data, file: "imsmanifest.xml"),
              let version = root.attribute("version"), !version.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return version.trimmingCharacters(in: .whitespaces)
    }

    /// For packages that state no version: the first 12 hex digits of a digest of their files' names,
    /// sizes and CRCs (checked against their bytes by the reader).
    static func contentDigest(_ archive: PackageArchive) -> String {
        var hasher = SHA256()
        for entry in archive.entries.sorted(by: { $0.path < $1.path }) {
            hasher.update(data: Data((entry.path + "\u{0}\(entry.size) \(entry.crc32)\n").utf8))
        }
        return "digest-" + hasher.finalize().map { String(format: "%02x", $0) }.joined().prefix(12)
    }
}
