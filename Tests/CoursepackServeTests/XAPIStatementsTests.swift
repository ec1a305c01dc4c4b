import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import XCTest
@testable import CoursepackServe

/// `POST`/`PUT /xapi/statements` as an AU and an LRS client see it: what is stored, retries, conflicts,
/// concurrent statements, bad bodies.
extension HostHTTPTests {
    func cmi5Statement(_ launch: CMI5Launch, verb: String, id: String? = nil) -> [String: Any] {
        var body: [String: Any] = ["actor": launch.actor, "verb": ["id": "http://adlnet.gov/expapi/verbs/\(verb)"], "object": ["id": launch.au],
                                   "context": ["registration": launch.registration, "contextActivities": ["category": [["id": CMI5.categoryCMI5]]]]]
        if let id { body["id"] = id }
        return body
    }

    func answered(_ launch: CMI5Launch, id: String? = nil) -> [String: Any] {
        var body: [String: Any] = ["actor": launch.actor, "verb": ["id": "http://adlnet.gov/expapi/verbs/answered"],
                                   "object": ["id": launch.au + "/question-1"], "result": ["response": "choice-2", "success": true]]
        if let id { body["id"] = id }
        return body
    }

    func storedStatement(_ client: some TestClientProtocol, _ launch: CMI5Launch, id: String) async throws -> [String: Any] {
        let response = try await client.execute(uri: "/xapi/statements?statementId=\(id)", method: .get, headers: launch.xapi)
        XCTAssertEqual(response.status, .ok, "statement \(id) is stored")
        return object(response)
    }

