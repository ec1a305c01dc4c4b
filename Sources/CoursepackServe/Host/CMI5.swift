import Foundation

/// The LMS's side of cmi5 (the cmi5 specification, sections 8 to 11): the actor, the launch statement,
/// `LMS.LaunchData`, the rules for the statements the specification defines, and moveOn.
enum CMI5 {
    static let verbs: [String: String] = [
        "http://adlnet.gov/expapi/verbs/launched": "launched",
        "http://adlnet.gov/expapi/verbs/initialized": "initialized",
        "http://adlnet.gov/expapi/verbs/completed": "completed",
        "http://adlnet.gov/expapi/verbs/passed": "passed",
        "http://adlnet.gov/expapi/verbs/failed": "failed",
        "http://adlnet.gov/expapi/verbs/terminated": "terminated",
        "https://w3id.org/xapi/adl/verbs/waived": "waived",
        "https://w3id.org/xapi/adl/verbs/abandoned": "abandoned",
        "https://w3id.org/xapi/adl/verbs/satisfied": "satisfied",
    ]
    static let categoryCMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
    static let categoryMoveOn = "https://w3id.org/xapi/cmi5/context/categories/moveon"
    static let sessionExtension = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
    static let masteryExtension = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"

    static func actor(learner: Learner, origin: String) -> [String: Any] {
        ["objectType": "Agent", "name": learner.name, "account": ["homePage": origin, "name": learner.id]]
    }

    /// The `launched` statement the LMS writes before the AU opens.
    static func recordLaunch(store: Store, attempt: Attempt, entry: CourseStructure.Entry, learner: Learner, origin: String, courseID: String?) async throws {
        var context: [String: Any] = ["registration": attempt.registration ?? "",
                                      "contextActivities": ["category": [["id": categoryCMI5, "objectType": "Activity"]]],
                                      "extensions": [sessionExtension: attempt.id]]
        if let courseID { context["contextActivities"] = ["category": [["id": categoryCMI5]], "grouping": [["id": courseID]]] }
        context["extensions"] = [sessionExtension: attempt.id, "https://w3id.org/xapi/cmi5/context/extensions/launchmode": "Normal",
                                 "https://w3id.org/xapi/cmi5/context/extensions/moveon": entry.moveOn ?? "NotApplicable"]
        let statement = lmsStatement(verb: "http://adlnet.gov/expapi/verbs/launched", learner: learner, origin: origin, object: entry.id, context: context)
        // NotApplicable: the AU is satisfied from the start (9.6.2.1 of the specification).
        try await store.storeLaunchStatement(StoredStatement(id: statement.id, attemptID: attempt.id, verb: "launched", body: statement.body),
                                             registration: attempt.registration ?? "", satisfiedAtLaunch: satisfied(moveOn: entry.moveOn, verbs: []))
    }

    static func lmsStatement(verb: String, learner: Learner, origin: String, object: String, context: [String: Any]) -> (id: String, body: String) {
        let id = Secret.uuid()
        let statement: [String: Any] = [
            "id": id, "actor": actor(learner: learner, origin: origin),
            "verb": ["id": verb, "display": ["en-US": verbs[verb] ?? verb]],
            "object": ["id": object, "objectType": "Activity"], "context": context,
            "timestamp": ISO8601DateFormatter().string(from: Date()),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return (id, String(decoding: data, as: UTF8.self))
    }

    static func launchData(grant: XAPIGrant, entry: CourseStructure.Entry, courseID: String?) -> [String: Any] {
        var data: [String: Any] = [
            "contextTemplate": ["contextActivities": ["grouping": [["id": courseID ?? grant.packageID]]],
                                "extensions": [sessionExtension: grant.attemptID]],
            "launchMode": "Normal", "moveOn": entry.moveOn ?? "NotApplicable", "returnURL": "/catalog",
        ]
        if let parameters = entry.launchData { data["launchParameters"] = parameters }
        if let mastery = entry.scaledPassingScore.flatMap(Double.init) { data["masteryScore"] = mastery }
        return data
    }

    /// Why a statement breaks the cmi5 rules for this AU's session, or nil. `earlier` are the cmi5 verbs
    /// already stored for the attempt (the registration's), oldest first.
    static func refusal(_ statement: XAPIStatement, grant: XAPIGrant, entry: CourseStructure.Entry, earlier: [String]) -> String? {
        guard statement.actorAccountName == grant.learnerID else { return "the actor is not the learner this AU was launched for" }
        guard let verbID = statement.verbID else { return "a statement needs verb.id" }
        guard let objectID = statement.objectID else { return "a statement needs object.id" }
        guard let verb = verbs[verbID] else {
            // Other verbs ("answered", "experienced") are allowed within the session.
            return afterTerminated(earlier) ? "the session ended with 'terminated'; no statement may follow" : nil
        }
        guard statement.registration == grant.registration else { return "context.registration is not this launch's registration" }
        guard objectID == entry.id else { return "a cmi5 statement's object must be the AU's activity id (\(entry.id))" }
        guard statement.categories.contains(categoryCMI5) else { return "a cmi5 statement needs the cmi5 category in context.contextActivities.category" }
        let session = sessionVerbs(earlier)
        switch verb {
        case "launched", "waived", "abandoned", "satisfied":
            return "'\(verb)' is the LMS's to send, not the AU's"
        case "initialized":
            if session.contains("initialized") { return "'initialized' was already sent in this session" }
            return nil
        default:
            break
        }
        if !session.contains("initialized") { return "the AU must send 'initialized' before '\(verb)'" }
        if session.contains("terminated") { return "the session ended with 'terminated'; no statement may follow" }
        let moveOn = statement.categories.contains(categoryMoveOn)
        let score = statement.scaledScore
        let mastery = entry.scaledPassingScore.flatMap(Double.init)
        switch verb {
        case "completed":
            if earlier.contains("completed") { return "'completed' was already sent for this registration" }
            if statement.completion != true { return "'completed' needs result.completion true" }
            if !moveOn { return "'completed' needs the moveon category" }
        case "passed":
            if earlier.contains("passed") { return "'passed' was already sent for this registration" }
            if statement.success != true { return "'passed' needs result.success true" }
            if let mastery, let score, score < mastery { return "'passed' with a scaled score of \(score), under the mastery score \(mastery)" }
            if !moveOn { return "'passed' needs the moveon category" }
        case "failed":
            if earlier.contains("passed") { return "'failed' after 'passed' in this registration" }
            if statement.success != false { return "'failed' needs result.success false" }
            if let mastery, let score, score >= mastery { return "'failed' with a scaled score of \(score), at or over the mastery score \(mastery)" }
            if !moveOn { return "'failed' needs the moveon category" }
        default:
            break
        }
        return nil
    }

    /// The verbs of the current session: those since the last `launched`.
    static func sessionVerbs(_ earlier: [String]) -> [String] {
        guard let last = earlier.lastIndex(of: "launched") else { return earlier }
        return Array(earlier[(last + 1)...])
    }

    static func afterTerminated(_ earlier: [String]) -> Bool { sessionVerbs(earlier).contains("terminated") }

    /// Whether the AU's moveOn is met by the verbs of its registration.
    static func satisfied(moveOn: String?, verbs: [String]) -> Bool {
        let completed = verbs.contains("completed"), passed = verbs.contains("passed")
        switch moveOn ?? "NotApplicable" {
        case "Completed": return completed
        case "Passed": return passed
        case "CompletedAndPassed": return completed && passed
        case "CompletedOrPassed": return completed || passed
        default: return true
        }
    }
}
