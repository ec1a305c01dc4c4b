import Foundation
import PostgresNIO

// postgres-nio's errors keep the server's words out of their description (so that a query's data does
// not leak into logs by accident); the store needs them told apart, and a person needs them in words.

extension SQLBackendError {
    /// The error of a statement, or of the connection it ran on.
    static func postgres(_ error: any Error, at url: PostgresURL) -> SQLBackendError {
        if let error = error as? SQLBackendError { return error }
        if error is CancellationError { return .unavailable("the request was cancelled before the database answered") }
        if let error = error as? PostgresTransactionError {
            return .postgres(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError
                             ?? SQLBackendError.failed("a transaction failed"), at: url)
        }
        guard let error = error as? PSQLError else {
            // The connection pool's own errors (its circuit breaker, a closed pool) and NIO's socket errors.
            return .unavailable("PostgreSQL at \(url.host):\(url.port): \(error)")
        }
        switch error.code {
        case .server:
            return server(error, at: url)
        case .connectionError:
            return .unavailable(connectionMessage(error, at: url))
        case .serverClosedConnection, .uncleanShutdown:
            return .unavailable("PostgreSQL at \(url.host):\(url.port) closed the connection (was it restarted or stopped?)")
        case .clientClosedConnection, .poolClosed:
            return .unavailable("the connection to PostgreSQL was closed")
        case .queryCancelled:
            return .unavailable("the request was cancelled before the database answered")
        case .sslUnsupported:
            return .unavailable("PostgreSQL at \(url.host):\(url.port) does not offer TLS, which sslmode=require asks for")
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return .unavailable("TLS to PostgreSQL at \(url.host):\(url.port) failed: \(error.underlying.map { "\($0)" } ?? "\(error.code)")")
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            return .unavailable("PostgreSQL at \(url.host):\(url.port) asks user '\(url.user)' for a password the URL does not give, or in a way this client does not support (\(error.code)); put the password in the URL: postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        case .tooManyParameters:
            return .failed("a statement has more than 65,535 parameters")
        default:
            return .failed("PostgreSQL: \(error.code)")
        }
    }

    private static func server(_ error: PSQLError, at url: PostgresURL) -> SQLBackendError {
        let state = error.serverInfo?[.sqlState] ?? ""
        var message = error.serverInfo?[.message] ?? "an error with no message"
        if let detail = error.serverInfo?[.detail] { message += " (\(detail))" }
        switch state {
        case "23505":
            return .uniqueViolation(message)
        case "28P01":
            return .unavailable("PostgreSQL at \(url.host):\(url.port) refused the password of user '\(url.user)'; check the user and password in the database URL")
        case "28000":
            return .unavailable("PostgreSQL at \(url.host):\(url.port) does not let user '\(url.user)' in: \(message); check pg_hba.conf and the user's name")
        case "3D000":
            return .unavailable("PostgreSQL at \(url.host):\(url.port) has no database '\(url.database)'; create it (createdb -O \(url.user) \(url.database)) or name another in the URL")
        case "53300":
            return .unavailable("PostgreSQL at \(url.host):\(url.port) has no connection left (max_connections); lower pool= in the database URL of each instance, or raise max_connections")
        case "57P01", "57P02", "57P03":
            return .unavailable("PostgreSQL at \(url.host):\(url.port) is shutting down or starting up: \(message)")
        case _ where state.hasPrefix("08"):
            return .unavailable("PostgreSQL at \(url.host):\(url.port): \(message)")
        default:
            return .failed(state.isEmpty ? message : "\(message) [SQLSTATE \(state)]")
        }
    }

    private static func connectionMessage(_ error: PSQLError, at url: PostgresURL) -> String {
        let cause = error.underlying.map { "\($0)" } ?? "no reason given"
        let lowered = cause.lowercased()
        if lowered.contains("refused") {
            return "nothing answers at \(url.host):\(url.port) (connection refused): is PostgreSQL running and listening there (listen_addresses, port)?"
        }
        if lowered.contains("timeout") || lowered.contains("timed out") {
            return "PostgreSQL at \(url.host):\(url.port) did not answer in time: check the host, the port and any firewall between"
        }
        if lowered.contains("resolve") || lowered.contains("getaddrinfo") || lowered.contains("unknown host") {
            return "the host '\(url.host)' of the database URL cannot be resolved to an address"
        }
        return "cannot connect to PostgreSQL at \(url.host):\(url.port): \(cause)"
    }

    /// Whether a transaction that failed this way may simply be run again: PostgreSQL chose it as the
    /// victim of a deadlock or of a serialization conflict, and rolled it back.
    static func postgresIsRetryable(_ error: any Error) -> Bool {
        let underlying = (error as? PostgresTransactionError)?.closureError ?? error
        guard let error = underlying as? PSQLError, error.code == .server else { return false }
        let state = error.serverInfo?[.sqlState]
        return state == "40001" || state == "40P01"
    }
}
