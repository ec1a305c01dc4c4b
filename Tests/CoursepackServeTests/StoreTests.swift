import Foundation
import XCTest
@testable import CoursepackServe

/// The store on SQLite always, and on PostgreSQL too when COURSEPACK_TEST_POSTGRES_URL names a database
/// (the PostgreSQL harness sets it). Every test runs once per database.
final class StoreTests: XCTestCase {
    /// A fresh store per database: a new SQLite file; on PostgreSQL, a fresh schema is the harness's job,
    /// so names and ids here are made unique per run.
    func stores(now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) async throws -> [(String, Store)] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        var stores: [(String, Store)] = []
        let sqlite = Store(backend: try SQLiteBackend(path: folder.appendingPathComponent("host.sqlite").path), now: now)
        try await sqlite.prepare()
        stores.append(("sqlite", sqlite))
        if let url = ProcessInfo.processInfo.environment["COURSEPACK_TEST_POSTGRES_URL"], !url.isEmpty {
            let postgres = Store(backend: try await PostgresBackend.connect(url: url, logger: .init(label: "test")), now: now)
            try await postgres.prepare()
            stores.append(("postgres", postgres))
        }
        return stores
    }

    func unique(_ name: String) -> String { name + "-" + UUID().uuidString.prefix(8) }

    func testLearnersGetCodesThatWorkHoweverTheyAreTyped() async throws {
        for (database, store) in try await stores() {
            let name = unique("Amina")
            let learner = try await store.addLearners([name])[0]
            XCTAssertNotNil(learner.code.range(of: #"^[A-HJKMNP-Z2-9]{3}-[A-HJKMNP-Z2-9]{3}$"#, options: .regularExpression), database)
            let typed = " " + learner.code.lowercased().replacingOccurrences(of: "-", with: "") + " "
            let found = try await store.learner(codeOrName: typed)
            XCTAssertEqual(found?.id, learner.id, database)
            await assertEqual(try await store.learner(codeOrName: name.uppercased())?.id, learner.id, "\(database): by name, any case")
            await assertNil(try await store.learner(codeOrName: "ZZZ-ZZZ-Z"), database)
        }
    }

    func testANameTakenRefusesTheWholeGroupAndCreatesNothing() async throws {
        for (database, store) in try await stores() {
            let taken = unique("Omar")
            _ = try await store.addLearners([taken])
            let fresh = unique("Lina")
            do {
                _ = try await store.addLearners([fresh, taken])
                XCTFail("\(database): a taken name must be refused")
            } catch let refusal as StoreRefusal {
                XCTAssertTrue(refusal.description.contains(taken), "\(database): \(refusal)")
            }
            await assertNil(try await store.learner(codeOrName: fresh), "\(database): nothing of the group is created")
            do {
                _ = try await store.addLearners(["Sam", "sam"])
                XCTFail("\(database): the same name twice in one group")
            } catch is StoreRefusal {}
        }
    }

    func testASessionOpensOnlyForItsLearnerAndExpires() async throws {
        let clock = TestClock(1_000_000)
        for (database, store) in try await stores(now: { clock.value }) {
            let learner = try await store.addLearners([unique("Nadia")])[0]
            let token = try await store.openLearnerSession(learner)
            await assertEqual(try await store.learner(sessionToken: token)?.id, learner.id, database)
            await assertNil(try await store.learner(sessionToken: token + "x"), database)
            clock.value += Store.learnerSessionLifetime + 1
            await assertNil(try await store.learner(sessionToken: token), "\(database): an expired session opens nothing")
            clock.value = 1_000_000
        }
    }

    func testACommitIsKeptOnceAndAnOlderOneNeverOverwritesANewerOne() async throws {
        for (database, store) in try await stores() {
            let learner = try await store.addLearners([unique("Yusuf")])[0]
            let token = try await store.openLearnerSession(learner)
            let attempt = try await store.openAttempt(learner: learner.id, package: "pkg", version: "1.0.0", sco: "sco1", kind: .scorm12)
            XCTAssertEqual(attempt.lastSeq, 0)
            let first = ["cmi.core.lesson_status": "incomplete", "cmi.core.lesson_location": "p2"]
            await assertEqual(try await store.commit(attempt: attempt.id, sessionToken: token, seq: 1, reason: "commit", record: first, calls: "[]"), .saved, database)
            // the answer was lost; the browser sends it again
            await assertEqual(try await store.commit(attempt: attempt.id, sessionToken: token, seq: 1, reason: "commit", record: ["cmi.core.lesson_location": "changed"], calls: "[]"),
                           .duplicate, database)
            let second = ["cmi.core.lesson_status": "passed", "cmi.core.score.raw": "85", "cmi.core.lesson_location": "p9"]
            await assertEqual(try await store.commit(attempt: attempt.id, sessionToken: token, seq: 3, reason: "commit", record: second, calls: "[]"), .saved, database)
            // a retry of seq 2 arrives after seq 3
            await assertEqual(try await store.commit(attempt: attempt.id, sessionToken: token, seq: 2, reason: "commit", record: first, calls: "[]"), .stale, database)
            let kept = try await store.attempt(id: attempt.id)
            XCTAssertEqual(kept?.record, second, database)
            XCTAssertEqual(kept?.lastSeq, 3, database)
            XCTAssertEqual(kept?.completion, "completed", database)
            XCTAssertEqual(kept?.success, "passed", database)
            XCTAssertEqual(kept?.score, 85, database)
            await assertEqual(try await store.trace(attempt: attempt.id).map(\.seq).sorted(), [1, 2, 3], "\(database): every commit is in the trace")
        }
    }

    /// Who may commit is checked inside the write: another learner's session, an expired or unknown one,
    /// an attempt that does not exist: nothing is written and the answer says which.
    func testACommitNeedsALiveSessionOfTheAttemptsOwnLearner() async throws {
        let clock = TestClock(5_000_000)
        for (database, store) in try await stores(now: { clock.value }) {
            let learners = try await store.addLearners([unique("Ayaan"), unique("Bea")])
            let owner = try await store.openLearnerSession(learners[0])
            let other = try await store.openLearnerSession(learners[1])
            let attempt = try await store.openAttempt(learner: learners[0].id, package: "pkg", version: "1", sco: "s", kind: .scorm12)
            let record = ["cmi.core.lesson_location": "p1"]
            await assertEqual(try await store.commit(attempt: attempt.id, sessionToken: other, seq: 1, reason: "commit", record: record, calls: "[]"),
                              .notFound, "\(database): another learner's session")
            await assertEqual(try await store.commit(attempt: attempt.id, sessionToken: owner + "x", seq: 1, reason: "commit", record: record, calls: "[]"),
                              .noSession, "\(database): an unknown token")
            await assertEqual(try await store.commit(attempt: "no-such-attempt", sessionToken: owner, seq: 1, reason: "commit", record: record, calls: "[]"),
                              .notFound, "\(database): no such attempt")
            await assertEqual(try await store.trace(attempt: attempt.id).count, 0, "\(database): nothing written")
            await assertEqual(try await store.attempt(id: attempt.id)?.record, [:], database)
            await assertEqual(try await store.commit(attempt: attempt.id, sessionToken: owner, seq: 1, reason: "commit", record: record, calls: "[]"),
                              .saved, database)
            clock.value += Store.learnerSessionLifetime + 1
            await assertEqual(try await store.commit(attempt: attempt.id, sessionToken: owner, seq: 2, reason: "commit", record: record, calls: "[]"),
                              .noSession, "\(database): an expired session commits nothing")
            await assertEqual(try await store.attempt(id: attempt.id)?.lastSeq, 1, database)
            clock.value = 5_000_000
        }
    }

    /// Statements checked against an attempt's cmi5 progress are stored only while it is unchanged;
    /// a relaunch adds 'launched' and never takes back a completion.
    func testStatementsAreStoredOnlyAgainstTheProgressTheyWereCheckedAgainst() async throws {
        for (database, store) in try await stores() {
            let learner = try await store.addLearners([unique("Dara")])[0]
            let attempt = try await store.openAttempt(learner: learner.id, package: "c", version: "1", sco: "au", kind: .cmi5)
            func statement(_ verb: String) -> StoredStatement {
                StoredStatement(id: Secret.uuid(), attemptID: attempt.id, verb: verb, body: "{}")
            }
            try await store.storeLaunchStatement(statement("launched"), registration: attempt.registration ?? "", satisfiedAtLaunch: false)
            let token = try await store.issueFetchToken(attempt: attempt.id)
            let credential = try await store.redeemFetchToken(token)!.credential
            let (grant, progress) = try await store.xapiGrant(credential: credential)!
            XCTAssertEqual(progress, CMI5Progress(verbs: ["launched"], open: true), database)
            await assertEqual(try await store.storeStatements([statement("initialized")], grant: grant, credential: credential, checkedAgainst: progress,
                                                              verbsAfter: ["launched", "initialized"], summary: XAPISummary()), .stored, database)
            let late = statement("initialized")
            await assertEqual(try await store.storeStatements([late], grant: grant, credential: credential, checkedAgainst: progress,
                                                              verbsAfter: ["launched", "initialized"], summary: XAPISummary()), .progressChanged,
                              "\(database): checked against a progress that has changed")
            await assertNil(try await store.statement(id: late.id), database)
            let answered = StoredStatement(id: Secret.uuid(), attemptID: attempt.id, verb: "http://adlnet.gov/expapi/verbs/answered", body: "{}")
            await assertEqual(try await store.storeStatements([answered], grant: grant, credential: credential, checkedAgainst: progress,
                                                              verbsAfter: progress.verbs, summary: XAPISummary()), .progressChanged,
                              "\(database): a write of one statement, no update, checked against a progress that has changed")
            await assertNil(try await store.statement(id: answered.id), database)
            let now = try await store.xapiGrant(credential: credential, fresh: true)!.progress
            XCTAssertEqual(now.verbs, ["launched", "initialized"], database)
            await assertEqual(try await store.storeStatements([statement("completed")], grant: grant, credential: credential, checkedAgainst: now,
                                                              verbsAfter: now.verbs + ["completed"], summary: XAPISummary(completion: "completed")),
                              .stored, database)
            try await store.storeLaunchStatement(statement("launched"), registration: attempt.registration ?? "", satisfiedAtLaunch: false)
            let relaunched = try await store.xapiGrant(credential: credential, fresh: true)!.progress
            XCTAssertEqual(relaunched.verbs, ["launched", "initialized", "completed", "launched"], database)
            await assertEqual(try await store.attempt(id: attempt.id)?.completion, "completed", "\(database): a relaunch keeps the completion")
        }
    }

    /// Several instances checking statements at once against the same progress (each its own memory, one
    /// database): one write wins, the others find the progress changed, and nothing of theirs is kept.
    /// On PostgreSQL the transactions really overlap (READ COMMITTED, a pool of connections).
    func testConcurrentStatementWritesOnOneProgressStoreExactlyOne() async throws {
        for (database, store) in try await stores() {
            let learner = try await store.addLearners([unique("Eli")])[0]
            let attempt = try await store.openAttempt(learner: learner.id, package: "c", version: "1", sco: "au", kind: .cmi5)
            try await store.storeLaunchStatement(StoredStatement(id: Secret.uuid(), attemptID: attempt.id, verb: "launched", body: "{}"),
                                                 registration: attempt.registration ?? "", satisfiedAtLaunch: false)
            let credential = try await store.redeemFetchToken(try await store.issueFetchToken(attempt: attempt.id))!.credential
            // Every instance has read the progress before any writes, as requests arriving together do.
            var instances: [(Store, XAPIGrant, CMI5Progress)] = []
            for _ in 0..<8 {
                let instance = Store(backend: store.backend)
                let (grant, progress) = try await instance.xapiGrant(credential: credential)!
                instances.append((instance, grant, progress))
            }
            let ready = instances
            let outcomes = try await withThrowingTaskGroup(of: StatementsWrite.self) { group in
                for (instance, grant, progress) in ready {
                    group.addTask {
                        let batch = (0..<3).map { index in
                            StoredStatement(id: Secret.uuid(), attemptID: attempt.id, verb: index == 0 ? "initialized" : "answered", body: "{}")
                        }
                        return try await instance.storeStatements(batch, grant: grant, credential: credential, checkedAgainst: progress,
                                                                  verbsAfter: progress.verbs + ["initialized"], summary: XAPISummary())
                    }
                }
                var all: [StatementsWrite] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            XCTAssertEqual(outcomes.filter { $0 == .stored }.count, 1, "\(database): \(outcomes)")
            XCTAssertEqual(outcomes.filter { $0 == .progressChanged }.count, 7, "\(database): \(outcomes)")
            let stored = try await store.statements(learner: learner.id)
            XCTAssertEqual(stored.filter { $0.verb == "initialized" }.count, 1, "\(database): one initialized")
            XCTAssertEqual(stored.filter { $0.verb == "answered" }.count, 2, "\(database): only the winner's batch, whole")
            await assertEqual(try await store.xapiGrant(credential: credential, fresh: true)?.progress.verbs, ["launched", "initialized"], database)
        }
    }

    /// A database from before the attempt kept its cmi5 progress: the upgrade fills it in from the
    /// statements, in the order they were stored, the cmi5 verbs only.
    func testTheUpgradeFillsInTheCMI5ProgressOfExistingAttempts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = try SQLiteBackend(path: folder.appendingPathComponent("old.sqlite").path)
        try await backend.migrate(Array(StoreSchema.migrations.prefix(2)))
        try await backend.write([
            SQLStatement("INSERT INTO learner (id, name, code, created_at) VALUES ('l1', 'Old', 'ABC-DEF', 1)"),
            SQLStatement("""
                INSERT INTO attempt (id, learner_id, package_id, package_version, sco_id, kind, number, status, record, last_seq, created_at, updated_at)
                VALUES ('a1', 'l1', 'p', '1', 'au', 'cmi5', 1, 'open', '{}', 0, 1, 1)
                """),
        ] + [("s3", "completed", 30), ("s1", "launched", 10), ("s4", "http://adlnet.gov/expapi/verbs/answered", 40), ("s2", "initialized", 20)].map {
            SQLStatement("INSERT INTO xapi_statement (id, attempt_id, registration, verb, body, stored) VALUES (?, 'a1', 'r', ?, '{}', ?)",
                         [.text($0.0), .text($0.1), .integer(Int64($0.2))])
        })
        let store = Store(backend: backend)
        try await store.prepare()
        let rows = try await backend.read(SQLStatement("SELECT cmi5_verbs FROM attempt WHERE id = 'a1'"))
        XCTAssertEqual(rows.first?["cmi5_verbs"].string, "launched initialized completed")
    }

    func testAResetAttemptRefusesCommitsAndTheNextLaunchStartsAfresh() async throws {
        for (database, store) in try await stores() {
            let learner = try await store.addLearners([unique("Ali")])[0]
            let token = try await store.openLearnerSession(learner)
            let attempt = try await store.openAttempt(learner: learner.id, package: "pkg", version: "1", sco: "s", kind: .scorm2004)
            _ = try await store.commit(attempt: attempt.id, sessionToken: token, seq: 1, reason: "commit", record: ["cmi.location": "3"], calls: "[]")
            await assertTrue(try await store.resetAttempt(id: attempt.id), database)
            await assertEqual(try await store.commit(attempt: attempt.id, sessionToken: token, seq: 2, reason: "commit", record: ["cmi.location": "4"], calls: "[]"), .retired, database)
            let next = try await store.openAttempt(learner: learner.id, package: "pkg", version: "1", sco: "s", kind: .scorm2004)
            XCTAssertNotEqual(next.id, attempt.id, database)
            XCTAssertEqual(next.number, 2, database)
            XCTAssertEqual(next.record, [:], database)
        }
    }

    func testSCORM2004ExitNormalEndsTheAttemptButSuspendKeepsIt() async throws {
        for (database, store) in try await stores() {
            let learner = try await store.addLearners([unique("Hana")])[0]
            let token = try await store.openLearnerSession(learner)
            let attempt = try await store.openAttempt(learner: learner.id, package: "p", version: "1", sco: "a", kind: .scorm2004)
            _ = try await store.commit(attempt: attempt.id, sessionToken: token, seq: 1, reason: "terminate", record: ["cmi.exit": "suspend", "cmi.location": "x"], calls: "[]")
            let resumed = try await store.openAttempt(learner: learner.id, package: "p", version: "1", sco: "a", kind: .scorm2004)
            XCTAssertEqual(resumed.id, attempt.id, "\(database): suspend resumes the same attempt")
            _ = try await store.commit(attempt: resumed.id, sessionToken: token, seq: 2, reason: "terminate", record: ["cmi.exit": "normal", "cmi.completion_status": "completed"], calls: "[]")
            let next = try await store.openAttempt(learner: learner.id, package: "p", version: "1", sco: "a", kind: .scorm2004)
            XCTAssertNotEqual(next.id, attempt.id, "\(database): a normal exit ends the attempt")
        }
    }

    /// Many learners committing at once: every commit is answered saved and is there afterwards, and
    /// the writes were grouped (far fewer transactions than commits is what makes the budget reachable).
    func testConcurrentCommitsAreAllKept() async throws {
        for (database, store) in try await stores() {
            let learners = try await store.addLearners((0..<50).map { unique("c\($0)") })
            var attempts: [(attempt: Attempt, token: String)] = []
            for learner in learners {
                attempts.append((try await store.openAttempt(learner: learner.id, package: "p", version: "1", sco: "s", kind: .scorm12),
                                 try await store.openLearnerSession(learner)))
            }
            let snapshot = attempts
            let outcomes = try await withThrowingTaskGroup(of: CommitOutcome.self) { group in
                for (attempt, token) in snapshot {
                    for seq in 1...4 {
                        group.addTask {
                            try await store.commit(attempt: attempt.id, sessionToken: token, seq: Int64(seq), reason: "commit", record: ["cmi.core.lesson_location": "p\(seq)"], calls: "[]")
                        }
                    }
                }
                var all: [CommitOutcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            XCTAssertEqual(outcomes.count, 200, database)
            XCTAssertFalse(outcomes.contains(.retired), database)
            for (attempt, _) in snapshot {
                let kept = try await store.attempt(id: attempt.id)
                XCTAssertEqual(kept?.lastSeq, 4, "\(database): the newest commit wins whatever the order of arrival")
                XCTAssertEqual(kept?.record["cmi.core.lesson_location"], "p4", database)
                await assertEqual(try await store.trace(attempt: attempt.id).count, 4, database)
            }
        }
    }

    func testOneFailingWriteInAGroupDoesNotFailTheOthers() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("group-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = try SQLiteBackend(path: folder.appendingPathComponent("t.sqlite").path)
        try await backend.migrate([SQLMigration(name: "t", both: ["CREATE TABLE t (id TEXT PRIMARY KEY)"])])
        try await backend.write(SQLStatement("INSERT INTO t (id) VALUES ('taken')"))
        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<40 {
                group.addTask {
                    // every 10th caller inserts a row and then the taken id: all of it must roll back
                    let statements = index % 10 == 0
                        ? [SQLStatement("INSERT INTO t (id) VALUES (?)", [.text("r\(index)")]), SQLStatement("INSERT INTO t (id) VALUES ('taken')")]
                        : [SQLStatement("INSERT INTO t (id) VALUES (?)", [.text("r\(index)")])]
                    do { try await backend.write(statements); return (index, true) } catch SQLBackendError.uniqueViolation { return (index, false) } catch {
                        return (index, false)
                    }
                }
            }
            var all: [(Int, Bool)] = []
            for await result in group { all.append(result) }
            return all
        }
        for (index, ok) in results { XCTAssertEqual(ok, index % 10 != 0, "caller \(index)") }
        let rows = try await backend.read(SQLStatement("SELECT id FROM t"))
        XCTAssertEqual(rows.count, 1 + 36, "the failing callers' first inserts rolled back with them")
        XCTAssertFalse(rows.contains { $0["id"].string == "r0" })
        try await backend.close()
        do { _ = try await backend.write(SQLStatement("INSERT INTO t (id) VALUES ('late')")); XCTFail("a closed backend refuses writes") } catch SQLBackendError.unavailable {}
    }

    func testFailedLoginsAreCountedPerAddressWithinTheWindow() async throws {
        let clock = TestClock(10_000_000)
        for (database, store) in try await stores(now: { clock.value }) {
            let address = unique("10.0.0.1")
            for _ in 0..<Store.loginLimit { try await store.recordLogin(from: address, succeeded: false) }
            try await store.recordLogin(from: address, succeeded: true)
            await assertEqual(try await store.recentFailedLogins(from: address), Store.loginLimit, database)
            await assertEqual(try await store.recentFailedLogins(from: unique("10.0.0.2")), 0, database)
            clock.value += Store.loginWindow + 1
            await assertEqual(try await store.recentFailedLogins(from: address), 0, "\(database): the window passes")
            clock.value = 10_000_000
        }
    }

    func testAdminSessionsCarryACSRFTokenAndEndWhenThePasswordChanges() async throws {
        for (database, store) in try await stores() {
            try await store.setAdminPassword(hash: "x")
            let (token, session) = try await store.openAdminSession()
            await assertEqual(try await store.adminSession(token: token), session, database)
            XCTAssertEqual(session.csrf.count, 32, database)
            try await store.setAdminPassword(hash: "y")
            await assertNil(try await store.adminSession(token: token), "\(database): a new password ends every session")
        }
    }

    func testAFetchTokenWorksOnce() async throws {
        for (database, store) in try await stores() {
            let learner = try await store.addLearners([unique("Rami")])[0]
            let attempt = try await store.openAttempt(learner: learner.id, package: "c", version: "1", sco: "au1", kind: .cmi5)
            XCTAssertNotNil(attempt.registration.flatMap { UUID(uuidString: $0) }, database)
            let token = try await store.issueFetchToken(attempt: attempt.id)
            let first = try await store.redeemFetchToken(token)
            XCTAssertEqual(first?.attempt, attempt.id, database)
            await assertNil(try await store.redeemFetchToken(token), "\(database): a second fetch gets nothing")
            await assertEqual(try await store.xapiGrant(credential: first!.credential)?.grant.attemptID, attempt.id, database)
        }
    }

    func testTheDatabaseOptionNamesSQLiteOrPostgres() {
        XCTAssertEqual(DatabaseLocation.parse("sqlite:/tmp/a.sqlite"), .sqlite("/tmp/a.sqlite"))
        XCTAssertEqual(DatabaseLocation.parse("/tmp/a.sqlite"), .sqlite("/tmp/a.sqlite"))
        XCTAssertEqual(DatabaseLocation.parse("postgres://u:p@h/db"), .postgres("postgres://u:p@h/db"))
        XCTAssertNil(DatabaseLocation.parse("mysql://x"))
        XCTAssertNil(DatabaseLocation.parse("sqlite:"))
        XCTAssertNil(DatabaseLocation.parse("foo:bar"), "another scheme is not a file name")
        XCTAssertNil(DatabaseLocation.parse("postgress://u@h/db"))
        XCTAssertEqual(DatabaseLocation.parse("data/host.sqlite"), .sqlite("data/host.sqlite"))
    }
}

/// A clock the tests move.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Int64
    init(_ start: Int64) { current = start }
    var value: Int64 {
        get { lock.lock(); defer { lock.unlock() }; return current }
        set { lock.lock(); current = newValue; lock.unlock() }
    }
}
