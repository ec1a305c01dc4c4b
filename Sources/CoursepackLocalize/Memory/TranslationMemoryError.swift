import Foundation
import GRDB

/// A translation memory that cannot be opened, read or written, with a message for people.
public struct TranslationMemoryError: Error, LocalizedError, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    /// The memory file, when it is one (not for an in-memory memory).
    public var path: String?

    public init(_ message: String, path: String? = nil) {
        self.message = message
        self.path = path
    }

    public var description: String { message }
    public var errorDescription: String? { message }

    static func cannotOpen(_ path: String, _ error: any Error) -> TranslationMemoryError {
        if let error = error as? TranslationMemoryError { return error }
        var reason = Self.reason(error)
        if let dbError = error as? DatabaseError,
           dbError.resultCode == .SQLITE_NOTADB || dbError.resultCode == .SQLITE_CORRUPT {
            reason += ". The file is damaged or is not a translation memory: move it aside (a new, empty memory is made in its place) or point COURSEPACK_TM at another file"
        }
        return TranslationMemoryError("cannot open the translation memory \(path): \(reason)", path: path)
    }

    static func failed(_ action: String, _ path: String?, _ error: any Error) -> TranslationMemoryError {
        if let error = error as? TranslationMemoryError { return error }
        let place = path.map { " \($0)" } ?? ""
        return TranslationMemoryError("cannot \(action) the translation memory\(place): \(reason(error))", path: path)
    }

    /// SQLite's own words ("file is not a database") rather than GRDB's description, which repeats the SQL.
    private static func reason(_ error: any Error) -> String {
        if let dbError = error as? DatabaseError {
            let text = dbError.message ?? "\(dbError.resultCode)"
            return "\(text) (SQLite error \(dbError.extendedResultCode.rawValue))"
        }
        if let error = error as? LocalizedError, let text = error.errorDescription { return text }
        return "\(error)"
    }
}