    func testAStatementIsStoredAsSentWithTheLRSFieldsAndARetryIsAnsweredAsStored() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            let launch = try await self.launchCMI5(client, as: fixture.amina)
            let id = UUID().uuidString.lowercased()
            let first = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi,
                                                 body: self.json(self.cmi5Statement(launch, verb: "initialized", id: id)))
            XCTAssertEqual(first.status, .ok)
            XCTAssertEqual(String(buffer: first.body), "[\"\(id)\"]")
            let stored = try await self.storedStatement(client, launch, id: id)
            XCTAssertEqual(stored["id"] as? String, id)
            XCTAssertEqual((stored["verb"] as? [String: Any])?["id"] as? String, "http://adlnet.gov/expapi/verbs/initialized", "the AU's fields are kept")
            XCTAssertEqual((stored["context"] as? [String: Any])?["registration"] as? String, launch.registration)
            let storedTime = stored["stored"] as? String ?? ""
            XCTAssertNotNil(storedTime.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression), storedTime)
            XCTAssertEqual(stored["timestamp"] as? String, storedTime, "no timestamp sent: the time it was stored")
            XCTAssertEqual((stored["authority"] as? [String: Any])?["name"] as? String, "coursepack serve")

            // The answer was lost and the AU sends the same statement again: answered as stored, kept once,
            // although a second 'initialized' would break the rules.
            let again = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi,
                                                 body: self.json(self.cmi5Statement(launch, verb: "initialized", id: id)))
            XCTAssertEqual(again.status, .ok, String(buffer: again.body))
            let another = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi,
                                                   body: self.json(self.cmi5Statement(launch, verb: "initialized")))
            XCTAssertEqual(another.status, .forbidden, "a new 'initialized' in the same session is refused")
            await assertEqual(try await fixture.store.statements(learner: fixture.amina.id).filter { $0.verb == "initialized" }.count, 1)

            // An id in capitals is kept in lowercase; what the LRS sets (stored, authority) is the LRS's.
            let upper = UUID().uuidString.uppercased()
            var forged = self.answered(launch, id: upper)
            forged["authority"] = ["objectType": "Agent", "mbox": "mailto:someone@example.org"]
            forged["stored"] = "2001-01-01T00:00:00.000Z"
            forged["timestamp"] = "2026-01-02T03:04:05.000Z"
            let rewritten = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi, body: self.json(forged))
            XCTAssertEqual(rewritten.status, .ok, String(buffer: rewritten.body))
            let kept = try await self.storedStatement(client, launch, id: upper.lowercased())
            XCTAssertEqual(kept["id"] as? String, upper.lowercased())
            XCTAssertEqual((kept["authority"] as? [String: Any])?["name"] as? String, "coursepack serve")
            XCTAssertNotEqual(kept["stored"] as? String, "2001-01-01T00:00:00.000Z")
            XCTAssertEqual(kept["timestamp"] as? String, "2026-01-02T03:04:05.000Z", "the AU's timestamp is kept")
            await assertEqual(try await self.storedStatement(client, launch, id: upper)["id"] as? String, upper.lowercased(),
                              "read back with the id as the AU wrote it")

            // No id: the LRS gives one, and answers it.
            let unnamed = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi, body: self.json(self.answered(launch)))
            XCTAssertEqual(unnamed.status, .ok)
            let given = (try? JSONSerialization.jsonObject(with: Data(unnamed.body.readableBytesView))) as? [String] ?? []
            XCTAssertEqual(given.count, 1)
            XCTAssertNotNil(UUID(uuidString: given.first ?? ""))
            await assertEqual(try await self.storedStatement(client, launch, id: given.first ?? "")["id"] as? String, given.first)
        }
    }

    func testAStatementIdTakenByAnotherLaunchRefusesTheWholeBatch() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            let omar = try await self.launchCMI5(client, as: fixture.omar)
            let taken = UUID().uuidString.lowercased()
            await assertEqual(try await client.execute(uri: "/xapi/statements", method: .post, headers: omar.xapi,
                                                       body: self.json(self.answered(omar, id: taken))).status, .ok)
            let amina = try await self.launchCMI5(client, as: fixture.amina)
            let fresh = UUID().uuidString.lowercased()
            let batch = try await client.execute(uri: "/xapi/statements", method: .post, headers: amina.xapi,
                                                 body: self.json([self.answered(amina, id: fresh), self.answered(amina, id: taken)]))
            XCTAssertEqual(batch.status, .conflict, String(buffer: batch.body))
            XCTAssertTrue(String(buffer: batch.body).contains(taken))
            await assertNil(try await fixture.store.statement(id: fresh), "nothing of the batch is stored")
            await assertEqual(try await fixture.store.statement(id: taken)?.attemptID, omar.attemptID, "Omar's statement is untouched")
            let twice = try await client.execute(uri: "/xapi/statements", method: .post, headers: amina.xapi,
                                                 body: self.json([self.answered(amina, id: fresh), self.answered(amina, id: fresh)]))
            XCTAssertEqual(twice.status, .badRequest, "one id twice in a batch")
            let array = try await client.execute(uri: "/xapi/statements", method: .post, headers: amina.xapi,
                                                 body: self.json([self.answered(amina, id: fresh), self.answered(amina)]))
            XCTAssertEqual(array.status, .ok, "a batch of new statements")
            await assertEqual(try await fixture.store.statement(id: fresh)?.attemptID, amina.attemptID)
            let next = UUID().uuidString.lowercased()
            let resent = try await client.execute(uri: "/xapi/statements", method: .post, headers: amina.xapi,
                                                  body: self.json([self.answered(amina, id: fresh), self.answered(amina, id: next)]))
            XCTAssertEqual(resent.status, .ok, "a stored statement sent again with a new one: \(String(buffer: resent.body))")
            XCTAssertEqual(String(buffer: resent.body), "[\"\(fresh)\",\"\(next)\"]")
            await assertEqual(try await fixture.store.statement(id: next)?.attemptID, amina.attemptID, "the new one is stored")
        }
    }

    /// Two 'initialized' sent at once (an AU retrying with a new id, two tabs): the rules allow one, and
    /// however the two requests interleave, exactly one is stored.
    func testConcurrentStatementsCannotBothPassARuleOnlyOneMay() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            let launch = try await self.launchCMI5(client, as: fixture.amina)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi,
                                                 body: self.json(self.cmi5Statement(launch, verb: "initialized"))).status
                    }
                }
                var all: [HTTPResponse.Status] = []
                for try await status in group { all.append(status) }
                return all
            }
            XCTAssertEqual(statuses.filter { $0 == .ok }.count, 1, "\(statuses)")
            XCTAssertEqual(statuses.filter { $0 == .forbidden }.count, 5, "\(statuses)")
            await assertEqual(try await fixture.store.statements(learner: fixture.amina.id).filter { $0.verb == "initialized" }.count, 1)
        }
    }

    /// Amina's cmi5 launch as this instance remembers it (one 'answered' stored, so its progress is in
    /// memory), after a second instance on the same database stored her 'initialized'; then `body`.
    func withInitializedByAnotherInstance(_ body: @escaping @Sendable (any TestClientProtocol, CMI5Launch) async throws -> Void) async throws {
        let fixture = try await fixture()
        let otherInstance = CoursepackServe.Host(store: Store(backend: fixture.store.backend), configuration: fixture.host.configuration)
        try await app(fixture).test(.router) { client in
            let launch = try await self.launchCMI5(client, as: fixture.amina)
            await assertEqual(try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi,
                                                       body: self.json(self.answered(launch))).status, .ok, "this instance now remembers the progress")
            try await Application(router: otherInstance.router()).test(.router) { other in
                await assertEqual(try await other.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi,
                                                          body: self.json(self.cmi5Statement(launch, verb: "initialized"))).status, .ok)
            }
            try await body(client, launch)
        }
    }

    /// A second instance on the same database stored a statement this one has not seen: this instance's
    /// remembered progress is stale, and the write notices.
    func testAnotherInstancesStatementIsSeenBeforeTheRulesAreApplied() async throws {
        try await withInitializedByAnotherInstance { client, launch in
            let second = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi,
                                                  body: self.json(self.cmi5Statement(launch, verb: "initialized")))
            XCTAssertEqual(second.status, .forbidden, "the other instance's 'initialized' counts: \(String(buffer: second.body))")
        }
    }

    /// The other way round: this instance remembers a progress without 'initialized', another instance
    /// stored it; a 'completed' that needs it is accepted, not refused on what this instance remembered.
    func testAStatementAllowedByAnotherInstancesStatementIsNotRefused() async throws {
        try await withInitializedByAnotherInstance { client, launch in
            var completed = self.cmi5Statement(launch, verb: "completed")
            completed["result"] = ["completion": true]
            completed["context"] = ["registration": launch.registration,
                                    "contextActivities": ["category": [["id": CMI5.categoryCMI5], ["id": CMI5.categoryMoveOn]]]]
            let response = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi, body: self.json(completed))
            XCTAssertEqual(response.status, .ok, "allowed by the other instance's 'initialized': \(String(buffer: response.body))")
        }
    }

    func testStatementsToAResetAttemptAndBadBodiesAreRefused() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            let launch = try await self.launchCMI5(client, as: fixture.amina)
            for (body, status, why) in [("{\"actor\":", HTTPResponse.Status.badRequest, "not JSON"), ("\"a statement\"", .badRequest, "a string"),
                                        ("[1, 2]", .badRequest, "an array of numbers"), ("42", .badRequest, "a number"),
                                        ("{}", .forbidden, "an empty object: no actor, refused by the rules")] {
                let response = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi, body: ByteBuffer(string: body))
                XCTAssertEqual(response.status, status, why)
                XCTAssertTrue(String(buffer: response.body).contains("\"error\""), why)
            }
            // The same name twice: JSONDecoder reads the first value, JavaScript and JSONSerialization the last.
            let someoneElse = "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"http://localhost\",\"name\":\"someone-else\"}}"
            let actor = String(decoding: try JSONSerialization.data(withJSONObject: launch.actor), as: UTF8.self)
            for twice in ["{\"actor\":\(actor),\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":\"q\"},\"actor\":\(someoneElse)}",
                          "{\"actor\":\(actor),\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\",\"i\\u0064\":\"x\"},\"object\":{\"id\":\"q\"}}"] {
                let response = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi, body: ByteBuffer(string: twice))
                XCTAssertEqual(response.status, .badRequest, twice)
                XCTAssertTrue(String(buffer: response.body).contains("appears twice"), String(buffer: response.body))
            }
            let withMark = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi,
                                                    body: ByteBuffer(string: "\u{FEFF}" + String(decoding: try JSONSerialization.data(withJSONObject: self.answered(launch)), as: UTF8.self)))
            XCTAssertEqual(withMark.status, .ok, "a byte order mark before the statement")
            let notUUID = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi,
                                                   body: self.json(self.answered(launch, id: "statement-1")))
            XCTAssertEqual(notUUID.status, .badRequest)
            XCTAssertTrue(String(buffer: notUUID.body).contains("not a UUID"))
            let putWithout = try await client.execute(uri: "/xapi/statements", method: .put, headers: launch.xapi, body: self.json(self.answered(launch)))
            XCTAssertEqual(putWithout.status, .badRequest, "PUT needs statementId")
            let mismatch = try await client.execute(uri: "/xapi/statements?statementId=\(UUID().uuidString)", method: .put, headers: launch.xapi,
                                                    body: self.json(self.answered(launch, id: UUID().uuidString)))
            XCTAssertEqual(mismatch.status, .badRequest, "the statement's id is not statementId")

            let answeredBefore = try await fixture.store.statements(learner: fixture.amina.id).filter { $0.verb.hasSuffix("answered") }.count
            await assertTrue(try await fixture.store.resetAttempt(id: launch.attemptID))
            let afterReset = try await client.execute(uri: "/xapi/statements", method: .post, headers: launch.xapi, body: self.json(self.answered(launch)))
            XCTAssertEqual(afterReset.status, .conflict, "the trainer reset the attempt: \(String(buffer: afterReset.body))")
            await assertEqual(try await fixture.store.statements(learner: fixture.amina.id).filter { $0.verb.hasSuffix("answered") }.count, answeredBefore,
                              "nothing stored after the reset")
        }
    }
}
