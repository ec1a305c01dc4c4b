import Foundation

/// What a report shows of a SCORM record: completion, success, score and the answers, read the same
/// way for SCORM 1.2 and 2004.
public struct RecordSummary: Sendable, Equatable {
    /// `completed`, `incomplete`, `not attempted`, `unknown`, or nil when the content never said.
    public var completion: String?
    /// `passed`, `failed`, `unknown`, or nil.
    public var success: String?
    /// A percentage (0 to 100): 2004 `score.scaled` x 100, else `score.raw` against min/max.
    public var score: Double?
    public var interactions: [Interaction]

    public struct Interaction: Sendable, Equatable {
        public var id: String
        public var type: String
        public var response: String
        public var result: String
        public var correct: String
        public var description: String
    }

    public init(_ record: [String: String], kind: RuntimeKind) {
        interactions = []
        switch kind {
        case .scorm12:
            let status = record["cmi.core.lesson_status"]
            switch status {
            case "passed": completion = "completed"; success = "passed"
            case "failed": completion = "completed"; success = "failed"
            case "completed", "incomplete", "browsed": completion = status == "browsed" ? "incomplete" : status
            case "not attempted": completion = "not attempted"
            default: completion = nil
            }
            score = Self.percent(raw: record["cmi.core.score.raw"], min: record["cmi.core.score.min"], max: record["cmi.core.score.max"], scaled: nil)
            interactions = Self.interactions(record, response: "student_response")
        case .scorm2004, .cmi5:
            completion = record["cmi.completion_status"]
            success = record["cmi.success_status"]
            score = Self.percent(raw: record["cmi.score.raw"], min: record["cmi.score.min"], max: record["cmi.score.max"], scaled: record["cmi.score.scaled"])
            interactions = Self.interactions(record, response: "learner_response")
        }
    }

    static func percent(raw: String?, min: String?, max: String?, scaled: String?) -> Double? {
        if let scaled = scaled.flatMap(Double.init) { return (scaled * 1000).rounded() / 10 }
        guard let raw = raw.flatMap(Double.init) else { return nil }
        let low = min.flatMap(Double.init) ?? 0
        if let high = max.flatMap(Double.init), high > low { return ((raw - low) / (high - low) * 1000).rounded() / 10 }
        return raw
    }

    static func interactions(_ record: [String: String], response: String) -> [Interaction] {
        var indexes = Set<Int>()
        for key in record.keys where key.hasPrefix("cmi.interactions.") {
            let rest = key.dropFirst("cmi.interactions.".count)
            if let dot = rest.firstIndex(of: "."), let index = Int(rest[..<dot]) { indexes.insert(index) }
        }
        return indexes.sorted().map { index in
            let prefix = "cmi.interactions.\(index)."
            return Interaction(id: record[prefix + "id"] ?? "", type: record[prefix + "type"] ?? "", response: record[prefix + response] ?? "",
                               result: record[prefix + "result"] ?? "", correct: record[prefix + "correct_responses.0.pattern"] ?? "",
                               description: record[prefix + "description"] ?? "")
        }
    }
}
