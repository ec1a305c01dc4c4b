import Foundation
import Hummingbird

/// The cmi5 fetch URL and the small xAPI endpoint an AU talks to: statements, state, the learner
/// preferences profile. Every request is for one attempt, the one its credential was issued for.
extension Host {
    func addXAPIRoutes(_ router: Router<HostContext>) {
        router.post("/cmi5/fetch/:token") { _, context in
            guard let token = context.parameters.get("token"), let (_, credential) = try await self.store.redeemFetchToken(token) else {
                return Reply.json(["error-code": "1", "error-text": "this fetch URL was already used or is unknown; launch the AU again"])
            }
            let authToken = Data((credential + ":").utf8).base64EncodedString()
            return Reply.json(["auth-token": authToken])
        }
        router.get("/xapi/about") { _, _ in Reply.json(["version": ["1.0.3"]]) }

        router.put("/xapi/statements") { request, _ in try await self.statements(request, put: true) }
        router.post("/xapi/statements") { request, _ in try await self.statements(request, put: false) }
        router.get("/xapi/statements") { request, _ in
            guard let (attempt, _, _) = try await self.xapiAttempt(request) else { return Self.unauthorized }
            if let id = queryValue(request, "statementId") {
                guard let stored = try await self.store.statement(id: id), stored.attemptID == attempt.id else {
                    return Reply.error("no statement \(id) for this registration", status: .notFound)
                }
                return Reply.text(stored.body, contentType: "application/json; charset=utf-8")
            }
            let all = try await self.store.statements(learner: attempt.learnerID).filter { $0.attemptID == attempt.id }
            return Reply.text("{\"statements\":[" + all.map(\.body).joined(separator: ",") + "],\"more\":\"\"}", contentType: "application/json; charset=utf-8")
        }

        router.get("/xapi/activities/state") { request, _ in
            guard let (attempt, entry, package) = try await self.xapiAttempt(request) else { return Self.unauthorized }
            if let problem = Self.stateProblem(request, attempt: attempt) { return Reply.error(problem, status: .badRequest) }
            guard let stateID = queryValue(request, "stateId") else { return Reply.json([String]()) }
            if stateID == "LMS.LaunchData" {
                return Reply.json(CMI5.launchData(attempt: attempt, entry: entry, courseID: package.structure.courseID))
            }
            guard let document = try await self.store.stateDocument(attempt: attempt.id, stateID: stateID) else {
                return Reply.error("no state document \(stateID)", status: .notFound)
            }
            return Reply.text(document.body, contentType: document.contentType)
        }
        for method in [HTTPRequest.Method.put, .post] {
            router.on("/xapi/activities/state", method: method) { request, _ in
                var request = request
                guard let (attempt, _, _) = try await self.xapiAttempt(request) else { return Self.unauthorized }
                if let problem = Self.stateProblem(request, attempt: attempt) { return Reply.error(problem, status: .badRequest) }
                guard let stateID = queryValue(request, "stateId") else { return Reply.error("stateId is required", status: .badRequest) }
                if stateID == "LMS.LaunchData" { return Reply.error("LMS.LaunchData is the LMS's and read-only", status: .forbidden) }
                guard let body = try await request.bodyText(limit: self.configuration.maxJSONBytes) else {
                    return Reply.error("the document is over \(self.configuration.maxJSONBytes) bytes", status: .contentTooLarge)
                }
                var text = body
                // POST merges JSON objects (xAPI 1.0.3, 7.3.7); PUT replaces.
                if method == .post, let old = try await self.store.stateDocument(attempt: attempt.id, stateID: stateID),
                   var merged = (try? JSONSerialization.jsonObject(with: Data(old.body.utf8))) as? [String: Any],
                   let new = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] {
                    for (key, value) in new { merged[key] = value }
                    text = String(decoding: try JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys]), as: UTF8.self)
                }
                try await self.store.putStateDocument(attempt: attempt.id, stateID: stateID,
                                                      contentType: request.headers[.contentType] ?? "application/octet-stream", body: text)
                return Response(status: .noContent)
            }
        }
        router.delete("/xapi/activities/state") { request, _ in
            guard let (attempt, _, _) = try await self.xapiAttempt(request) else { return Self.unauthorized }
            if let problem = Self.stateProblem(request, attempt: attempt) { return Reply.error(problem, status: .badRequest) }
            try await self.store.deleteStateDocument(attempt: attempt.id, stateID: queryValue(request, "stateId"))
            return Response(status: .noContent)
        }
        router.get("/xapi/agents/profile") { request, _ in
            guard let (attempt, _, _) = try await self.xapiAttempt(request) else { return Self.unauthorized }
            guard queryValue(request, "profileId") == "cmi5LearnerPreferences" else { return Reply.error("no such profile", status: .notFound) }
            let learner = try await self.store.learner(id: attempt.learnerID)
            return Reply.json(["languagePreference": learner?.language ?? "en", "audioPreference": "on"])
        }
    }

    static var unauthorized: Response {
        var response = Reply.error("an xAPI request needs the Authorization the cmi5 fetch URL gave", status: .unauthorized)
        response.headers[.wwwAuthenticate] = "Basic realm=\"cmi5\""
        return response
    }

    /// The attempt, AU and package an xAPI credential stands for.
    func xapiAttempt(_ request: Request) async throws -> (Attempt, CourseStructure.Entry, Catalog.Package)? {
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Basic "),
              let decoded = Data(base64Encoded: String(authorization.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
              let credential = decoded.split(separator: ":", omittingEmptySubsequences: false).first, !credential.isEmpty,
              let attempt = try await store.attempt(xapiCredential: String(credential)),
              let package = try catalog.package(id: attempt.packageID, version: attempt.packageVersion),
              let entry = package.structure.launchables.first(where: { $0.id == attempt.scoID }) else { return nil }
        return (attempt, entry, package)
    }

    static func stateProblem(_ request: Request, attempt: Attempt) -> String? {
        if let activity = queryValue(request, "activityId"), activity != attempt.scoID { return "activityId is not the AU this credential is for" }
        if let registration = queryValue(request, "registration"), registration != attempt.registration { return "registration is not this launch's" }
        if let agent = queryValue(request, "agent"),
           let object = (try? JSONSerialization.jsonObject(with: Data(agent.utf8))) as? [String: Any],
           (object["account"] as? [String: Any])?["name"] as? String != attempt.learnerID {
            return "agent is not the learner of this launch"
        }
        return nil
    }

    func statements(_ request: Request, put: Bool) async throws -> Response {
        var request = request
        guard let (attempt, entry, _) = try await xapiAttempt(request) else { return Self.unauthorized }
        guard let text = try await request.bodyText(limit: configuration.maxJSONBytes) else {
            return Reply.error("the statements are over \(configuration.maxJSONBytes) bytes", status: .contentTooLarge)
        }
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return Reply.error("the body is not JSON", status: .badRequest) }
        var list: [[String: Any]]
        if let one = parsed as? [String: Any] { list = [one] } else if let many = parsed as? [[String: Any]] { list = many } else {
            return Reply.error("a statement is a JSON object (POST: or an array of them)", status: .badRequest)
        }
        if put {
            guard list.count == 1, let id = queryValue(request, "statementId") else { return Reply.error("PUT takes one statement and ?statementId=", status: .badRequest) }
            if let given = list[0]["id"] as? String, given.lowercased() != id.lowercased() { return Reply.error("the statement's id is not statementId", status: .badRequest) }
            list[0]["id"] = id.lowercased()
        }
        var verbs = try await store.verbs(attempt: attempt.id)
        var ids: [String] = []
        var fresh: [StoredStatement] = []
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var completion: String?, success: String?, score: Double?
        for var statement in list {
            let id = (statement["id"] as? String)?.lowercased() ?? Secret.uuid()
            guard UUID(uuidString: id) != nil else { return Reply.error("statement id '\(id)' is not a UUID", status: .badRequest) }
            statement["id"] = id
            if let existing = try await store.statement(id: id) {
                // A retry of the same statement is fine; another statement under its id is a conflict.
                if existing.attemptID == attempt.id { ids.append(id); continue }
                return Reply.error("statement \(id) already exists", status: .conflict)
            }
            if let problem = CMI5.refusal(statement, attempt: attempt, learnerID: attempt.learnerID, entry: entry, earlier: verbs) {
                return Reply.error("refused by the cmi5 rules: \(problem)", status: .forbidden)
            }
            let verbID = (statement["verb"] as? [String: Any])?["id"] as? String ?? ""
            let verb = CMI5.verbs[verbID] ?? verbID
            statement["stored"] = formatter.string(from: Date())
            if statement["timestamp"] == nil { statement["timestamp"] = statement["stored"] }
            statement["authority"] = ["objectType": "Agent", "name": "coursepack serve", "account": ["homePage": "urn:coursepack", "name": "host"]]
            verbs.append(verb)
            let result = statement["result"] as? [String: Any]
            switch verb {
            case "passed", "failed":
                success = verb
                if let scaled = (result?["score"] as? [String: Any])?["scaled"] as? Double { score = (scaled * 1000).rounded() / 10 }
            default: break
            }
            let body = String(decoding: try JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
            fresh.append(StoredStatement(id: id, attemptID: attempt.id, verb: verb, body: body))
            ids.append(id)
        }
        if CMI5.satisfied(moveOn: entry.moveOn, verbs: verbs) { completion = "completed" }
        let summary = completion != nil || success != nil || score != nil
            ? store.updateSummary(attempt: attempt.id, completion: completion, success: success, score: score, closes: false) : nil
        if !fresh.isEmpty || summary != nil {
            _ = try await store.storeStatements(fresh, registration: attempt.registration ?? "", summary: summary)
        }
        if put { return Response(status: .noContent) }
        return Reply.json(ids)
    }
}
