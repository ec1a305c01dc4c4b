/// Why the preview cannot start, for a person.
public enum PreviewError: Error, CustomStringConvertible, Sendable {
    /// The folder is not there, or is not a module at all: there is nothing to watch for.
    case notAModule(String)
    /// The address cannot be listened on.
    case cannotListen(String)

    public var description: String {
        switch self {
        case .notAModule(let message), .cannotListen(let message): return message
        }
    }
}
