import Crypto
import Foundation

/// Everything the host keeps, on whichever database: learners, sessions, attempts and their commits,
/// xAPI statements and state, the admin's account. Nothing is kept in one instance's memory that another
/// instance needs (`StoreMemo` holds only facts that never change); every change is one durable write.
public struct Store: Sendable {
    public let backend: any SQLBackend
    /// The clock, in milliseconds since 1970 (tests move it).
    let now: @Sendable () -> Int64
    let memo: StoreMemo

    public init(backend: any SQLBackend, now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        self.backend = backend
        self.now = now
        memo = StoreMemo()
    }

    /// Creates or upgrades the tables.
    public func prepare() async throws {
        try await backend.migrate(StoreSchema.migrations)
    }

    /// Opens the database a `--database` value names: `sqlite:PATH` (or a bare path) or `postgres://...`.
    public static func open(_ location: DatabaseLocation) async throws -> Store {
        let backend: any SQLBackend
        switch location {
        case .sqlite(let path): backend = try SQLiteBackend(path: path)
        case .postgres(let url): backend = try await PostgresBackend.connect(url: url, logger: .init(label: "coursepack.postgres"))
        }
        let store = Store(backend: backend)
        try await store.prepare()
        return store
    }
}

/// Where the host's data lives.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(String)
    case postgres(String)

    /// `sqlite:PATH`, a bare path, or `postgres://` / `postgresql://`.
    public static func parse(_ text: String) -> DatabaseLocation? {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") { return .postgres(text) }
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            return path.isEmpty ? nil : .sqlite(path)
        }
        // A bare path is an SQLite file; anything that looks like another scheme (`mysql:`, a mistyped
        // `postgress://`) is refused rather than taken for a file name.
        if text.isEmpty || text.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:"#, options: .regularExpression) != nil { return nil }
        return .sqlite(text)
    }
}

/// Random identifiers and secrets, and the one-way hash under which secrets are stored.
enum Secret {
    /// `bytes` random bytes as lowercase hex.
    static func token(bytes: Int = 24) -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A random UUID in its canonical lowercase form (cmi5 registrations, statement ids).
    static func uuid() -> String { UUID().uuidString.lowercased() }

    /// What is stored for a session token: its SHA-256, so that a copy of the database opens no session.
    static func hash(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// Lowercase hex by hand: `String(format: "%02x")` goes through CoreFoundation's formatter, and the
    /// session token's hash is computed on every learner request (~10 % of a commit's CPU under load).
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Codes a learner types on a phone: no 0/O, 1/I/L.
    static let codeAlphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    static func learnerCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<6).map { _ in codeAlphabet[Int.random(in: 0..<codeAlphabet.count, using: &generator)] }
        return String(characters[0..<3]) + "-" + String(characters[3..<6])
    }

    /// A code as typed (any case, spaces, with or without the dash) in the stored form, or nil.
    static func normalizedCode(_ typed: String) -> String? {
        let characters = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard characters.count == 6, characters.allSatisfy({ codeAlphabet.contains($0) }) else { return nil }
        return String(characters.prefix(3)) + "-" + String(characters.suffix(3))
    }
}
