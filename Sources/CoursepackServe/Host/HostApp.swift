import Foundation
import CoursepackRuntime
import Hummingbird
import Logging

/// The host: the store, the catalog and the routes of every page and endpoint.
public final class Host: Sendable {
    public let store: Store
    public let catalog: Catalog
    public let configuration: HostConfiguration

    public init(store: Store, configuration: HostConfiguration) {
        self.store = store
        self.configuration = configuration
        catalog = Catalog(libraryRoot: configuration.library)
    }

    public func router() -> Router<HostContext> {
        let router = Router(context: HostContext.self)
        router.add(middleware: CommonHeaders())
        addStaticRoutes(router)
        addLearnerRoutes(router)
        addContentRoutes(router)
        addXAPIRoutes(router)
        addAdminRoutes(router)
        return router
    }

    /// The application on an address, ready to run.
    public func application(host: String, port: Int, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: nil),
                    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// The language of a page: the `lang` the learner chose (query, then cookie), the learner's own,
    /// then the browser's.
    func strings(_ request: Request, learner: Learner? = nil) -> HostStrings {
        let languages = configuration.languages
        for candidate in [queryValue(request, "lang"), request.cookie("coursepack_lang"), learner?.language] {
            if let candidate, let known = languages.resolve(candidate) { return HostStrings(language: known, in: languages) }
        }
        return HostStrings(language: languages.negotiate(request.headers[.acceptLanguage]), in: languages)
    }

    func addStaticRoutes(_ router: Router<HostContext>) {
        router.get("/static/host.css") { _, _ in Reply.text(HostStyle.css, contentType: "text/css; charset=utf-8", cache: "public, max-age=300") }
        router.get("/static/player-frame.js") { _, _ in
            Reply.text(PlayerFrameScript.source, contentType: "text/javascript; charset=utf-8", cache: "public, max-age=300")
        }
        router.get("/static/admin.js") { _, _ in Reply.text(AdminPages.script, contentType: "text/javascript; charset=utf-8", cache: "public, max-age=300") }
        router.get("/runtime/:name") { _, context in
            guard let name = context.parameters.get("name"), let text = RuntimeAssets.text(of: name) else {
                return Reply.error("no such script", status: .notFound)
            }
            return Reply.text(text, contentType: "text/javascript; charset=utf-8", cache: "public, max-age=300")
        }
        router.get("/health") { _, _ in Reply.json(["ok": true]) }
    }
}

/// Headers on every response.
struct CommonHeaders: RouterMiddleware {
    typealias Context = HostContext

    func handle(_ request: Request, context: HostContext, next: (Request, HostContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = Reply.error(error.body ?? "\(error.status.reasonPhrase)", status: error.status)
        } catch let error as SQLBackendError {
            // The database is down or refused: say so, never a stack trace; the browser queues and retries.
            context.logger.error("database: \(error)")
            response = Reply.error("the server cannot store this right now: \(error)", status: .serviceUnavailable)
        } catch {
            context.logger.error("request failed: \(error)")
            response = Reply.error("the server failed on this request", status: .internalServerError)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xCSRFToken = Self("X-CSRF-Token")!
    static let xExperienceAPIVersion = Self("X-Experience-API-Version")!
}

/// The runtime's scripts, read once from its resource bundle.
enum RuntimeAssets {
    static let texts: [String: String] = {
        var texts: [String: String] = [:]
        for name in RuntimeScripts.names {
            if let url = RuntimeScripts.url(of: name), let text = try? String(contentsOf: url, encoding: .utf8) { texts[name] = text }
        }
        return texts
    }()

    static func text(of name: String) -> String? { texts[name] }

    static var scriptTags: String {
        RuntimeScripts.names.map { "<script src=\"/runtime/\($0)\"></script>" }.joined(separator: "\n")
    }
}
