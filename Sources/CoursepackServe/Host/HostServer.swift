import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging

/// Running the host from the command line.
public enum HostServer {
    /// Runs until SIGINT or SIGTERM; `onRunning` gets the port actually bound (for `--port 0`).
    public static func run(_ host: Host, address: String, port: Int, logLevel: String?, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        var logger = Logger(label: "coursepack.serve")
        logger.logLevel = logLevel.flatMap(Logger.Level.init(rawValue:)) ?? .warning
        let app = host.application(host: address, port: port, logger: logger, onServerRunning: onRunning)
        try await app.runService()
    }

    /// The admin password as stored: bcrypt, salted, cost 12 unless told.
    public static func passwordHash(_ password: String, cost: UInt8 = 12) -> String {
        Bcrypt.hash(password, cost: cost)
    }
}
