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
            guard let (grant, _) = try await self.xapiGrant(request) else { return Self.unauthorized }
            if let id = queryValue(request, "statementId")?.lowercased() {
                guard let stored = try await self.store.statement(id: id), stored.attemptID == grant.attemptID else {
                    return Reply.error("no statement \(id) for this registration", status: .notFound)
                }
                return Reply.text(stored.body, contentType: "application/json; charset=utf-8")
            }
            let all = try await self.store.statements(learner: grant.learnerID).filter { $0.attemptID == grant.attemptID }
            return Reply.text("{\"statements\":[" + all.map(\.body).joined(separator: ",") + "],\"more\":\"\"}", contentType: "application/json; charset=utf-8")
        }

        router.get("/xapi/activities/state") { request, _ in
            guard let (grant, au) = try await self.xapiGrant(request) else { return Self.unauthorized }
            if let problem = Self.stateProblem(request, grant: grant) { return Reply.error(problem, status: .badRequest) }
            guard let stateID = queryValue(request, "stateId") else { return Reply.json([String]()) }
            if stateID == "LMS.LaunchData" {
                return Reply.json(CMI5.launchData(grant: grant, entry: au.entry, courseID: au.courseID))
            }
            guard let document = try await self.store.stateDocument(attempt: grant.attemptID, stateID: stateID) else {
                return Reply.error("no state document \(stateID)", status: .notFound)
            }
            return Reply.text(document.body, contentType: document.contentType)
        }
        for method in [HTTPRequest.Method.put, .post] {
            router.on("/xapi/activities/state", method: method) { request, _ in
                var request = request
                guard let (grant, _) = try await self.xapiGrant(request) else { return Self.unauthorized }
                if let problem = Self.stateProblem(request, grant: grant) { return Reply.error(problem, status: .badRequest) }
                guard let stateID = queryValue(request, "stateId") else { return Reply.error("stateId is required", status: .badRequest) }
                if stateID == "LMS.LaunchData" { return Reply.error("LMS.LaunchData is the LMS's and read-only", status: .forbidden) }
                guard let body = try await request.bodyText(limit: self.configuration.maxJSONBytes) else {
                    return Reply.error("the document is over \(self.configuration.maxJSONBytes) bytes", status: .contentTooLarge)
                }
                var text = body
                // POST merges JSON objects (xAPI 1.0.3, 7.3.7); PUT replaces.
                if method == .post, let old = try await self.store.stateDocument(attempt: grant.attemptID, stateID: stateID),
                   var merged = (try? JSONSerialization.jsonObject(with: Data(old.body.utf8))) as? [String: Any],
                   let new = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] {
                    for (key, value) in new { merged[key] = value }
                    text = String(decoding: try JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys]), as: UTF8.self)
                }
                try await self.store.putStateDocument(attempt: grant.attemptID, stateID: stateID,
                                                      contentType: request.headers[.contentType] ?? "application/octet-stream", body: text)
                return Response(status: .noContent)
            }
        }
        router.delete("/xapi/activities/state") { request, _ in
            guard let (grant, _) = try await self.xapiGrant(request) else { return Self.unauthorized }
            if let problem = Self.stateProblem(request, grant: grant) { return Reply.error(problem, status: .badRequest) }
            try await self.store.deleteStateDocument(attempt: grant.attemptID, stateID: queryValue(request, "stateId"))
            return Response(status: .noContent)
        }
        router.get("/xapi/agents/profile") { request, _ in
            guard let (grant, _) = try await self.xapiGrant(request) else { return Self.unauthorized }
            guard queryValue(request, "profileId") == "cmi5LearnerPreferences" else { return Reply.error("no such profile", status: .notFound) }
            let learner = try await self.store.learner(id: grant.learnerID)
            return Reply.json(["languagePreference": learner?.language ?? "en", "audioPreference": "on"])
        }
    }

    static var unauthorized: Response {
        var response = Reply.error("an xAPI request needs the Authorization the cmi5 fetch URL gave", status: .unauthorized)
        response.headers[.wwwAuthenticate] = "Basic realm=\"cmi5\""
        return response
    }

    /// The AU of a grant, as its package's course structure has it.
    struct GrantedAU {
        let entry: CourseStructure.Entry
        let courseID: String?
    }

    /// The credential of an xAPI request (`Authorization: Basic`, the credential as the user name).
    static func xapiCredential(_ request: Request) -> String? {
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Basic "),
              let decoded = Data(base64Encoded: String(authorization.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
              let credential = decoded.split(separator: ":", omittingEmptySubsequences: false).first, !credential.isEmpty else { return nil }
        return String(credential)
    }

    /// The attempt and AU an xAPI request's credential stands for.
    func xapiGrant(_ request: Request) async throws -> (XAPIGrant, GrantedAU)? {
        guard let credential = Self.xapiCredential(request), let (grant, _) = try await store.xapiGrant(credential: credential),
              let au = try grantedAU(grant) else { return nil }
        return (grant, au)
    }

    func grantedAU(_ grant: XAPIGrant) throws -> GrantedAU? {
        guard let structure = try catalog.structure(id: grant.packageID, version: grant.packageVersion),
              let entry = structure.launchables.first(where: { $0.id == grant.auID }) else { return nil }
        return GrantedAU(entry: entry, courseID: structure.courseID)
    }

    static func stateProblem(_ request: Request, grant: XAPIGrant) -> String? {
        if let activity = queryValue(request, "activityId"), activity != grant.auID { return "activityId is not the AU this credential is for" }
        if let registration = queryValue(request, "registration"), registration != grant.registration { return "registration is not this launch's" }
        if let agent = queryValue(request, "agent"),
           let object = (try? JSONSerialization.jsonObject(with: Data(agent.utf8))) as? [String: Any],
           (object["account"] as? [String: Any])?["name"] as? String != grant.learnerID {
            return "agent is not the learner of this launch"
        }
        return nil
    }
}
