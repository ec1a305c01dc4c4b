import Foundation

/// The admin's session as a request sees it.
public struct AdminSession: Sendable, Equatable {
    /// The token every form and state-changing request must carry back (CSRF).
    public let csrf: String
}

extension Store {
    static let adminName = "admin"
    static let adminSessionLifetime: Int64 = 12 * 3600 * 1000
    /// Failed logins from one address within `loginWindow` before logins from it are refused.
    public static let loginLimit = 5
    static let loginWindow: Int64 = 15 * 60 * 1000

    public func hasAdminPassword() async throws -> Bool {
        !(try await backend.read(SQLStatement("SELECT 1 AS one FROM admin_account WHERE name = ?", [.text(Self.adminName)]))).isEmpty
    }

    /// Stores the admin password as a bcrypt hash; every admin session ends.
    public func setAdminPassword(hash: String) async throws {
        try await backend.write([
            SQLStatement("""
                INSERT INTO admin_account (name, password_hash, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at
                """, [.text(Self.adminName), .text(hash), .integer(now())]),
            SQLStatement("DELETE FROM admin_session"),
        ])
    }

    public func adminPasswordHash() async throws -> String? {
        try await backend.read(SQLStatement("SELECT password_hash FROM admin_account WHERE name = ?", [.text(Self.adminName)])).first?["password_hash"].string
    }

    /// Failed logins from this address in the window: past the limit, the login form refuses to try.
    public func recentFailedLogins(from source: String) async throws -> Int {
        Int(try await backend.read(SQLStatement("SELECT COUNT(*) AS n FROM login_attempt WHERE source = ? AND succeeded = 0 AND at > ?",
                                                [.text(source), .integer(now() - Self.loginWindow)])).first?["n"].int ?? 0)
    }

    public func recordLogin(from source: String, succeeded: Bool) async throws {
        try await backend.write([
            SQLStatement("INSERT INTO login_attempt (id, source, at, succeeded) VALUES (?, ?, ?, ?)",
                         [.text(Secret.token(bytes: 12)), .text(source), .integer(now()), .integer(succeeded ? 1 : 0)]),
            // Old rows tell nothing any more.
            SQLStatement("DELETE FROM login_attempt WHERE at < ?", [.integer(now() - 24 * 3600 * 1000)]),
        ])
    }

    /// A new admin session: the cookie's token and its CSRF token.
    public func openAdminSession() async throws -> (token: String, session: AdminSession) {
        let token = Secret.token()
        let csrf = Secret.token(bytes: 16)
        let time = now()
        try await backend.write(SQLStatement("INSERT INTO admin_session (token_hash, csrf, created_at, expires_at) VALUES (?, ?, ?, ?)",
                                             [.text(Secret.hash(token)), .text(csrf), .integer(time), .integer(time + Self.adminSessionLifetime)]))
        return (token, AdminSession(csrf: csrf))
    }

    public func adminSession(token: String) async throws -> AdminSession? {
        try await backend.read(SQLStatement("SELECT csrf FROM admin_session WHERE token_hash = ? AND expires_at > ?",
                                            [.text(Secret.hash(token)), .integer(now())])).first?["csrf"].string.map(AdminSession.init)
    }

    public func closeAdminSession(token: String) async throws {
        try await backend.write(SQLStatement("DELETE FROM admin_session WHERE token_hash = ?", [.text(Secret.hash(token))]))
    }

    /// The version of each package learners get, where the admin chose one (otherwise the newest).
    public func packageChoices() async throws -> [String: String] {
        var choices: [String: String] = [:]
        for row in try await backend.read(SQLStatement("SELECT package_id, version FROM package_choice")) {
            if let id = row["package_id"].string, let version = row["version"].string { choices[id] = version }
        }
        return choices
    }

    public func choosePackageVersion(_ package: String, version: String) async throws {
        try await backend.write(SQLStatement("""
            INSERT INTO package_choice (package_id, version, chosen_at) VALUES (?, ?, ?)
            ON CONFLICT (package_id) DO UPDATE SET version = excluded.version, chosen_at = excluded.chosen_at
            """, [.text(package), .text(version), .integer(now())]))
    }
}
