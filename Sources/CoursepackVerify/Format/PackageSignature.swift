import Crypto
import Foundation

/// `coursepack.sig`: an Ed25519 signature over the exact bytes of `coursepack.json`, with the public key
/// that made it. Since coursepack.json holds the SHA-256 of every other file, the signature covers the
/// whole package's content.
public struct PackageSignature: Codable, Sendable, Equatable {
    public static let fileName = "coursepack.sig"

    public var algorithm: String
    /// The file the signature is over.
    public var signs: String
    public var keyID: String
    /// The raw 32-byte public key, base64.
    public var publicKey: String
    /// The raw 64-byte signature, base64.
    public var signature: String

    public static func sign(_ manifest: Data, with key: Curve25519.Signing.PrivateKey) throws -> PackageSignature {
        let signature = try key.signature(for: manifest)
        return PackageSignature(algorithm: "Ed25519", signs: PackageManifest.fileName, keyID: Ed25519Keys.keyID(key.publicKey),
                                publicKey: key.publicKey.rawRepresentation.base64EncodedString(),
                                signature: signature.base64EncodedString())
    }

    public func encoded() -> Data {
        var json = JSONOutput()
        json.openObject()
        json.key("algorithm"); json.string(algorithm)
        json.key("keyID"); json.string(keyID)
        json.key("publicKey"); json.string(publicKey)
        json.key("signature"); json.string(signature)
        json.key("signs"); json.string(signs)
        json.closeObject()
        return Data(json.bytes + [0x0A])
    }

    public static func decode(_ data: Data) throws -> PackageSignature {
        try JSONDecoder().decode(PackageSignature.self, from: data)
    }

    /// The key the signature names, if it is a valid Ed25519 key.
    public var signingKey: Curve25519.Signing.PublicKey? {
        Data(base64Encoded: publicKey).flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    }

    /// Whether the signature is the named key's signature of `manifest`.
    public func isValid(for manifest: Data) -> Bool {
        guard algorithm == "Ed25519", signs == PackageManifest.fileName, let key = signingKey,
              let bytes = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(bytes, for: manifest)
    }
}
