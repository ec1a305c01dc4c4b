import Hummingbird
import NIOCore

/// The request context of the host: the client's address (for the login limit) besides the basics.
public struct HostContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address, or "unknown" (tests without a socket).
    public let peer: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// JSON bodies are read by the routes themselves, each with its own limit.
    public var maxUploadSize: Int { 1 << 20 }
}
