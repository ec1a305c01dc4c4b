import Foundation
import Hummingbird

extension Host {
    static let learnerCookie = "coursepack_learner"

    /// The learner session token a request carries (cookie or `Authorization: Bearer`), not yet checked.
    static func sessionToken(_ request: Request) -> String? {
        var token = request.cookie(Self.learnerCookie)
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") {
            token = String(authorization.dropFirst("Bearer ".count))
        }
        guard let token, !token.isEmpty, token.count < 200 else { return nil }
        return token
    }

    /// The learner whose live session the request carries.
    func learner(_ request: Request) async throws -> (learner: Learner, token: String)? {
        guard let token = Self.sessionToken(request) else { return nil }
        return try await store.learner(sessionToken: token).map { ($0, token) }
    }

    func addLearnerRoutes(_ router: Router<HostContext>) {
        router.get("/") { request, _ in
            if try await self.learner(request) != nil { return Reply.redirect("/catalog") }
            return self.withLanguageCookie(request, Reply.html(LearnerPages.join(self.strings(request))))
        }

        router.post("/join") { request, _ in
            var request = request
            let fields = formFields(try await request.bodyText(limit: 4096) ?? "")
            let strings = fields["lang"].map { HostStrings(language: $0, in: self.configuration.languages) } ?? self.strings(request)
            let typed = fields["code"] ?? fields["name"] ?? ""
            guard let learner = try await self.store.learner(codeOrName: typed) else {
                return Reply.html(LearnerPages.join(strings, error: strings["join.unknown"], typed: typed), status: .unauthorized)
            }
            let token = try await self.store.openLearnerSession(learner)
            if learner.language == nil || fields["lang"] != nil { try await self.store.setLanguage(learner: learner.id, strings.language) }
            return Reply.redirect("/catalog", cookies: [
                cookieHeader(name: Self.learnerCookie, value: token, path: "/", sameSite: "Lax", maxAge: 30 * 24 * 3600),
            ])
        }

        router.post("/api/join") { request, _ in
            var request = request
            guard let text = try await request.bodyText(limit: 4096),
                  let body = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
                  let typed = (body["code"] ?? body["name"]) as? String else {
                return Reply.error("send {\"code\": \"ABC-123\"} as JSON", status: .badRequest)
            }
            guard let learner = try await self.store.learner(codeOrName: typed) else {
                return Reply.error("no learner has this code or name; check it with the trainer", status: .unauthorized)
            }
            let token = try await self.store.openLearnerSession(learner)
            var response = Reply.json(["learner": learner.id, "name": learner.name, "token": token])
            response.headers.append(HTTPField(name: .setCookie, value: cookieHeader(name: Self.learnerCookie, value: token, path: "/", sameSite: "Lax", maxAge: 30 * 24 * 3600)))
            return response
        }

        router.post("/leave") { request, _ in
            if let (_, token) = try await self.learner(request) { try await self.store.closeLearnerSession(token) }
            return Reply.redirect("/", cookies: [cookieHeader(name: Self.learnerCookie, value: "", path: "/", sameSite: "Lax", maxAge: 0)])
        }

        router.get("/catalog") { request, _ in
            guard let (learner, _) = try await self.learner(request) else { return Reply.redirect("/") }
            if let chosen = queryValue(request, "lang").flatMap(self.configuration.languages.resolve) {
                try await self.store.setLanguage(learner: learner.id, chosen)
            }
            let strings = self.strings(request, learner: learner)
            let packages = try self.catalog.packages(choices: try await self.store.packageChoices())
            let attempts = try await self.store.attempts(learner: learner.id)
            let items = packages.map { package -> LearnerPages.CatalogItem in
                let progress = CourseProgress(structure: package.structure, attempts: attempts.filter { $0.packageID == package.id })
                return LearnerPages.CatalogItem(id: package.id, title: package.structure.localizedTitle(strings.language) ?? package.record.title ?? package.id,
                                                state: progress.state, score: progress.score, needsSequencing: package.structure.needsFullSequencing)
            }
            return self.withLanguageCookie(request, Reply.html(LearnerPages.catalog(strings, learner: learner, items: items)))
        }

        router.get("/play/:package") { request, context in
            guard let (learner, _) = try await self.learner(request) else { return Reply.redirect("/") }
            guard let packageID = context.parameters.get("package")?.removingPercentEncoding else { return Reply.error("no package", status: .badRequest) }
            let strings = self.strings(request, learner: learner)
            guard let launch = try await self.launch(learner: learner, packageID: packageID, sco: queryValue(request, "sco"),
                                                     origin: SecurityPolicy.origin(of: request), language: strings.language) else {
                return Reply.html(PageLayout.page(strings, title: packageID, body: "<p class=\"error\">This module is not in the library.</p>"), status: .notFound)
            }
            let data = try JSONSerialization.data(withJSONObject: launch.payload, options: [.sortedKeys, .withoutEscapingSlashes])
            let toc = launch.package.structure.entries.map { (id: $0.id, title: $0.localizedTitle(strings.language), depth: $0.depth, launchable: $0.launch != nil) }
            let page = LearnerPages.play(strings, title: launch.package.structure.localizedTitle(strings.language) ?? launch.package.id, packageID: launch.package.id,
                                         launchJSON: String(decoding: data, as: UTF8.self), toc: toc, current: launch.entry.id)
            return Reply.html(page, csp: SecurityPolicy.playerPage(origin: SecurityPolicy.origin(of: request)))
        }

        router.post("/api/attempts") { request, _ in
            var request = request
            guard let (learner, _) = try await self.learner(request) else { return Reply.error("no learner session: join with a code first", status: .unauthorized) }
            guard let text = try await request.bodyText(limit: 4096),
                  let body = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
                  let packageID = body["package"] as? String else {
                return Reply.error("send {\"package\": \"<package id>\", \"sco\": \"<item id>\"} as JSON", status: .badRequest)
            }
            guard let launch = try await self.launch(learner: learner, packageID: packageID, sco: body["sco"] as? String,
                                                     origin: SecurityPolicy.origin(of: request), language: learner.language ?? "en") else {
                return Reply.error("no package '\(packageID)' (or no such SCO in it)", status: .notFound)
            }
            var payload = launch.payload
            payload["version"] = launch.attempt.kind.rawValue
            payload["packageVersion"] = launch.attempt.packageVersion
            payload["entry"] = launch.attempt.record.isEmpty ? "ab-initio" : (launch.attempt.record["cmi.exit"] == "suspend" || launch.attempt.record["cmi.core.exit"] == "suspend" ? "resume" : "")
            return Reply.json(payload)
        }

        router.post("/api/attempts/:attempt/commits") { request, context in
            var request = request
            // The session and the attempt's owner are checked by the store inside the commit's write.
            let noSession = Reply.error("no learner session: join with a code first", status: .unauthorized)
            let notFound = Reply.error("no such attempt for this learner", status: .notFound)
            guard let token = Self.sessionToken(request), try await self.store.mayBeLiveSession(token) else { return noSession }
            guard let attemptID = context.parameters.get("attempt") else { return notFound }
            guard let text = try await request.bodyText(limit: self.configuration.maxJSONBytes) else {
                return Reply.error("the commit is over \(self.configuration.maxJSONBytes) bytes", status: .contentTooLarge)
            }
            let usage = "a commit is {\"seq\": N (1 or more), \"reason\": \"commit\", \"record\": {element: value}}"
            let body: CommitBody
            do {
                body = try JSONDecoder().decode(CommitBody.self, from: Data(text.utf8))
            } catch DecodingError.typeMismatch(_, let context) where context.codingPath.count == 2 && context.codingPath[0].stringValue == "record" {
                return Reply.error("record value of \(context.codingPath[1].stringValue) is not a string", status: .badRequest)
            } catch {
                return Reply.error(usage, status: .badRequest)
            }
            guard body.seq > 0 else { return Reply.error(usage, status: .badRequest) }
            let seq = body.seq
            let reason = body.reason == "terminate" ? "terminate" : "commit"
            let calls = CommitBody.calls(in: text)
            switch try await self.store.commit(attempt: attemptID, sessionToken: token, seq: seq, reason: reason, record: body.record, calls: calls) {
            case .saved: return Reply.json(fields: ["saved": .bool(true), "seq": .integer(seq), "duplicate": .bool(false)])
            case .stale: return Reply.json(fields: ["saved": .bool(true), "seq": .integer(seq), "duplicate": .bool(false), "stale": .bool(true)])
            case .duplicate: return Reply.json(fields: ["saved": .bool(true), "seq": .integer(seq), "duplicate": .bool(true)])
            case .retired: return Reply.error("this attempt was reset or ended; open the module again", status: .conflict)
            case .noSession: return noSession
            case .notFound: return notFound
            }
        }
    }

    func withLanguageCookie(_ request: Request, _ response: Response) -> Response {
        guard let chosen = queryValue(request, "lang").flatMap(configuration.languages.resolve) else { return response }
        var response = response
        response.headers.append(HTTPField(name: .setCookie, value: "coursepack_lang=\(chosen); Path=/; SameSite=Lax; Max-Age=31536000"))
        return response
    }
}

/// What the player sends with each commit (PlayerFrameScript `merged`). Decoded with JSONDecoder, which
/// reads the record straight into strings instead of boxing every value as JSONSerialization does. The
/// runtime calls that come with it are not decoded: they are kept for the trace as sent
/// (`CommitBody.calls(in:)`), so an odd trace entry cannot cost the learner the commit.
struct CommitBody: Decodable {
    let seq: Int64
    let reason: String?
    let record: [String: String]

    /// The `calls` array of a commit's text as sent, or `[]` when it has none or it is not an array.
    static func calls(in text: String) -> String {
        guard let calls = JSONMemberText.value(of: "calls", in: text), calls.hasPrefix("[") else { return "[]" }
        return calls
    }
}
