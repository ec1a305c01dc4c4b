import CoursepackImport
import CoursepackVerify
import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOCore

extension Host {
    static let adminCookie = "coursepack_admin"

    /// The admin session of a request, or nil.
    func adminSession(_ request: Request) async throws -> AdminSession? {
        guard let token = request.cookie(Self.adminCookie), !token.isEmpty, token.count < 200 else { return nil }
        return try await store.adminSession(token: token)
    }

    /// A state-changing admin request must carry the session's CSRF token (form field or header) and,
    /// when the browser sends one, an Origin of this host.
    func csrfValid(_ request: Request, session: AdminSession, form: [String: String]) -> Bool {
        if let origin = request.headers[.origin], origin != SecurityPolicy.origin(of: request) { return false }
        let sent = form["csrf"] ?? request.headers[.xCSRFToken] ?? ""
        return !sent.isEmpty && sent == session.csrf
    }

    func clientAddress(_ request: Request, context: HostContext) -> String {
        if configuration.behindProxy, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] {
            return forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? context.peer
        }
        return context.peer
    }

    func addAdminRoutes(_ router: Router<HostContext>) {
        let csp = SecurityPolicy.adminPages
        router.get("/admin") { request, _ in
            guard let session = try await self.adminSession(request) else { return Reply.html(AdminPages.login(), csp: csp) }
            return try await self.dashboard(session, message: queryValue(request, "message"), newLearners: [])
        }

        router.post("/admin/login") { request, context in
            var request = request
            let fields = formFields(try await request.bodyText(limit: 4096) ?? "")
            let source = self.clientAddress(request, context: context)
            if try await self.store.recentFailedLogins(from: source) >= Store.loginLimit {
                return Reply.html(AdminPages.login(error: "Too many failed sign-ins from this address. Wait 15 minutes and try again."),
                                  status: .tooManyRequests, csp: csp)
            }
            let password = fields["password"] ?? ""
            let hash = try await self.store.adminPasswordHash()
            let matches: Bool
            if let hash, !password.isEmpty {
                // bcrypt is slow on purpose: off the server's event loops.
                matches = await withCheckedContinuation { done in
                    DispatchQueue.global().async { done.resume(returning: Bcrypt.verify(password, hash: hash)) }
                }
            } else {
                matches = false
            }
            try await self.store.recordLogin(from: source, succeeded: matches)
            guard matches else {
                let message = hash == nil ? "No admin password is set: run coursepack serve admin-password --library DIR." : "Wrong password."
                return Reply.html(AdminPages.login(error: message), status: .unauthorized, csp: csp)
            }
            let (token, _) = try await self.store.openAdminSession()
            return Reply.redirect("/admin", cookies: [cookieHeader(name: Self.adminCookie, value: token, path: "/admin", sameSite: "Strict", maxAge: 12 * 3600)])
        }

        router.post("/admin/logout") { request, _ in
            var request = request
            let fields = formFields(try await request.bodyText(limit: 4096) ?? "")
            if let session = try await self.adminSession(request), self.csrfValid(request, session: session, form: fields),
               let token = request.cookie(Self.adminCookie) {
                try await self.store.closeAdminSession(token: token)
            }
            return Reply.redirect("/admin", cookies: [cookieHeader(name: Self.adminCookie, value: "", path: "/admin", sameSite: "Strict", maxAge: 0)])
        }

        router.post("/admin/learners") { request, _ in
            var request = request
            let fields = formFields(try await request.bodyText(limit: 256 << 10) ?? "")
            guard let session = try await self.adminSession(request) else { return Reply.redirect("/admin") }
            guard self.csrfValid(request, session: session, form: fields) else { return Self.csrfRefused }
            let names = (fields["names"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty else { return try await self.dashboard(session, message: "Type at least one name.", newLearners: []) }
            do {
                let created = try await self.store.addLearners(names)
                return try await self.dashboard(session, message: "\(created.count) learner\(created.count == 1 ? "" : "s") created.", newLearners: created)
            } catch let refusal as StoreRefusal {
                return try await self.dashboard(session, message: refusal.description, newLearners: [])
            }
        }

        router.post("/admin/packages/:package/version") { request, context in
            var request = request
            let fields = formFields(try await request.bodyText(limit: 4096) ?? "")
            guard let session = try await self.adminSession(request) else { return Reply.redirect("/admin") }
            guard self.csrfValid(request, session: session, form: fields) else { return Self.csrfRefused }
            guard let id = context.parameters.get("package")?.removingPercentEncoding, let version = fields["version"],
                  try self.catalog.package(id: id, version: version) != nil else {
                return Reply.error("no such package version", status: .notFound)
            }
            try await self.store.choosePackageVersion(id, version: version)
            return Reply.redirect("/admin?message=" + escapeURLComponent("Learners now get \(id) \(version)."))
        }

        router.post("/admin/upload") { request, _ in
            guard let session = try await self.adminSession(request) else { return Reply.error("sign in first", status: .unauthorized) }
            guard self.csrfValid(request, session: session, form: [:]) else { return Self.csrfRefused }
            return try await self.upload(request)
        }

        router.get("/admin/progress") { request, _ in
            guard let session = try await self.adminSession(request) else { return Reply.redirect("/admin") }
            return Reply.html(AdminPages.progress(csrf: session.csrf, rows: try await self.progressRows()), csp: csp)
        }

        router.get("/admin/learners/:learner") { request, context in
            guard let session = try await self.adminSession(request) else { return Reply.redirect("/admin") }
            guard let id = context.parameters.get("learner"), let learner = try await self.store.learner(id: id) else {
                return Reply.error("no such learner", status: .notFound)
            }
            let packages = try self.catalog.packages(choices: [:])
            let attempts = try await self.store.attempts(learner: learner.id).map { attempt -> (attempt: Attempt, title: String) in
                let package = packages.first { $0.id == attempt.packageID }
                let entry = package?.structure.entries.first { $0.id == attempt.scoID }
                let course = package?.structure.title ?? attempt.packageID
                // A one-SCO course usually names its SCO as itself: say it once.
                let title = [course, entry?.title].compactMap { $0 }.filter { !$0.isEmpty }.reduce(into: [String]()) { titles, title in
                    if !titles.contains(title) { titles.append(title) }
                }
                return (attempt, title.joined(separator: " · "))
            }
            return Reply.html(AdminPages.learner(csrf: session.csrf, learner: learner, attempts: attempts), csp: csp)
        }

        for action in ["reset", "complete"] {
            router.post("/admin/attempts/:attempt/\(action)") { request, context in
                var request = request
                let fields = formFields(try await request.bodyText(limit: 4096) ?? "")
                guard let session = try await self.adminSession(request) else { return Reply.redirect("/admin") }
                guard self.csrfValid(request, session: session, form: fields) else { return Self.csrfRefused }
                guard let id = context.parameters.get("attempt"), let attempt = try await self.store.attempt(id: id) else {
                    return Reply.error("no such attempt", status: .notFound)
                }
                _ = action == "reset" ? try await self.store.resetAttempt(id: id) : try await self.store.markComplete(id: id)
                return Reply.redirect("/admin/learners/\(escapeURLComponent(attempt.learnerID))")
            }
        }

        router.get("/admin/attempts/:attempt/trace") { request, context in
            guard let session = try await self.adminSession(request) else { return Reply.redirect("/admin") }
            guard let id = context.parameters.get("attempt"), let attempt = try await self.store.attempt(id: id) else {
                return Reply.error("no such attempt", status: .notFound)
            }
            return Reply.html(AdminPages.trace(csrf: session.csrf, attempt: attempt, commits: try await self.store.trace(attempt: id)), csp: csp)
        }

        router.get("/admin/export/:file") { request, context in
            guard try await self.adminSession(request) != nil else { return Reply.error("sign in first", status: .unauthorized) }
            switch context.parameters.get("file") {
            case "progress.csv":
                return Self.download(try await self.progressCSV(), name: "progress.csv", type: "text/csv; charset=utf-8")
            case "answers.csv":
                return Self.download(try await self.answersCSV(), name: "answers.csv", type: "text/csv; charset=utf-8")
            case "statements.json":
                return Self.download(try await self.statementsExport(origin: SecurityPolicy.origin(of: request)), name: "statements.json",
                                     type: "application/json; charset=utf-8")
            default:
                return Reply.error("no such export", status: .notFound)
            }
        }
    }

    static var csrfRefused: Response {
        Reply.error("this request did not come from the admin page (missing or wrong CSRF token); reload the page and try again", status: .forbidden)
    }

    static func download(_ text: String, name: String, type: String) -> Response {
        var response = Reply.text(text, contentType: type)
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return response
    }

    func dashboard(_ session: AdminSession, message: String?, newLearners: [Learner]) async throws -> Response {
        let choices = try await store.packageChoices()
        let page = AdminPages.dashboard(csrf: session.csrf, packages: try catalog.packages(choices: choices), choices: choices,
                                        learners: try await store.allLearners(), message: message, newLearners: newLearners)
        return Reply.html(page, csp: SecurityPolicy.adminPages)
    }

    /// Streams the upload to a temporary file (refused past the limit), then imports it through verify.
    func upload(_ request: Request) async throws -> Response {
        let name = (queryValue(request, "name") ?? "upload.zip").replacingOccurrences(of: "/", with: "_")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-upload-\(Secret.token(bytes: 8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name.hasSuffix(".zip") ? name : name + ".zip")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        var size: Int64 = 0
        do {
            var over = false
            for try await chunk in request.body {
                size += Int64(chunk.readableBytes)
                if size > configuration.maxUploadBytes {
                    // Nothing more is written; the rest is read and dropped so that the browser gets the
                    // answer rather than a reset connection (only a signed-in admin gets this far).
                    if !over { try? handle.close(); try? FileManager.default.removeItem(at: file) }
                    over = true
                    continue
                }
                try handle.write(contentsOf: Data(chunk.readableBytesView))
            }
            if over {
                return Reply.error("the package is over the upload limit of \(configuration.maxUploadBytes >> 20) MB", status: .contentTooLarge)
            }
            try handle.close()
        } catch {
            try? handle.close()
            return Reply.error("the upload did not arrive whole: \(error)", status: .badRequest)
        }
        guard size > 0 else { return Reply.error("the upload is empty: choose a package zip", status: .badRequest) }
        let catalog = self.catalog
        let outcome: Result<PackageImport.Outcome, PackageImport.Refusal> = await withCheckedContinuation { done in
            DispatchQueue.global().async {
                // The library is opened on this thread: its catalog connection is not shared across threads.
                do { done.resume(returning: .success(try PackageImport.run(file, displayPath: name, into: try catalog.library(), options: PackageVerification.Options()))) } catch {
                    done.resume(returning: .failure(error as? PackageImport.Refusal ?? .failed("\(error)")))
                }
            }
        }
        switch outcome {
        case .success(let imported):
            return Reply.json(["message": "Imported \(imported.record.id) \(imported.record.version) (\(imported.record.edition)).",
                               "package": imported.record.id, "version": imported.record.version])
        case .failure(.refused(let verification)):
            let findings = verification.findings.prefix(10).map(\.text).joined(separator: "; ")
            return Reply.error("refused: \(name) is not a package this host accepts: \(findings)", status: .unprocessableContent)
        case .failure(.failed(let message)):
            return Reply.error("not imported: \(message)", status: .unprocessableContent)
        }
    }
}
