import Crypto
import CoursepackVerify
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The key pair `coursepack keygen` writes and `pack --sign` reads: `NAME.key`, the private key (PEM,
/// PKCS #8, mode 0600, never shared), and `NAME.pub`, the public key (PEM) that partners use to check
/// packages. OpenSSL reads both files.
public enum SigningKeyFiles {
    public struct Written: Sendable {
        public let privateKey: URL
        public let publicKey: URL
        public let keyID: String
    }

    /// Makes a new key pair. Existing files are never overwritten: a lost private key cannot be recovered.
    public static func generate(base: URL) throws(PackageError) -> Written {
        let privateURL = URL(fileURLWithPath: base.path + ".key")
        let publicURL = URL(fileURLWithPath: base.path + ".pub")
        for url in [privateURL, publicURL] where FileManager.default.fileExists(atPath: url.path) {
            throw PackageError("\(url.path) already exists; choose another name (keys are never overwritten)")
        }
        let key = Curve25519.Signing.PrivateKey()
        try create(Ed25519Keys.privatePEM(key), at: privateURL, mode: 0o600)
        do { try create(Ed25519Keys.publicPEM(key.publicKey), at: publicURL, mode: 0o644) } catch {
            unlink(privateURL.path)
            throw error
        }
        return Written(privateKey: privateURL, publicKey: publicURL, keyID: Ed25519Keys.keyID(key.publicKey))
    }

    public static func loadPrivateKey(_ url: URL) throws(PackageError) -> Curve25519.Signing.PrivateKey {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PackageError("cannot read the signing key \(url.path); make one with coursepack keygen")
        }
        do { return try Ed25519Keys.privateKey(pem: String(decoding: data, as: UTF8.self), file: url.path) } catch {
            throw PackageError(error.description)
        }
    }

    public static func loadPublicKey(_ url: URL) throws(PackageError) -> Curve25519.Signing.PublicKey {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PackageError("cannot read the public key \(url.path)")
        }
        do { return try Ed25519Keys.publicKey(pem: String(decoding: data, as: UTF8.self), file: url.path) } catch {
            throw PackageError(error.description)
        }
    }

    /// Creates the file with its final mode from the start, so that a private key is never readable by
    /// others, not even for a moment.
    private static func create(_ text: String, at url: URL, mode: mode_t) throws(PackageError) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw PackageError.system("create", url.path, errno: errno) }
        fchmod(descriptor, mode)  // the umask may have taken bits away from a public key
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let code = errno
        close(descriptor)
        guard written == bytes.count else {
            unlink(url.path)
            throw PackageError.system("write", url.path, errno: code)
        }
    }
}
