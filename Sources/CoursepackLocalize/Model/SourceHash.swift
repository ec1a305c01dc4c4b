import Crypto

/// The source hash of a unit: the first 16 hex digits of SHA-256 of its text.
enum SourceHash {
    static func of(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).prefix(8).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
