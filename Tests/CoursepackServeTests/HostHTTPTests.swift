import CoursepackImport
import CoursepackVerify
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import XCTest
@testable import CoursepackServe

/// The host over HTTP (HummingbirdTesting): joining, attempts and commits, content, cmi5/xAPI, admin,
/// and what each refuses. The packages are the browser tests' own (Tests/Serve/make_packages.py),
/// imported through `coursepack import`'s code.
final class HostHTTPTests: XCTestCase, @unchecked Sendable {
    struct Fixture {
        let host: CoursepackServe.Host
        let store: Store
        let folder: URL
        let packages: URL
        let amina: Learner
        let omar: Learner
    }

    static let password = "correct horse battery"

    func fixture(maxUpload: Int64 = 512 << 20) async throws -> Fixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-\(UUID().uuidString)")
        let packages = folder.appendingPathComponent("packages-in")
        try FileManager.default.createDirectory(at: packages, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Serve/make_packages.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, packages.path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "make_packages.py")
        let libraryURL = folder.appendingPathComponent("library")
        let library = try Library(libraryURL, create: true)
        for name in ["plain-sco-12", "two-sco-2004", "cmi5-quiz", "sequenced-2004"] {
            _ = try PackageImport.run(packages.appendingPathComponent("\(name).zip"), displayPath: name, into: library, options: PackageVerification.Options())
        }
        let store = Store(backend: try SQLiteBackend(path: libraryURL.appendingPathComponent("host.sqlite").path))
        try await store.prepare()
        try await store.setAdminPassword(hash: HostServer.passwordHash(Self.password, cost: 4))
        let learners = try await store.addLearners(["Amina", "Omar"])
        var configuration = HostConfiguration(library: libraryURL)
        configuration.maxUploadBytes = maxUpload
        return Fixture(host: CoursepackServe.Host(store: store, configuration: configuration), store: store, folder: folder, packages: packages,
                       amina: learners[0], omar: learners[1])
    }

    func app(_ fixture: Fixture) -> some ApplicationProtocol {
        Application(router: fixture.host.router())
    }

    func json(_ object: Any) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    func object(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    func join(_ client: some TestClientProtocol, _ learner: Learner) async throws -> HTTPFields {
        let response = try await client.execute(uri: "/api/join", method: .post, body: json(["code": learner.code.lowercased()]))
        XCTAssertEqual(response.status, .ok)
        let token = object(response)["token"] as? String ?? ""
        XCTAssertTrue(response.headers[.setCookie]?.contains("HttpOnly") ?? false)
        return [.authorization: "Bearer " + token]
    }

    func testALearnerJoinsWithACodeAndSeesTheCatalogInTheirLanguage() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            let wrong = try await client.execute(uri: "/join", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "code=ZZZ-ZZZ&lang=fr"))
            XCTAssertEqual(wrong.status, .unauthorized)
            XCTAssertTrue(String(buffer: wrong.body).contains("Aucun participant"), "the refusal is in the learner's language")
            let joined = try await client.execute(uri: "/join", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "code=\(fixture.amina.code)&lang=ar"))
            XCTAssertEqual(joined.status, .seeOther)
            let cookie = joined.headers[.setCookie]?.split(separator: ";").first.map(String.init) ?? ""
            XCTAssertTrue(cookie.hasPrefix("coursepack_learner="))
            let catalog = try await client.execute(uri: "/catalog", method: .get, headers: [.cookie: cookie])
            let page = String(buffer: catalog.body)
            XCTAssertTrue(page.contains("dir=\"rtl\""), "Arabic lays out right to left")
            XCTAssertTrue(page.contains("وحداتك"))
            for title in ["Registering your address", "Two parts of a first week", "Public services"] { XCTAssertTrue(page.contains(title), title) }
            XCTAssertFalse(page.contains("<script"), "the catalog needs no script")
            let english = try await client.execute(uri: "/catalog?lang=en", method: .get, headers: [.cookie: cookie])
            let englishPage = String(buffer: english.body)
            XCTAssertTrue(englishPage.contains("dir=\"ltr\""))
            // a package whose sequencing rules the host does not apply is flagged on its card, and only it
            func card(_ id: String) -> String {
                guard let start = englishPage.range(of: "data-package=\"\(id)\"") else { return "" }
                let rest = englishPage[start.upperBound...]
                return String(rest[..<(rest.range(of: "</li>")?.lowerBound ?? rest.endIndex)])
            }
            XCTAssertTrue(card("sequenced-2004").contains("class=\"notice\""), card("sequenced-2004"))
            XCTAssertFalse(card("two-sco-2004").contains("class=\"notice\""), card("two-sco-2004"))
            let anonymous = try await client.execute(uri: "/catalog", method: .get)
            XCTAssertEqual(anonymous.status, .seeOther, "no session: back to the join page")
        }
    }

    func testCommitsAreIdempotentAndOnlyTheLearnersOwn() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            let amina = try await self.join(client, fixture.amina)
            let omar = try await self.join(client, fixture.omar)
            let started = try await client.execute(uri: "/api/attempts", method: .post, headers: amina, body: self.json(["package": "plain-sco-12"]))
            XCTAssertEqual(started.status, .ok)
            let launch = self.object(started)
            let attempt = launch["attempt"] as? String ?? ""
            XCTAssertEqual(launch["version"] as? String, "1.2")
            XCTAssertEqual(launch["seq"] as? Int, 0)
            XCTAssertEqual(launch["contentURL"] as? String, "/content/plain-sco-12/1.0/sco/index.html")
            XCTAssertEqual((launch["launch"] as? [String: Any])?["masteryScore"] as? String, "70")
            let commit: [String: Any] = ["seq": 1, "reason": "commit", "record": ["cmi.core.lesson_location": "q1", "cmi.core.lesson_status": "incomplete"],
                                         "calls": [["fn": "LMSSetValue", "args": ["cmi.core.lesson_location", "q1"], "ret": "true", "err": "0"]]]
            let first = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: amina, body: self.json(commit))
            XCTAssertEqual(self.object(first)["saved"] as? Bool, true)
            XCTAssertEqual(self.object(first)["duplicate"] as? Bool, false)
            let again = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: amina, body: self.json(commit))
            XCTAssertEqual(self.object(again)["duplicate"] as? Bool, true, "a retried commit is not applied twice")
            await assertEqual(try await fixture.store.trace(attempt: attempt).count, 1)

            let other = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: omar, body: self.json(commit))
            XCTAssertEqual(other.status, .notFound, "another learner cannot write (or learn of) this attempt")
            let none = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, body: self.json(commit))
            XCTAssertEqual(none.status, .unauthorized)
            let bad = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: amina, body: ByteBuffer(string: "{\"seq\":\"x\"}"))
            XCTAssertEqual(bad.status, .badRequest)
            XCTAssertTrue(self.object(bad)["error"] as? String ?? "" != "", "a refusal says what a commit is")
            for body in ["{\"seq\":0,\"record\":{}}", "{\"seq\":1.5,\"record\":{}}", "{\"seq\":2}", "[1]", "{\"seq\":2,\"record\":{},\"calls\":[1,"] {
                let refused = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: amina, body: ByteBuffer(string: body))
                XCTAssertEqual(refused.status, .badRequest, body)
                XCTAssertTrue((self.object(refused)["error"] as? String ?? "").hasPrefix("a commit is {"), body)
            }
            let notString = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: amina,
                                                     body: self.json(["seq": 2, "record": ["cmi.core.score.raw": 80]]))
            XCTAssertEqual(notString.status, .badRequest)
            XCTAssertEqual(self.object(notString)["error"] as? String, "record value of cmi.core.score.raw is not a string")
            let huge = ["seq": 2, "record": ["cmi.suspend_data": String(repeating: "x", count: 2 << 20)]] as [String: Any]
            let tooLarge = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: amina, body: self.json(huge))
            XCTAssertEqual(tooLarge.status, .contentTooLarge)

            // the same learner on another device resumes the same attempt
            let resumed = try await client.execute(uri: "/api/attempts", method: .post, headers: try await self.join(client, fixture.amina),
                                                   body: self.json(["package": "plain-sco-12"]))
            XCTAssertEqual(self.object(resumed)["attempt"] as? String, attempt)
            XCTAssertEqual(self.object(resumed)["seq"] as? Int, 1)
            XCTAssertEqual((self.object(resumed)["record"] as? [String: String])?["cmi.core.lesson_location"], "q1")
            // the trainer resets it: the old session's commits are refused with 409
            _ = try await fixture.store.resetAttempt(id: attempt)
            var next = commit
            next["seq"] = 2
            let retired = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: amina, body: self.json(next))
            XCTAssertEqual(retired.status, .conflict)
        }
    }

    func testAnOddTraceEntryDoesNotCostTheLearnerTheCommit() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            let amina = try await self.join(client, fixture.amina)
            let started = try await client.execute(uri: "/api/attempts", method: .post, headers: amina, body: self.json(["package": "plain-sco-12"]))
            let attempt = self.object(started)["attempt"] as? String ?? ""
            let oddCalls: [String: Any] = ["seq": 1, "record": ["cmi.core.lesson_location": "q2"],
                                           "calls": [["fn": "LMSSetValue", "args": ["cmi.core.score.raw", 80, NSNull(), ["x": 1]], "ret": "true", "err": 0],
                                                     ["args": [], "ret": NSNull()]]]
            let odd = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: amina, body: self.json(oddCalls))
            XCTAssertEqual(self.object(odd)["saved"] as? Bool, true, "an odd trace entry does not cost the learner the commit")
            let kept = try await fixture.store.trace(attempt: attempt).last?.calls ?? ""
            XCTAssertEqual((try? JSONSerialization.jsonObject(with: Data(kept.utf8))) as? NSArray, oddCalls["calls"] as? NSArray,
                           "the calls are kept as sent: \(kept)")
        }
    }

    func testPackageFilesAreServedFromTheirOwnPathWithASandboxAndNoWayOut() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            let amina = try await self.join(client, fixture.amina)
            let file = try await client.execute(uri: "/content/plain-sco-12/1.0/sco/index.html", method: .get, headers: amina)
            XCTAssertEqual(file.status, .ok)
            XCTAssertEqual(file.headers[.contentType], "text/html; charset=utf-8")
            let policy = file.headers[.contentSecurityPolicy] ?? ""
            XCTAssertTrue(policy.contains("sandbox allow-scripts allow-same-origin"), policy)
            XCTAssertFalse(policy.contains("allow-popups"), "content cannot open a window on the admin pages")
            XCTAssertFalse(policy.contains("allow-top-navigation"))
            XCTAssertTrue(policy.contains("connect-src http://localhost/content/plain-sco-12/1.0/ http://localhost/xapi/"), policy)
            let anonymous = try await client.execute(uri: "/content/plain-sco-12/1.0/sco/index.html", method: .get)
            XCTAssertEqual(anonymous.status, .unauthorized)
            for path in ["/content/plain-sco-12/1.0/../../../host.sqlite", "/content/plain-sco-12/1.0/sco/..%2F..%2Fimsmanifest.xml",
                         "/content/plain-sco-12/1.0/%2e%2e/%2e%2e/host.sqlite", "/content/plain-sco-12/1.0/%2Fetc%2Fpasswd",
                         "/content/plain-sco-12/1.0/sco/..%5C..%5Chost.sqlite", "/content/plain-sco-12/1.0//etc/passwd",
                         "/content/plain-sco-12/1.0/sco/index.html%00.png", "/content/plain-sco-12/9.9/sco/index.html",
                         "/content/..%2F..%2Fhost.sqlite/1.0/x"] {
                let response = try await client.execute(uri: path, method: .get, headers: amina)
                XCTAssertEqual(response.status, .notFound, path)
                XCTAssertFalse(String(buffer: response.body).contains("SQLite"), path)
            }
            let player = try await client.execute(uri: "/play/plain-sco-12", method: .get, headers: amina)
            XCTAssertEqual(player.status, .ok)
            let playerPolicy = player.headers[.contentSecurityPolicy] ?? ""
            XCTAssertTrue(playerPolicy.contains("connect-src http://localhost/api/;"), "the frame's parent may only reach the learner API: \(playerPolicy)")
            XCTAssertTrue(playerPolicy.contains("frame-ancestors 'none'"))
        }
    }

    func testCMI5LaunchFetchAndTheStatementRules() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            let launch = try await self.launchCMI5(client, as: fixture.amina)
            let (started, url, parameters, registration, xapi, actor, au) = (launch.started, launch.url, launch.parameters, launch.registration,
                                                                               launch.xapi, launch.actor, launch.au)
            XCTAssertEqual(started["version"] as? String, "cmi5", "\(started)")
            XCTAssertTrue(url.percentEncodedPath.hasPrefix("/content/https%3A%2F%2Fexample.org%2Fcourses%2Fpublic-services/"), url.percentEncodedPath)
            XCTAssertTrue(url.percentEncodedPath.hasSuffix("/au/index.html"), url.percentEncodedPath)
            XCTAssertEqual(parameters["endpoint"], "http://localhost/xapi/")
            XCTAssertEqual(parameters["activityId"], "https://example.org/courses/public-services/quiz")
            XCTAssertNotNil(UUID(uuidString: registration))
            await assertNil(self.object(try await client.execute(uri: launch.fetchPath, method: .post))["auth-token"], "the fetch URL works once")
            func statement(_ verb: String, result: [String: Any]? = nil, moveOn: Bool = false) -> [String: Any] {
                var categories = [["id": CMI5.categoryCMI5]]
                if moveOn { categories.append(["id": CMI5.categoryMoveOn]) }
                var body: [String: Any] = ["actor": actor, "verb": ["id": "http://adlnet.gov/expapi/verbs/\(verb)"], "object": ["id": au],
                                           "context": ["registration": registration, "contextActivities": ["category": categories]]]
                if let result { body["result"] = result }
                return body
            }
            func put(_ body: [String: Any]) async throws -> TestResponse {
                try await client.execute(uri: "/xapi/statements?statementId=\(UUID().uuidString.lowercased())", method: .put, headers: xapi, body: self.json(body))
            }
            let launchData = self.object(try await client.execute(uri: "/xapi/activities/state?stateId=LMS.LaunchData&activityId=\(escapeURLComponent(au))&registration=\(registration)", method: .get, headers: xapi))
            XCTAssertEqual(launchData["moveOn"] as? String, "CompletedAndPassed")
            XCTAssertEqual(launchData["masteryScore"] as? Double, 0.6)
            XCTAssertEqual(launchData["launchMode"] as? String, "Normal")
            await assertEqual(try await put(statement("completed", result: ["completion": true], moveOn: true)).status, .forbidden, "nothing before initialized")
            await assertEqual(try await put(statement("launched")).status, .forbidden, "launched is the LMS's")
            await assertEqual(try await put(statement("initialized")).status, .noContent)
            await assertEqual(try await put(statement("passed", result: ["success": true, "score": ["scaled": 0.3]], moveOn: true)).status, .forbidden, "under the mastery score")
            await assertEqual(try await put(statement("completed", result: ["completion": true])).status, .forbidden, "completed needs the moveon category")
            await assertEqual(try await put(statement("completed", result: ["completion": true], moveOn: true)).status, .noContent)
            await assertEqual(try await put(statement("completed", result: ["completion": true], moveOn: true)).status, .forbidden, "completed once")
            var wrongRegistration = statement("passed", result: ["success": true, "score": ["scaled": 0.9]], moveOn: true)
            wrongRegistration["context"] = ["registration": UUID().uuidString.lowercased(), "contextActivities": ["category": [["id": CMI5.categoryCMI5]]]]
            await assertEqual(try await put(wrongRegistration).status, .forbidden)
            await assertEqual(try await put(statement("passed", result: ["success": true, "score": ["scaled": 0.9]], moveOn: true)).status, .noContent)
            await assertEqual(try await put(statement("terminated")).status, .noContent)
            await assertEqual(try await put(statement("initialized")).status, .forbidden, "nothing after terminated")
            let attempt = try await fixture.store.attempt(id: started["attempt"] as? String ?? "")
            XCTAssertEqual(attempt?.completion, "completed", "moveOn CompletedAndPassed met")
            XCTAssertEqual(attempt?.success, "passed")
            XCTAssertEqual(attempt?.score, 90)
            let unauthorized = try await client.execute(uri: "/xapi/statements", method: .post, body: self.json(statement("initialized")))
            XCTAssertEqual(unauthorized.status, .unauthorized)
        }
    }

    /// A learner's cmi5 launch as the AU sees it: the launch parameters, the credential the fetch URL
    /// gave, the headers of an xAPI request with it.
    struct CMI5Launch: @unchecked Sendable {
        let started: [String: Any]
        let url: URLComponents
        let parameters: [String: String]
        let registration: String
        let fetchPath: String
        let xapi: HTTPFields
        let actor: Any
        let au: String
        var attemptID: String { started["attempt"] as? String ?? "" }
    }

    func launchCMI5(_ client: some TestClientProtocol, as learner: Learner) async throws -> CMI5Launch {
        let session = try await join(client, learner)
        let started = object(try await client.execute(uri: "/api/attempts", method: .post, headers: session, body: json(["package": "https://example.org/courses/public-services"])))
        let url = URLComponents(string: "http://localhost" + (started["contentURL"] as? String ?? ""))!
        let parameters = Dictionary(uniqueKeysWithValues: (url.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        let fetchPath = String((parameters["fetch"] ?? "").dropFirst("http://localhost".count))
        let token = object(try await client.execute(uri: fetchPath, method: .post))["auth-token"] as? String ?? ""
        XCTAssertFalse(token.isEmpty, "the fetch URL gives a credential")
        return CMI5Launch(started: started, url: url, parameters: parameters, registration: parameters["registration"] ?? "", fetchPath: fetchPath,
                          xapi: [.authorization: "Basic " + token, .xExperienceAPIVersion: "1.0.3", .contentType: "application/json"],
                          actor: try JSONSerialization.jsonObject(with: Data((parameters["actor"] ?? "").utf8)), au: parameters["activityId"] ?? "")
    }

    func testAdminLoginIsLimitedAndEveryChangeNeedsTheCSRFToken() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let learnerPage = try await client.execute(uri: "/admin/progress", method: .get, headers: try await self.join(client, fixture.amina))
            XCTAssertEqual(learnerPage.status, .seeOther, "a learner's session opens no admin page")
            let wrong = try await client.execute(uri: "/admin/login", method: .post, headers: form, body: ByteBuffer(string: "password=guess"))
            XCTAssertEqual(wrong.status, .unauthorized)
            let right = try await client.execute(uri: "/admin/login", method: .post, headers: form,
                                                 body: ByteBuffer(string: "password=" + escapeURLComponent(Self.password)))
            XCTAssertEqual(right.status, .seeOther)
            let setCookie = right.headers[.setCookie] ?? ""
            XCTAssertTrue(setCookie.contains("Path=/admin") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie)
            let cookie = String(setCookie.split(separator: ";")[0])
            let dashboard = String(buffer: try await client.execute(uri: "/admin", method: .get, headers: [.cookie: cookie]).body)
            let csrf = dashboard.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression).map { String(dashboard[$0]).split(separator: "\"")[3] }.map(String.init) ?? ""
            XCTAssertEqual(csrf.count, 32)
            var headers = form
            headers[.cookie] = cookie
            let forged = try await client.execute(uri: "/admin/learners", method: .post, headers: headers, body: ByteBuffer(string: "names=Intruder"))
            XCTAssertEqual(forged.status, .forbidden, "no CSRF token: refused")
            await assertNil(try await fixture.store.learner(codeOrName: "Intruder"))
            var crossSite = headers
            crossSite[.origin] = "http://evil.example"
            let crossSiteAttempt = try await client.execute(uri: "/admin/learners", method: .post, headers: crossSite, body: ByteBuffer(string: "names=Intruder&csrf=\(csrf)"))
            XCTAssertEqual(crossSiteAttempt.status, .forbidden, "another origin: refused")
            let created = try await client.execute(uri: "/admin/learners", method: .post, headers: headers, body: ByteBuffer(string: "names=Samira%0AYoussef&csrf=\(csrf)"))
            XCTAssertEqual(created.status, .ok)
            let page = String(buffer: created.body)
            XCTAssertTrue(page.contains("Samira") && page.contains("Youssef") && page.contains("2 learners created"))
            XCTAssertEqual(created.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'"), true, "admin pages cannot be framed")
            let csv = try await client.execute(uri: "/admin/export/progress.csv", method: .get, headers: [.cookie: cookie])
            XCTAssertTrue(String(buffer: csv.body).hasPrefix("learner,code,package"))
            let anonymousExport = try await client.execute(uri: "/admin/export/progress.csv", method: .get)
            XCTAssertEqual(anonymousExport.status, .unauthorized)
            // the limit: five failures in the window and even the right password is refused
            for _ in 0..<5 { _ = try await client.execute(uri: "/admin/login", method: .post, headers: form, body: ByteBuffer(string: "password=guess")) }
            let limited = try await client.execute(uri: "/admin/login", method: .post, headers: form,
                                                   body: ByteBuffer(string: "password=" + escapeURLComponent(Self.password)))
            XCTAssertEqual(limited.status, .tooManyRequests)
        }
    }

    func testTheTrainerMarksAnAttemptCompleteOrResetsIt() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            let amina = try await self.join(client, fixture.amina)
            let started = self.object(try await client.execute(uri: "/api/attempts", method: .post, headers: amina, body: self.json(["package": "plain-sco-12"])))
            let attempt = started["attempt"] as? String ?? ""
            let commit: [String: Any] = ["seq": 1, "record": ["cmi.core.lesson_status": "incomplete", "cmi.core.lesson_location": "q1"]]
            _ = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: amina, body: self.json(commit))
            let (token, session) = try await fixture.store.openAdminSession()
            let admin: HTTPFields = [.cookie: "coursepack_admin=\(token)", .contentType: "application/x-www-form-urlencoded"]
            let forged = try await client.execute(uri: "/admin/attempts/\(attempt)/complete", method: .post, headers: admin, body: ByteBuffer(string: "csrf=0"))
            XCTAssertEqual(forged.status, .forbidden, "a wrong CSRF token changes nothing")
            await assertEqual(try await fixture.store.attempt(id: attempt)?.completion, "incomplete")
            let marked = try await client.execute(uri: "/admin/attempts/\(attempt)/complete", method: .post, headers: admin, body: ByteBuffer(string: "csrf=\(session.csrf)"))
            XCTAssertEqual(marked.status, .seeOther)
            await assertEqual(try await fixture.store.attempt(id: attempt)?.completion, "completed")
            let catalog = String(buffer: try await client.execute(uri: "/catalog?lang=en", method: .get, headers: amina).body)
            XCTAssertTrue(catalog.contains("status completed"), "the learner's card says completed")
            let afterwards: [String: Any] = ["seq": 2, "record": ["cmi.core.lesson_status": "incomplete", "cmi.core.lesson_location": "q2"]]
            _ = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: amina, body: self.json(afterwards))
            await assertEqual(try await fixture.store.attempt(id: attempt)?.completion, "completed", "the trainer's mark holds against the content")
            await assertEqual(try await fixture.store.attempt(id: attempt)?.record["cmi.core.lesson_location"], "q2", "the learner's data is still kept")

            let reset = try await client.execute(uri: "/admin/attempts/\(attempt)/reset", method: .post, headers: admin, body: ByteBuffer(string: "csrf=\(session.csrf)"))
            XCTAssertEqual(reset.status, .seeOther)
            let late = try await client.execute(uri: "/api/attempts/\(attempt)/commits", method: .post, headers: amina,
                                                body: self.json(["seq": 3, "record": ["cmi.core.lesson_location": "q3"]]))
            XCTAssertEqual(late.status, .conflict, "the reset attempt's open session is told to start again")
            let again = self.object(try await client.execute(uri: "/api/attempts", method: .post, headers: amina, body: self.json(["package": "plain-sco-12"])))
            XCTAssertNotEqual(again["attempt"] as? String, attempt)
            XCTAssertEqual(again["seq"] as? Int, 0)
            XCTAssertEqual(again["entry"] as? String, "ab-initio")
            let after = String(buffer: try await client.execute(uri: "/catalog?lang=en", method: .get, headers: amina).body)
            XCTAssertTrue(after.contains("status not-started") || after.contains("status incomplete"), "a reset attempt no longer counts")
        }
    }

    func testLearnersGetTheVersionTheTrainerChoseAndAnAttemptKeepsItsOwn() async throws {
        let fixture = try await fixture()
        try await app(fixture).test(.router) { client in
            func start(_ headers: HTTPFields) async throws -> String {
                let launch = self.object(try await client.execute(uri: "/api/attempts", method: .post, headers: headers, body: self.json(["package": "plain-sco-12"])))
                return launch["contentURL"] as? String ?? ""
            }
            let amina = try await self.join(client, fixture.amina)
            await assertEqual(try await start(amina), "/content/plain-sco-12/1.0/sco/index.html")
            let library = try Library(fixture.folder.appendingPathComponent("library"), create: false)
            _ = try PackageImport.run(fixture.packages.appendingPathComponent("plain-sco-12-v1.1.zip"), displayPath: "v1.1", into: library,
                                      options: PackageVerification.Options())
            await assertEqual(try await start(try await self.join(client, fixture.omar)), "/content/plain-sco-12/1.1/sco/index.html", "the newest by default")
            await assertEqual(try await start(amina), "/content/plain-sco-12/1.0/sco/index.html", "an attempt stays on the version it started with")

            let (token, session) = try await fixture.store.openAdminSession()
            let admin: HTTPFields = [.cookie: "coursepack_admin=\(token)", .contentType: "application/x-www-form-urlencoded"]
            let unknown = try await client.execute(uri: "/admin/packages/plain-sco-12/version", method: .post, headers: admin,
                                                   body: ByteBuffer(string: "version=9.9&csrf=\(session.csrf)"))
            XCTAssertEqual(unknown.status, .notFound, "a version that is not in the library")
            let chosen = try await client.execute(uri: "/admin/packages/plain-sco-12/version", method: .post, headers: admin,
                                                  body: ByteBuffer(string: "version=1.0&csrf=\(session.csrf)"))
            XCTAssertEqual(chosen.status, .seeOther)
            let lina = try await fixture.store.addLearners(["Lina"])[0]
            await assertEqual(try await start(try await self.join(client, lina)), "/content/plain-sco-12/1.0/sco/index.html", "the trainer's choice")
        }
    }

    func testUploadsAreVerifiedAndOversizedOrHostileOnesRefused() async throws {
        let fixture = try await fixture(maxUpload: 64 << 10)
        try await app(fixture).test(.router) { client in
            let (token, session) = try await fixture.store.openAdminSession()
            let headers: HTTPFields = [.cookie: "coursepack_admin=\(token)", .xCSRFToken: session.csrf, .contentType: "application/zip"]
            let hostile = try Data(contentsOf: fixture.packages.appendingPathComponent("hostile.zip"))
            let refused = try await client.execute(uri: "/admin/upload?name=hostile.zip", method: .post, headers: headers, body: ByteBuffer(bytes: hostile))
            XCTAssertEqual(refused.status, .unprocessableContent)
            XCTAssertTrue((self.object(refused)["error"] as? String ?? "").contains("refused"), "\(self.object(refused))")
            XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("escape.txt").path))
            let big = Data(repeating: 0x50, count: 100 << 10)
            let tooBig = try await client.execute(uri: "/admin/upload?name=big.zip", method: .post, headers: headers, body: ByteBuffer(bytes: big))
            XCTAssertEqual(tooBig.status, .contentTooLarge)
            var noToken = headers
            noToken[.xCSRFToken] = nil
            let forged = try await client.execute(uri: "/admin/upload?name=hostile.zip", method: .post, headers: noToken, body: ByteBuffer(bytes: hostile))
            XCTAssertEqual(forged.status, .forbidden)
        }
    }
}
