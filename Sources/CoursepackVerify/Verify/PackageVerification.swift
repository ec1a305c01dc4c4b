import Crypto
import Foundation

/// What `coursepack verify` reports about one package: what it is and why, its identity and shape,
/// the findings with their rules, and a verdict per LMS family.
public struct PackageVerification: Sendable, Codable {
    public struct Verdict: Sendable, Codable, Equatable {
        public let family: LMSFamily
        public let effect: LMSEffect
        /// The rules that decide it.
        public let rules: [String]
    }

    public let file: String
    public let source: PackageSourceKind?
    public let shape: PackageShape
    /// The zip's size, and its files' total once unpacked, in bytes.
    public let size: Int64
    public let unpackedSize: Int64
    public let files: Int
    /// For Coursepack packages: module id and version from coursepack.json.
    public let module: String?
    public let version: String?
    public let signature: SignatureStatus?
    public let findings: [VerifyFinding]
    public let verdicts: [Verdict]

    public struct Options: Sendable {
        public var limits = ReadLimits()
        public var schemas: SchemaSet?
        /// The raw Ed25519 public keys (base64) whose signatures are trusted (`--trust`).
        public var trustedKeys: Set<String> = []
        /// Scan pages, style sheets and scripts for what they load from the network.
        public var scanNetwork = true

        public init() {}

        public mutating func trust(_ key: PublicSigningKey) {
            trustedKeys.insert(key.rawRepresentation.base64EncodedString())
        }
    }

    /// The files kept in memory for the checks.
    public static func isDescriptor(_ path: String) -> Bool {
        if ["imsmanifest.xml", "cmi5.xml", "tincan.xml", PackageManifest.fileName, PackageSignature.fileName].contains(path) { return true }
        if PackageSchemas.isSchemaFile(path) { return true }
        if path.contains("/") { return false }
        return ["crs", "au", "des", "cst"].contains((path as NSString).pathExtension.lowercased())
    }

