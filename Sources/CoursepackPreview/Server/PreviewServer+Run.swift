import Foundation
import Hummingbird
import Logging
import NIOCore

extension PreviewServer {
    /// Listens on `host:port` (port 0: any free one) until the process ends; `onListening` gets the
    /// address once the server accepts connections.
    public func run(host: String, port: Int, onListening: @escaping @Sendable (String) -> Void) async throws(PreviewError) {
        if let problem = ListenCheck.check(host: host, port: port) { throw problem }
        var logger = Logger(label: "coursepack-preview")
        // The terminal is the author's: the preview says what it has to say itself.
        logger.logLevel = .critical
        let shown = host.contains(":") ? "[\(host)]" : host
        let app = Application(router: router(), configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
                              onServerRunning: { channel in
                                  onListening("http://\(shown):\(channel.localAddress?.port ?? port)/")
                              }, logger: logger)
        do { try await app.runService(gracefulShutdownSignals: []) } catch {
            throw .cannotListen("cannot listen on \(host):\(port): \(error)")
        }
    }
}
