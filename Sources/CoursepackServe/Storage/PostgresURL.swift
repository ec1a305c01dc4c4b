import Foundation

/// Where a PostgreSQL database is and how to log in, read from the `--database` value
/// `postgres://user:password@host:port/database[?sslmode=disable|require][&pool=N]`.
///
/// Parsing never touches the network, so that a typo is reported before anything waits on a connection.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Equatable {
        /// Plain TCP: loopback, or a private network the centre trusts.
        case disable
        /// TLS required, the server's certificate checked against the system's trusted roots.
        case require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// The most connections one instance opens; PostgreSQL's own limit (`max_connections`, 100 by default)
    /// is shared by every instance.
    public var poolSize: Int

    public static let defaultPort = 5432
    public static let defaultPoolSize = 20

    /// The URL as it may be printed: everything but the password.
    public var description: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    public init(_ text: String) throws(PostgresURLError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://") else {
            throw PostgresURLError("'\(Self.redacted(trimmed))' is not a PostgreSQL URL; write postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw PostgresURLError("the database URL starts with '\(scheme)://'; only postgres:// (or postgresql://) is understood here")
        }
        guard let components = URLComponents(string: trimmed) else {
            throw PostgresURLError("'\(Self.redacted(trimmed))' is not a valid URL; characters such as @ : / ? # in the user or password must be percent-encoded (%40 for @)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresURLError("the database URL names no user; write postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresURLError("the database URL names no host; write postgres://USER:PASSWORD@HOST:PORT/DATABASE (127.0.0.1 for this machine)")
        }
        // URLComponents rejects a port outside 0...65535 or not a number as a whole URL; a port of 0 slips through.
        let port = components.port ?? Self.defaultPort
        guard (1...65535).contains(port) else {
            throw PostgresURLError("the database URL's port \(port) is not a TCP port (1 to 65535)")
        }
        var path = components.path
        if path.hasPrefix("/") { path.removeFirst() }
        guard !path.contains("/") else {
            throw PostgresURLError("the database URL's path '/\(path)' should be one database name, as in /coursepack")
        }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        self.user = user
        self.password = components.password
        self.database = path.isEmpty ? user : path
        self.tls = .disable
        self.poolSize = Self.defaultPoolSize
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                switch value {
                case "disable": tls = .disable
                case "require", "verify-full": tls = .require
                default:
                    throw PostgresURLError("sslmode=\(value) is not supported; use sslmode=disable (the default) or sslmode=require (TLS with the server's certificate checked)")
                }
            case "pool":
                guard let size = Int(value), (1...500).contains(size) else {
                    throw PostgresURLError("pool=\(value) should be the number of connections one instance opens, from 1 to 500")
                }
                poolSize = size
            default:
                throw PostgresURLError("the database URL's parameter '\(item.name)' is not understood; the known ones are sslmode and pool")
            }
        }
    }

    /// The text with any password between `://user:` and `@` replaced, for messages.
    static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"),
              let at = text[schemeEnd.upperBound...].firstIndex(of: "@") else { return text }
        let credentials = text[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }
}

public struct PostgresURLError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
