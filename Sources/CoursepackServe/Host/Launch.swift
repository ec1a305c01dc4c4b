import Foundation

/// One launch of a SCO or AU: the attempt it runs in and what the player frame starts from.
struct LaunchPlan {
    let package: Catalog.Package
    let entry: CourseStructure.Entry
    let attempt: Attempt
    /// The JSON the player frame page carries (and `/api/attempts` answers).
    let payload: [String: Any]
}

extension Host {
    /// Opens (or resumes) the learner's attempt at one SCO/AU of a package. Without `sco`: the one the
    /// learner last worked in, else the first. An attempt stays on the package version it started with.
    func launch(learner: Learner, packageID: String, sco: String?, origin: String, language: String) async throws -> LaunchPlan? {
        guard let current = try catalog.package(id: packageID, choices: try await store.packageChoices()) else { return nil }
        let attempts = try await store.attempts(learner: learner.id, package: packageID)
        var package = current
        let open = attempts.filter { $0.status == .open }
        if let started = open.max(by: { $0.updatedAt < $1.updatedAt }), started.packageVersion != current.version,
           let kept = try catalog.package(id: packageID, version: started.packageVersion) {
            package = kept
        }
        let launchables = package.structure.launchables
        guard !launchables.isEmpty else { return nil }
        let entry: CourseStructure.Entry
        if let sco {
            guard let named = launchables.first(where: { $0.id == sco }) else { return nil }
            entry = named
        } else if let recent = attempts.max(by: { $0.updatedAt < $1.updatedAt }), let known = launchables.first(where: { $0.id == recent.scoID }) {
            entry = known
        } else {
            entry = launchables[0]
        }
        // cmi5: one registration per learner and course, shared by its AUs.
        let registration = attempts.first { $0.registration != nil }?.registration
        let attempt = try await store.openAttempt(learner: learner.id, package: package.id, version: package.version, sco: entry.id,
                                                  kind: entry.kind, registration: registration)
        let index = launchables.firstIndex { $0.id == entry.id } ?? 0
        let folder = "/content/\(escapeURLComponent(package.id))/\(escapeURLComponent(package.version))/"
        var payload: [String: Any] = [
            "attempt": attempt.id, "kind": attempt.kind.rawValue, "seq": attempt.lastSeq, "record": attempt.record,
            "packageID": package.id, "sco": entry.id,
        ]
        if index + 1 < launchables.count { payload["next"] = launchables[index + 1].id }
        if index > 0 { payload["previous"] = launchables[index - 1].id }
        let launchPath = entry.launch ?? ""
        let isAbsolute = launchPath.lowercased().hasPrefix("http://") || launchPath.lowercased().hasPrefix("https://")
        let contentURL = isAbsolute ? launchPath : folder + launchPath
        switch entry.kind {
        case .scorm12, .scorm2004:
            var launch: [String: Any] = [
                "credit": "credit", "mode": "normal",
                "learner": ["id": learner.id, "name": learner.name],
                "preferences": ["language": language],
            ]
            if let data = entry.launchData { launch["launchData"] = data }
            if entry.kind == .scorm12, let mastery = entry.masteryScore { launch["masteryScore"] = mastery }
            if entry.kind == .scorm2004 {
                if let passing = entry.scaledPassingScore { launch["scaledPassingScore"] = passing }
                if let threshold = entry.completionThreshold { launch["completionThreshold"] = threshold }
                var choice: [String: String] = [:]
                for launchable in launchables { choice[launchable.id] = "true" }
                launch["navRequestValid"] = ["continue": index + 1 < launchables.count ? "true" : "false",
                                             "previous": index > 0 ? "true" : "false", "choice": choice]
            }
            if let time = entry.maxTimeAllowed { launch["maxTimeAllowed"] = time }
            if let action = entry.timeLimitAction { launch["timeLimitAction"] = action }
            payload["launch"] = launch
            payload["contentURL"] = contentURL
        case .cmi5:
            let token = try await store.issueFetchToken(attempt: attempt.id)
            let actor = CMI5.actor(learner: learner, origin: origin)
            let actorJSON = String(decoding: try JSONSerialization.data(withJSONObject: actor, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
            let parameters = [
                ("endpoint", origin + "/xapi/"), ("fetch", origin + "/cmi5/fetch/" + token), ("actor", actorJSON),
                ("registration", attempt.registration ?? ""), ("activityId", entry.id),
            ]
            let query = parameters.map { "\($0.0)=\(escapeURLComponent($0.1))" }.joined(separator: "&")
            payload["contentURL"] = contentURL + (contentURL.contains("?") ? "&" : "?") + query
            try await CMI5.recordLaunch(store: store, attempt: attempt, entry: entry, learner: learner, origin: origin, courseID: package.structure.courseID)
        }
        return LaunchPlan(package: package, entry: entry, attempt: attempt, payload: payload)
    }
}

extension CourseStructure {
    func localizedTitle(_ language: String) -> String? {
        title.isEmpty ? nil : title
    }
}

extension CourseStructure.Entry {
    func localizedTitle(_ language: String) -> String {
        if let exact = titles[language] ?? titles.first(where: { $0.key.hasPrefix(language + "-") })?.value { return exact }
        return title.isEmpty ? id : title
    }
}

/// A learner's progress in a course: completion and score rolled up from its SCOs or AUs.
struct CourseProgress {
    /// not-started, incomplete, completed, passed, failed.
    let state: String
    let score: Double?

    init(structure: CourseStructure, attempts: [Attempt]) {
        let launchables = structure.launchables
        // The latest attempt of each SCO; a completion of an earlier one still counts (a review after it).
        var latest: [String: Attempt] = [:]
        var everCompleted = Set<String>()
        for attempt in attempts where attempt.status != .reset {
            if let known = latest[attempt.scoID], known.number > attempt.number {} else { latest[attempt.scoID] = attempt }
            if attempt.completion == "completed" { everCompleted.insert(attempt.scoID) }
        }
        if latest.isEmpty {
            state = "not-started"
            score = nil
            return
        }
        let scores = launchables.compactMap { latest[$0.id]?.score }
        score = scores.isEmpty ? nil : (scores.reduce(0, +) / Double(scores.count) * 10).rounded() / 10
        let allCompleted = launchables.allSatisfy { everCompleted.contains($0.id) }
        let successes = launchables.compactMap { latest[$0.id]?.success }
        if allCompleted {
            if successes.contains("failed") { state = "failed" } else if !successes.isEmpty && successes.allSatisfy({ $0 == "passed" }) { state = "passed" } else { state = "completed" }
        } else {
            state = "incomplete"
        }
    }
}
