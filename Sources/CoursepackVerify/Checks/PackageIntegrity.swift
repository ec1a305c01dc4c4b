import Crypto
import Foundation

/// Whether a package is what its `coursepack.json` says, and who signed it.
public struct SignatureStatus: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        /// No coursepack.sig.
        case unsigned
        /// The signature is over this coursepack.json, and every file matches it.
        case valid
        /// The signature does not verify, or a file differs from what coursepack.json records.
        case invalid
    }

    public let state: State
    public let keyID: String?
    /// With a trusted key given: whether it is the key that signed. Nil when no key was given.
    public let trusted: Bool?
    public let reason: String?

    public var summary: String {
        switch state {
        case .unsigned: return "not signed"
        case .invalid: return "INVALID: \(reason ?? "the signature does not verify")"
        case .valid:
            let key = keyID ?? "?"
            switch trusted {
            case .some(true): return "valid, signed by the trusted key \(key)"
            case .some(false): return "valid signature, but by the key \(key), not the trusted key"
            case .none: return "valid, signed by the key \(key) (pass --key FILE.pub to check that it is the key you expect)"
            }
        }
    }
}

public enum PackageIntegrity {
    public struct Result: Sendable {
        public let manifest: PackageManifest?
        public let signature: SignatureStatus
        public let findings: [PackageFinding]
    }

    /// Compares the zip's files with coursepack.json (every file listed, none missing, same SHA-256 and
    /// size, the recorded date on every entry) and checks the signature over coursepack.json.
    public static func check(_ archive: PackageArchive, trustedKey: Curve25519.Signing.PublicKey? = nil) -> Result {
        guard let manifestData = archive.contents[PackageManifest.fileName] else {
            let signed = archive.entry(PackageSignature.fileName) != nil
            return Result(manifest: nil,
                          signature: SignatureStatus(state: signed ? .invalid : .unsigned, keyID: nil, trusted: nil,
                                                     reason: signed ? "coursepack.sig without coursepack.json" : nil),
                          findings: [])
        }
        let file = PackageManifest.fileName
        let manifest: PackageManifest
        do { manifest = try PackageManifest.decode(manifestData) } catch {
            return Result(manifest: nil,
                          signature: SignatureStatus(state: archive.entry(PackageSignature.fileName) == nil ? .unsigned : .invalid,
                                                     keyID: nil, trusted: nil, reason: "coursepack.json cannot be read"),
                          findings: [PackageFinding(.error, "coursepack.json cannot be read: \(error)", file: file)])
        }
        var findings: [PackageFinding] = []
        var listed = manifest.files
        let buildTime = ISO8601DateFormatter().date(from: manifest.build.date).map { Int($0.timeIntervalSince1970) }
        for entry in archive.entries where entry.path != PackageManifest.fileName && entry.path != PackageSignature.fileName {
            guard let record = listed.removeValue(forKey: entry.path) else {
                findings.append(PackageFinding(.error, "\(entry.path) is in the zip but not in coursepack.json: added after packing", file: file))
                continue
            }
            if record.sha256 != entry.sha256 || record.size != entry.size {
                findings.append(PackageFinding(.error, "\(entry.path) differs from what coursepack.json records: changed after packing", file: file))
            }
        }
        for path in listed.keys.sorted() {
            findings.append(PackageFinding(.error, "\(path) is listed in coursepack.json but missing from the zip", file: file))
        }
        if let buildTime, let entry = archive.entries.first(where: { $0.modificationTime != buildTime }) {
            findings.append(PackageFinding(.warning, "\(entry.path) carries another date than the package's build date (\(manifest.build.date)): the zip was rewritten after packing", file: entry.path))
        }
        let signature = signatureStatus(archive, manifestData: manifestData, contentsMatch: findings.allSatisfy { $0.severity != .error },
                                        trustedKey: trustedKey)
        return Result(manifest: manifest, signature: signature, findings: findings)
    }

    private static func signatureStatus(_ archive: PackageArchive, manifestData: Data, contentsMatch: Bool,
                                        trustedKey: Curve25519.Signing.PublicKey?) -> SignatureStatus {
        guard let data = archive.contents[PackageSignature.fileName] else {
            return SignatureStatus(state: .unsigned, keyID: nil, trusted: nil, reason: nil)
        }
        guard let signature = try? PackageSignature.decode(data) else {
            return SignatureStatus(state: .invalid, keyID: nil, trusted: nil, reason: "coursepack.sig cannot be read")
        }
        let trusted = trustedKey.map { $0.rawRepresentation.base64EncodedString() == signature.publicKey }
        // The key id is computed from the key itself, not taken from the file.
        let keyID = signature.signingKey.map(Ed25519Keys.keyID)
        guard signature.isValid(for: manifestData) else {
            return SignatureStatus(state: .invalid, keyID: keyID, trusted: trusted,
                                   reason: "the signature does not match coursepack.json: it was changed after signing")
        }
        guard contentsMatch else {
            return SignatureStatus(state: .invalid, keyID: keyID, trusted: trusted,
                                   reason: "files differ from the signed coursepack.json: the package was changed after signing")
        }
        return SignatureStatus(state: .valid, keyID: keyID, trusted: trusted, reason: nil)
    }
}
