import Crypto
import Foundation

/// What `coursepack inspect` reports about a package: identity, version, target, locales, size, files
/// and signature status, with the findings of the upload checks and of the integrity check.
public struct PackageInspection: Sendable, Codable {
    public struct File: Sendable, Codable {
        public let path: String
        public let size: Int64
        public let sha256: String
    }

    public let file: String
    /// The zip's size, and the total of its files once unpacked, in bytes.
    public let size: Int64
    public let unpackedSize: Int64
    public let kind: PackageKind
    public let launch: String?
    public let id: String?
    public let version: String?
    public let title: String?
    public let identifier: String?
    public let locales: [PackageManifest.LocaleRecord]
    public let leftOut: [PackageManifest.LocaleRecord]
    public let build: PackageManifest.BuildRecord?
    public let signature: SignatureStatus
    public let files: [File]
    public let findings: [PackageFinding]

    /// Reads and checks the package at `url`.
    public static func inspect(_ url: URL, displayPath: String, trustedKey: Curve25519.Signing.PublicKey? = nil) throws(ReadFailure)
        -> PackageInspection
    {
        var options = ZipReader.Options()
        options.keep = UploadCheck.needsContents
        options.hashing = true  // the report lists every file's SHA-256
        let scan = NetworkScan()
        scan.attach(to: &options)
        let archive = try ZipReader.read(url, options: options)
        let upload = UploadCheck.check(archive)
        let integrity = PackageIntegrity.check(archive, trustedKey: trustedKey)
        let manifest = integrity.manifest
        return PackageInspection(
            file: displayPath, size: archive.fileSize, unpackedSize: archive.unpackedSize,
            kind: manifest.flatMap { PackageKind(rawValue: $0.target) } ?? upload.kind, launch: upload.launch,
            id: manifest?.id, version: manifest?.version, title: manifest?.title, identifier: manifest?.identifier,
            locales: manifest?.locales ?? [], leftOut: manifest?.leftOut ?? [], build: manifest?.build,
            signature: integrity.signature,
            files: archive.entries.map { File(path: $0.path, size: $0.size, sha256: $0.sha256) }.sorted { $0.path < $1.path },
            findings: upload.findings + integrity.findings
                + scan.findings.sorted { ($0.file ?? "", $0.line ?? 0) < ($1.file ?? "", $1.line ?? 0) })
    }

    public var hasErrors: Bool {
        findings.contains { $0.severity == .error } || signature.state == .invalid || signature.trusted == false
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }

    public var text: String { textLines.joined(separator: "\n") + "\n" }

    /// The text report line by line: a line feed inside a line comes from a value of the package, which
    /// a terminal printer escapes rather than starting a line with it.
    public var textLines: [String] {
        var lines: [String] = []
        lines.append("\(file)")
        if let id, let version { lines.append("  module     \(id) \(version)\(title.map { ": \($0)" } ?? "")") } else {
            lines.append("  module     unknown (no coursepack.json: not made by coursepack)")
        }
        lines.append("  target     \(kind.rawValue)\(launch.map { ", launches \($0)" } ?? "")")
        if let identifier { lines.append("  identifier \(identifier)") }
        if !locales.isEmpty {
            lines.append("  locales    " + locales.map { locale in
                locale.source ? "\(locale.tag) (source)" : "\(locale.tag) \(Self.percent(locale.percent))"
            }.joined(separator: ", "))
        }
        if !leftOut.isEmpty {
            lines.append("  left out   " + leftOut.map { "\($0.tag) \(Self.percent($0.percent))" }.joined(separator: ", "))
        }
        lines.append("  size       \(Self.bytes(size)) zipped, \(Self.bytes(unpackedSize)) unpacked, \(files.count) files")
        if let build { lines.append("  built      \(build.date) (\(build.dateSource)) by \(build.tool) \(build.toolVersion), \(build.zipLibrary)") }
        lines.append("  signature  \(signature.summary)")
        lines.append("  files")
        let width = files.map { Self.bytes($0.size).count }.max() ?? 0
        for file in files {
            let size = Self.bytes(file.size)
            lines.append("    " + String(repeating: " ", count: width - size.count) + size + "  " + file.path)
        }
        if findings.isEmpty { lines.append("  no problems found") } else {
            lines.append("  problems")
            for finding in findings { lines.append("    \(finding)") }
        }
        return lines
    }

    static func percent(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
    }

    /// Sizes as people read them: 512 B, 12.3 KB, 4.5 MB (powers of 1,000, as disks are sold).
    static func bytes(_ count: Int64) -> String {
        if count < 1_000 { return "\(count) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(count) / 1_000
        var unit = 0
        while value >= 1_000 && unit < units.count - 1 { value /= 1_000; unit += 1 }
        return String(format: value < 10 ? "%.1f" : "%.0f", value) + " " + units[unit]
    }
}
