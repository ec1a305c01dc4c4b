import Crypto
import Foundation

/// Ed25519 keys in the PEM files that OpenSSL also reads and writes: PKCS #8 for the private key,
/// SubjectPublicKeyInfo for the public key (RFC 8410). For Ed25519 both DER encodings are a fixed
/// prefix followed by the 32 key bytes.
public enum Ed25519Keys {
    static let privatePrefix: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70,
                                         0x04, 0x22, 0x04, 0x20]
    static let publicPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func privatePEM(_ key: Curve25519.Signing.PrivateKey) -> String {
        pem("PRIVATE KEY", privatePrefix + key.rawRepresentation)
    }

    public static func publicPEM(_ key: Curve25519.Signing.PublicKey) -> String {
        pem("PUBLIC KEY", publicPrefix + key.rawRepresentation)
    }

    public static func privateKey(pem text: String, file: String) throws(Failure) -> Curve25519.Signing.PrivateKey {
        let der = try decode(text, label: "PRIVATE KEY", file: file)
        guard der.count == privatePrefix.count + 32, Array(der.prefix(privatePrefix.count)) == privatePrefix,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: der.suffix(32))
        else { throw Failure(description: "\(file) is not an Ed25519 private key; make one with coursepack keygen") }
        return key
    }

    public static func publicKey(pem text: String, file: String) throws(Failure) -> Curve25519.Signing.PublicKey {
        let der = try decode(text, label: "PUBLIC KEY", file: file)
        guard der.count == publicPrefix.count + 32, Array(der.prefix(publicPrefix.count)) == publicPrefix,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: der.suffix(32))
        else { throw Failure(description: "\(file) is not an Ed25519 public key (the .pub file coursepack keygen writes)") }
        return key
    }

    /// A short name for a public key: the first 16 hex digits of the SHA-256 of its 32 bytes.
    public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
        Hex.string(SHA256.hash(data: key.rawRepresentation).prefix(8))
    }

    private static func pem(_ label: String, _ der: [UInt8]) -> String {
        "-----BEGIN \(label)-----\n" + Data(der).base64EncodedString() + "\n-----END \(label)-----\n"
    }

    private static func decode(_ text: String, label: String, file: String) throws(Failure) -> [UInt8] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----"),
              let end = lines.firstIndex(of: "-----END \(label)-----"), begin < end,
              let der = Data(base64Encoded: lines[(begin + 1)..<end].joined())
        else {
            throw Failure(description: "\(file) holds no '\(label)' in PEM form; use the files coursepack keygen writes")
        }
        return Array(der)
    }
}

enum Hex {
    static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// A key that checks package signatures, named so that callers need not import Crypto.
public typealias PublicSigningKey = Curve25519.Signing.PublicKey