    public static func isScanned(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".html", ".htm", ".css", ".js", ".mjs"].contains { lower.hasSuffix($0) }
    }

    /// Reads and checks the package at `url` (a zip, a folder or a bare cmi5.xml). A package the safe
    /// reader refuses gives a verification with that one finding; only a path that is not there throws.
    public static func verify(_ url: URL, displayPath: String, options: Options = Options()) throws(ReadFailure) -> PackageVerification {
        var readOptions = ZipReader.Options()
        readOptions.limits = options.limits
        let scan = NetworkScan()
        readOptions.keep = isDescriptor
        if options.scanNetwork { scan.attach(to: &readOptions) }
        let archive: PackageArchive
        do {
            archive = try PackageReader.read(url, options: readOptions)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) { throw error }
            var findings = FindingCollector()
            findings.add(.unreadable, "[\(error.rule.rawValue)] \(error.description)", file: nil, line: nil)
            var shape = PackageShape()
            shape.reason = "the safe reader refused it"
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
            return PackageVerification(file: displayPath, source: nil, shape: shape, size: size, unpackedSize: 0, files: 0,
                                       module: nil, version: nil, signature: nil, findings: findings.findings,
                                       verdicts: verdicts(findings.findings, type: .unknown))
        }
        return check(archive, displayPath: displayPath, options: options, scanned: scan.findings)
    }

    /// Checks a package read already. `scanned`: network findings made while it was read
    /// (`NetworkScan`); files kept in `archive.contents` are scanned here as well.
    public static func check(_ archive: PackageArchive, displayPath: String, options: Options = Options(),
                             scanned: [PackageFinding] = []) -> PackageVerification {
        let paths = Set(archive.entries.map(\.path))
        var kind = KindCheck()
        var schemaTarget: (data: Data, file: String, root: XMLTree)?
        func parse(_ name: String) -> XMLTree? {
            guard let data = archive.contents[name] else { return nil }
            do { return try XMLTree.parse(data, file: name) } catch {
                let rule: VerifyRule = error.rule == "xml-entity" ? .entity : error.rule == "xml-too-deep" ? .tooDeep : .notWellFormed
                kind.findings.add(rule, error.description, file: name, line: error.line)
                return nil
            }
        }
        if archive.contents["imsmanifest.xml"] != nil {
            if let root = parse("imsmanifest.xml") {
                let findings = kind.findings
                kind = SCORMCheck.check(root, file: "imsmanifest.xml", paths: paths)
                for finding in findings.findings { kind.findings.append(finding) }
                schemaTarget = (archive.contents["imsmanifest.xml"]!, "imsmanifest.xml", root)
            } else {
                kind.shape.reason = "imsmanifest.xml at the root"
            }
        } else if archive.contents["cmi5.xml"] != nil {
            if let root = parse("cmi5.xml") {
                kind = CMI5Check.check(root, file: "cmi5.xml", paths: paths, bare: archive.source == .courseStructure)
                schemaTarget = (archive.contents["cmi5.xml"]!, "cmi5.xml", root)
            } else {
                kind.shape.type = .cmi5
                kind.shape.reason = "cmi5.xml"
            }
        } else if let files = OtherKinds.aiccFiles(paths) {
            kind = OtherKinds.checkAICC(files, contents: archive.contents, paths: paths)
        } else if archive.contents["tincan.xml"] != nil {
            if let root = parse("tincan.xml") { kind = OtherKinds.checkTinCan(root, paths: paths) }
        } else if let nested = archive.entries.first(where: { $0.path.hasSuffix("/imsmanifest.xml") || $0.path.hasSuffix("/cmi5.xml") }) {
            kind.shape.reason = "a manifest in a folder: \(nested.path)"
            kind.findings.add(.nestedManifest, "the manifest is in a folder (\(nested.path)); LMSs look for it only at the root of the zip: zip the folder's contents, not the folder",
                              file: nested.path, line: nil)
        } else if paths.contains("index.html") {
            kind.shape.type = .web
            kind.shape.edition = "web package"
            kind.shape.reason = "index.html at the root, no manifest"
        } else {
            kind.findings.add(.noManifest, "no imsmanifest.xml, cmi5.xml, tincan.xml, AICC course files or index.html at the root: not a package an LMS or a browser can open",
                              file: nil, line: nil)
        }
        if let target = schemaTarget {
            // The folder given with --schemas first; else the schemas the package ships, when its manifest
            // names only files it has.
            if let schemas = options.schemas, let errors = schemas.validate(target.data, type: kind.shape.type, file: target.file) {
                kind.shape.schemas = "the official schemas (--schemas)"
                for error in errors {
                    kind.findings.add(.schemaInvalid, "the official schema refuses it: \(error.message)", file: target.file, line: error.line)
                }
            } else {
                switch PackageSchemas.validate(target.data, file: target.file, root: target.root, contents: archive.contents) {
                case .validated(let files, let errors):
                    kind.shape.schemas = "the package's own (\(files) schema file\(files == 1 ? "" : "s"))"
                    for error in errors {
                        kind.findings.add(.schemaInvalid, "the package's own schema refuses it: \(error.message)", file: target.file, line: error.line)
                    }
                case .unusable(let why):
                    kind.shape.schemas = "none: the package's own were not used, \(why)"
                case .notShipped:
                    break
                }
            }
        }
        if options.scanNetwork {
            var found = scanned
            for (path, data) in archive.contents.sorted(by: { $0.key < $1.key }) where isScanned(path) {
                found += NetworkReferences.scan(path, data)
            }
            for finding in found.sorted(by: { ($0.file ?? "", $0.line ?? 0) < ($1.file ?? "", $1.line ?? 0) }) {
                kind.findings.add(.networkLoad, finding.message, file: finding.file, line: finding.line)
            }
        }
        // Coursepack packages: checksums and signature.
        var module: String?, version: String?, signature: SignatureStatus?
        if archive.contents[PackageManifest.fileName] != nil || archive.contents[PackageSignature.fileName] != nil {
            let integrity = PackageIntegrity.check(archive)
            module = integrity.manifest?.id
            version = integrity.manifest?.version
            if let manifest = integrity.manifest {
                if manifest.target == "web", kind.shape.type == .web { kind.shape.edition = "Coursepack web package" }
                if kind.shape.title == nil { kind.shape.title = manifest.title }
            }
            for finding in integrity.findings {
                let rule: VerifyRule = finding.message.contains("cannot be read") ? .coursepackUnreadable
                    : finding.severity == .warning ? .coursepackDate : .coursepackChanged
                kind.findings.add(rule, finding.message, file: finding.file, line: finding.line)
            }
            var status = integrity.signature
            if status.state == .valid, !options.trustedKeys.isEmpty {
                let signer = archive.contents[PackageSignature.fileName].flatMap { try? PackageSignature.decode($0) }?.publicKey
                let trusted = signer.map { options.trustedKeys.contains($0) } ?? false
                status = SignatureStatus(state: .valid, keyID: status.keyID, trusted: trusted, reason: nil)
                if !trusted {
                    kind.findings.add(.signatureUntrusted, "signed by the key \(status.keyID ?? "?"), which is not one of the --trust keys",
                                      file: PackageSignature.fileName, line: nil)
                }
            } else if status.state == .invalid {
                kind.findings.add(.signatureInvalid, "the signature is invalid: \(status.reason ?? "it does not verify")", file: PackageSignature.fileName, line: nil)
            } else if status.state == .unsigned, !options.trustedKeys.isEmpty {
                kind.findings.add(.signatureUntrusted, "the package is not signed, and --trust asks for a signature", file: nil, line: nil)
            }
            signature = status
        }
        let findings = kind.findings.findings
        return PackageVerification(file: displayPath, source: archive.source, shape: kind.shape, size: archive.fileSize,
                                   unpackedSize: archive.unpackedSize, files: archive.entries.count, module: module, version: version,
                                   signature: signature, findings: findings, verdicts: verdicts(findings, type: kind.shape.type))
    }

    /// Per family: the worst effect of any finding, and what the family does with the kind at all.
    static func verdicts(_ findings: [VerifyFinding], type: PackageType) -> [Verdict] {
        LMSFamily.allCases.map { family in
            var effect = LMSEffect.accepted
            var rules: [String] = []
            let unsupported: Bool
            switch family {
            case .moodle: unsupported = ![.scorm12, .scorm2004, .aicc].contains(type)
            case .strict: unsupported = ![.scorm12, .scorm2004, .cmi5, .aicc, .tincan].contains(type)
            case .coursepack: unsupported = ![.scorm12, .scorm2004, .cmi5, .web].contains(type)
            }
            if unsupported {
                effect = .refused
                rules.append("kind-unsupported")
            }
            for finding in findings {
                let found = finding.effects[family.rawValue] ?? .accepted
                guard found != .accepted else { continue }
                if found > effect { effect = found; rules = rules.filter { $0 == "kind-unsupported" } }
                if found == effect, !rules.contains(finding.rule) { rules.append(finding.rule) }
            }
            return Verdict(family: family, effect: effect, rules: rules)
        }
    }

    public var hasProblems: Bool { !findings.isEmpty }
}

/// Scans pages, style sheets and scripts for what they load from the network while a package is read,
/// one file at a time, so that memory does not grow with the package.
public final class NetworkScan: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [PackageFinding] = []

    public init() {}

    public var findings: [PackageFinding] {
        lock.lock()
        defer { lock.unlock() }
        return found
    }

    public func attach(to options: inout ZipReader.Options) {
        options.visitIf = PackageVerification.isScanned
        options.visit = { [self] path, data in
            let findings = NetworkReferences.scan(path, data)
            lock.lock()
            found += findings
            lock.unlock()
        }
    }
}
