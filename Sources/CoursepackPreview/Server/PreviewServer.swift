import CoursepackPackaging
import CoursepackRender
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The preview's web server: the preview's own page (`/`), the module's documents, the player and the
/// module's media under `/module/`, and the preview's assets and events under `/_preview/`.
///
/// Nothing is served from a path the browser made up: documents come from the session's renderings,
/// player files from the list made at start, media from the module's list of media files
/// (`RequestPath` refuses climbing paths first all the same).
public struct PreviewServer: Sendable {
    public let session: PreviewSession
    /// The player's files by their path in a package (`player/player.js`).
    let playerFiles: [String: URL]
    /// The locale the preview opens in.
    let initialLocale: String?

    public init(session: PreviewSession, initialLocale: String? = nil) {
        self.session = session
        self.initialLocale = initialLocale
        playerFiles = Self.listPlayer()
    }

    private static func listPlayer() -> [String: URL] {
        guard let folder = PackagingResources.playerFolder else { return [:] }
        var files: [String: URL] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)
            files["player/" + relative] = url
        }
        return files
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let server = self
        router.get("/") { request, _ in try await server.respond(request) }
        router.get("**") { request, _ in try await server.respond(request) }
        router.head("**") { request, _ in try await server.respond(request) }
        return router
    }

    func respond(_ request: Request) async throws -> Response {
        let segments: [String]
        switch RequestPath.segments(request.uri.path) {
        case .failure(let refusal): return Self.text(.badRequest, "refused: \(refusal.description)\n")
        case .success(let found): segments = found
        }
        let review = request.uri.queryParameters.get("review") == "1"
        switch segments.first {
        case nil:
            return await shell()
        case "module":
            return await module(Array(segments.dropFirst()), review: review)
        case "_preview":
            return await preview(Array(segments.dropFirst()), request: request)
        default:
            return Self.text(.notFound, "not found: the preview serves / and /module/\n")
        }
    }

    // MARK: - The module

    private func module(_ segments: [String], review: Bool) async -> Response {
        let path = segments.joined(separator: "/")
        if segments.count == 1, path.hasPrefix("index"), path.hasSuffix(".html") {
            switch await session.document(path, review: review) {
            case .html(let html): return Self.bytes(html, type: "text/html; charset=utf-8")
            case .notFound: return Self.text(.notFound, "not found: the module has no document \(path)\n")
            case .unavailable(let message): return Self.bytes(UnavailablePage.html(message), type: "text/html; charset=utf-8")
            }
        }
        if segments.isEmpty { return Response(status: .found, headers: [.location: "/module/index.html"]) }
        if segments.first == "player", let url = playerFiles[path] { return Self.file(url) }
        if segments.first == "media", let url = await session.mediaFile(path) { return Self.file(url) }
        return Self.text(.notFound, "not found: \(path) is not a file of the module or the player\n")
    }

    // MARK: - The preview's own routes

    private func preview(_ segments: [String], request: Request) async -> Response {
        switch segments {
        case ["client.js"]: return Self.bytes(PreviewAssets.client, type: "text/javascript; charset=utf-8")
        case ["shell.js"]: return Self.bytes(PreviewAssets.shell, type: "text/javascript; charset=utf-8")
        case ["preview.css"]: return Self.bytes(PreviewAssets.documentStyle, type: "text/css; charset=utf-8")
        case ["shell.css"]: return Self.bytes(PreviewAssets.shellStyle, type: "text/css; charset=utf-8")
        case ["findings"]: return Self.json(await session.report())
        case ["status"]:
            let status = Status(version: await session.version, pagesRendered: await session.pagesRendered,
                                lastChangeMilliseconds: await session.lastChangeMilliseconds, tabs: session.listeners)
            return Self.json(status)
        case ["page"]:
            let query = request.uri.queryParameters
            guard let id = query.get("page"), let locale = query.get("locale") else {
                return Self.text(.badRequest, "say which page and locale: /_preview/page?page=ID&locale=TAG\n")
            }
            guard let (version, page) = await session.page(id, locale: locale, review: query.get("review") == "1") else {
                return Self.text(.notFound, "not found: no page \(id) in \(locale)\n")
            }
            let html = (try? JSONEncoder().encode(page.html)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
            return Self.bytes("{\"version\":\(version),\"id\":\(Self.quoted(id)),\"html\":\(html),\"data\":\(page.dataJSON)}",
                              type: "application/json")
        case ["events"]:
            return events()
        default:
            return Self.text(.notFound, "not found\n")
        }
    }

    struct Status: Encodable {
        let version: Int
        let pagesRendered: Int
        let lastChangeMilliseconds: Double
        let tabs: Int
    }

    /// Server-sent events: what changed, as it changes, starting with the findings as they stand.
    private func events() -> Response {
        let stream = session.events()
        let session = self.session
        let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
            try await writer.write(ByteBuffer(string: Self.event(.findings(await session.report()))))
            for await event in stream {
                try await writer.write(ByteBuffer(string: Self.event(event)))
            }
            try await writer.finish(nil)
        })
    }

    static func event(_ event: PreviewEvent) -> String {
        switch event {
        case .pages(let version, let ids):
            let list = ids.map(quoted).joined(separator: ",")
            return "event: pages\ndata: {\"version\":\(version),\"ids\":[\(list)]}\n\n"
        case .reload(let version):
            return "event: reload\ndata: {\"version\":\(version)}\n\n"
        case .findings(let report):
            let json = (try? JSONEncoder().encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return "event: findings\ndata: \(json)\n\n"
        }
    }

    private func shell() async -> Response {
        let locales = await session.locales
        let configuration = ShellConfiguration(
            module: await session.moduleID ?? "module",
            locales: locales.enumerated().map { index, tag in
                .init(tag: tag, name: PagedModule.name(of: tag), rtl: PagedModule.isRightToLeft(tag),
                      document: index == 0 ? "index.html" : "index.\(tag).html", source: index == 0)
            },
            initial: initialLocale.flatMap { wanted in locales.first { $0.lowercased() == wanted.lowercased() } } ?? locales.first ?? "")
        return Self.bytes(ShellPage.html(configuration), type: "text/html; charset=utf-8")
    }

    // MARK: - Responses

    static func quoted(_ text: String) -> String {
        (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var response = bytes(text, type: "text/plain; charset=utf-8")
        response.status = status
        return response
    }

    static func bytes(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: some Encodable) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func file(_ url: URL) -> Response {
        guard let data = try? Data(contentsOf: url) else { return text(.notFound, "not found: the file could not be read\n") }
        return Response(status: .ok, headers: [.contentType: ContentTypes.of(url.lastPathComponent), .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
