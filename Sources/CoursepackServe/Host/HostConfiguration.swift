import Foundation

/// How one host instance runs.
public struct HostConfiguration: Sendable {
    public var library: URL
    /// The largest JSON body (commit, statements, state document).
    public var maxJSONBytes = 1 << 20
    /// The largest package upload.
    public var maxUploadBytes: Int64 = 512 << 20
    /// bcrypt's cost for the admin password (tests lower it; 12 takes about a quarter second).
    public var bcryptCost: UInt8 = 12
    /// Behind a reverse proxy (nginx): the client's address is the last X-Forwarded-For entry.
    public var behindProxy = false
    /// The languages of the learners' pages (`serve --strings DIR` adds a centre's own).
    public var languages: HostLanguages = .builtIn

    public init(library: URL) {
        self.library = library
    }
}
