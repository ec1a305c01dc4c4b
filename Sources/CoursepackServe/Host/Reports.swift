import Foundation

/// The trainer's reports: progress per learner and module, answers per question, and every result as
/// xAPI statements (cmi5 statements as the AU sent them; SCORM results turned into statements).
extension Host {
    func progressRows() async throws -> [AdminPages.ProgressRow] {
        let packages = try catalog.packages(choices: try await store.packageChoices())
        let learners = try await store.allLearners()
        let attempts = Dictionary(grouping: try await store.attempts(learner: nil), by: \.learnerID)
        var rows: [AdminPages.ProgressRow] = []
        for learner in learners {
            for package in packages {
                let mine = (attempts[learner.id] ?? []).filter { $0.packageID == package.id }
                let progress = CourseProgress(structure: package.structure, attempts: mine)
                rows.append(AdminPages.ProgressRow(learner: learner, package: package.id, title: package.structure.title.isEmpty ? package.id : package.structure.title,
                                                   state: progress.state, score: progress.score))
            }
        }
        return rows
    }

    /// One row per attempt at a SCO/AU.
    func progressCSV() async throws -> String {
        let learners = Dictionary(uniqueKeysWithValues: try await store.allLearners().map { ($0.id, $0) })
        var lines = [CSV.row(["learner", "code", "package", "version", "sco", "attempt", "status", "completion", "success", "score", "updated"])]
        let formatter = ISO8601DateFormatter()
        for attempt in try await store.attempts(learner: nil) {
            let learner = learners[attempt.learnerID]
            lines.append(CSV.row([learner?.name ?? attempt.learnerID, learner?.code ?? "", attempt.packageID, attempt.packageVersion, attempt.scoID,
                                  String(attempt.number), attempt.status.rawValue, attempt.completion ?? "", attempt.success ?? "",
                                  attempt.score.map(LearnerPages.formatScore) ?? "",
                                  formatter.string(from: Date(timeIntervalSince1970: Double(attempt.updatedAt) / 1000))]))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One row per answered question (SCORM interactions).
    func answersCSV() async throws -> String {
        let learners = Dictionary(uniqueKeysWithValues: try await store.allLearners().map { ($0.id, $0) })
        var lines = [CSV.row(["learner", "package", "sco", "attempt", "question", "type", "answer", "result", "expected", "description"])]
        for attempt in try await store.attempts(learner: nil) {
            for interaction in RecordSummary(attempt.record, kind: attempt.kind).interactions {
                lines.append(CSV.row([learners[attempt.learnerID]?.name ?? attempt.learnerID, attempt.packageID, attempt.scoID, String(attempt.number),
                                      interaction.id, interaction.type, interaction.response, interaction.result, interaction.correct, interaction.description]))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Every result as xAPI statements: the stored cmi5 statements, then for SCORM attempts a
    /// completed/passed/failed statement and an `answered` statement per interaction.
    func statementsExport(origin: String) async throws -> String {
        var bodies = try await store.statements(learner: nil).map(\.body)
        let learners = Dictionary(uniqueKeysWithValues: try await store.allLearners().map { ($0.id, $0) })
        let formatter = ISO8601DateFormatter()
        for attempt in try await store.attempts(learner: nil) where attempt.kind != .cmi5 {
            guard let learner = learners[attempt.learnerID] else { continue }
            let activity = "\(origin)/activities/\(escapeURLComponent(attempt.packageID))/\(escapeURLComponent(attempt.scoID))"
            let timestamp = formatter.string(from: Date(timeIntervalSince1970: Double(attempt.updatedAt) / 1000))
            let context: [String: Any] = ["registration": Self.registrationUUID(attempt), "contextActivities": ["grouping": [["id": "\(origin)/activities/\(escapeURLComponent(attempt.packageID))"]]]]
            func add(_ verb: String, object: String, result: [String: Any]?, suffix: String) {
                var statement: [String: Any] = ["id": Self.stableUUID(attempt.id + suffix), "actor": CMI5.actor(learner: learner, origin: origin),
                                                "verb": ["id": "http://adlnet.gov/expapi/verbs/\(verb)", "display": ["en-US": verb]],
                                                "object": ["id": object, "objectType": "Activity"], "context": context, "timestamp": timestamp]
                if let result { statement["result"] = result }
                if let data = try? JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys, .withoutEscapingSlashes]) {
                    bodies.append(String(decoding: data, as: UTF8.self))
                }
            }
            let summary = RecordSummary(attempt.record, kind: attempt.kind)
            for (index, interaction) in summary.interactions.enumerated() {
                var result: [String: Any] = ["response": interaction.response]
                if interaction.result == "correct" { result["success"] = true } else if interaction.result == "incorrect" || interaction.result == "wrong" { result["success"] = false }
                add("answered", object: activity + "/interactions/" + escapeURLComponent(interaction.id.isEmpty ? String(index) : interaction.id), result: result, suffix: "/i\(index)")
            }
            var result: [String: Any] = [:]
            if let score = attempt.score { result["score"] = ["scaled": score / 100] }
            if attempt.completion == "completed" { result["completion"] = true; add("completed", object: activity, result: result, suffix: "/completed") }
            if let success = attempt.success, success == "passed" || success == "failed" {
                result["success"] = success == "passed"
                add(success, object: activity, result: result, suffix: "/" + success)
            }
        }
        return "[\n" + bodies.joined(separator: ",\n") + "\n]\n"
    }

    /// A UUID derived from a name (the same export gives the same ids).
    static func stableUUID(_ name: String) -> String {
        let hex = Secret.hash(name)
        var characters = Array(hex.prefix(32))
        characters[12] = "5"
        characters[16] = ["8", "9", "a", "b"][Int(String(characters[16]), radix: 16)! % 4]
        let text = String(characters)
        return [text.prefix(8), text.dropFirst(8).prefix(4), text.dropFirst(12).prefix(4), text.dropFirst(16).prefix(4), text.dropFirst(20)].joined(separator: "-")
    }

    static func registrationUUID(_ attempt: Attempt) -> String {
        attempt.registration ?? stableUUID("registration/" + attempt.learnerID + "/" + attempt.packageID)
    }
}

/// RFC 4180 rows; a cell a spreadsheet would run as a formula is prefixed with a quote.
enum CSV {
    static func row(_ cells: [String]) -> String {
        cells.map { cell in
            var text = cell
            if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
            if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return text
        }.joined(separator: ",")
    }
}
