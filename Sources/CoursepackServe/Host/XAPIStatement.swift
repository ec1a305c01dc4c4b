import Foundation

/// One statement an AU sent, read for what the host checks: the fields the cmi5 rules look at, and
/// which of the fields the LRS sets itself the AU sent already. Decoded with JSONDecoder into plain
/// fields; a field of the wrong type reads as missing (the rules then say what is wrong with it).
struct XAPIStatement: Decodable {
    /// The id as sent (nil: none, or not a string).
    let id: String?
    let sentID: Bool
    let actorAccountName: String?
    let verbID: String?
    let objectID: String?
    let registration: String?
    /// `context.contextActivities.category[].id`
    let categories: [String]
    let completion: Bool?
    let success: Bool?
    let scaledScore: Double?
    let sentTimestamp: Bool
    /// `stored` or `authority`, which the LRS sets (xAPI 1.0.3, 2.4.8 and 2.4.9).
    let sentLRSFields: Bool

    init(from decoder: Decoder) throws {
        let statement = try decoder.container(keyedBy: JSONKey.self)
        id = statement.string("id")
        sentID = statement.contains("id")
        actorAccountName = statement.object("actor")?.object("account")?.string("name")
        verbID = statement.object("verb")?.string("id")
        objectID = statement.object("object")?.string("id")
        let context = statement.object("context")
        registration = context?.string("registration")
        let activities = context?.object("contextActivities")
        categories = activities.flatMap { $0.contains("category") ? try? $0.decode([ActivityReference].self, forKey: "category") : nil }?
            .compactMap(\.id) ?? []
        let result = statement.object("result")
        completion = result?.bool("completion")
        success = result?.bool("success")
        scaledScore = result?.object("score")?.number("scaled")
        sentTimestamp = statement.contains("timestamp")
        sentLRSFields = statement.contains("stored") || statement.contains("authority")
    }

    struct ActivityReference: Decodable {
        let id: String?
        init(from decoder: Decoder) throws {
            id = (try? decoder.container(keyedBy: JSONKey.self))?.string("id")
        }
    }
}

/// A field read only when it is there: JSONDecoder answers a missing key by throwing an error whose
/// making (a coding path, a formatted description) costs more than the rest of a statement's decoding,
/// and most statements lack most optional fields. A field of the wrong type still reads as nil.
extension KeyedDecodingContainer where Key == JSONKey {
    func object(_ key: JSONKey) -> KeyedDecodingContainer<JSONKey>? {
        contains(key) ? try? nestedContainer(keyedBy: JSONKey.self, forKey: key) : nil
    }

    func string(_ key: JSONKey) -> String? {
        contains(key) ? try? decode(String.self, forKey: key) : nil
    }

    func bool(_ key: JSONKey) -> Bool? {
        contains(key) ? try? decode(Bool.self, forKey: key) : nil
    }

    func number(_ key: JSONKey) -> Double? {
        contains(key) ? try? decode(Double.self, forKey: key) : nil
    }
}

/// Any key of a JSON object.
struct JSONKey: CodingKey, ExpressibleByStringLiteral {
    let stringValue: String
    init(stringValue: String) { self.stringValue = stringValue }
    init(stringLiteral value: String) { stringValue = value }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}

/// What the host adds to every statement it stores: the `id` when the AU sent none, `stored`, the
/// `timestamp` when the AU sent none (the time it was stored, xAPI 1.0.3 2.4.7), and `authority`.
struct StatementStamp {
    let stored: String
    static let authorityJSON = #"{"account":{"homePage":"urn:coursepack","name":"host"},"name":"coursepack serve","objectType":"Agent"}"#

    /// The statement as the AU sent it with the host's fields added at its end, without parsing and
    /// writing it again: for a single statement that carries no LRS field and whose id, if any, is
    /// already the lowercase form. Nil otherwise (`rewrite` then).
    func append(to text: String, statement: XAPIStatement, id: String) -> String? {
        guard !statement.sentLRSFields, !statement.sentID || statement.id == id else { return nil }
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 { bytes.removeLast() }
        guard bytes.last == UInt8(ascii: "}") else { return nil }
        bytes.removeLast()
        var beforeEnd = bytes.count
        while beforeEnd > 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[beforeEnd - 1]) { beforeEnd -= 1 }
        guard beforeEnd > 0, bytes[beforeEnd - 1] != UInt8(ascii: "{") else { return nil }
        var added = ""
        if !statement.sentID { added += #","id":"\#(id)""# }
        if !statement.sentTimestamp { added += #","timestamp":"\#(stored)""# }
        added += #","stored":"\#(stored)","authority":\#(Self.authorityJSON)}"#
        bytes.append(contentsOf: added.utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The statement parsed and written again with the host's fields set (an id in another case, an AU
    /// that sent `stored` or `authority`, statements sent as an array).
    func rewrite(_ object: [String: Any], id: String) throws -> String {
        var statement = object
        statement["id"] = id
        statement["stored"] = stored
        if statement["timestamp"] == nil { statement["timestamp"] = stored }
        statement["authority"] = ["objectType": "Agent", "name": "coursepack serve", "account": ["homePage": "urn:coursepack", "name": "host"]]
        return String(decoding: try JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }
}

/// Times as xAPI writes them (ISO 8601, UTC, milliseconds), written by hand: a formatter is costly to
/// make and not safe to share between threads, and every stored statement needs one.
enum XAPITime {
    static func string(milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2) + "T" + pad(parts.tm_hour, 2) + ":"
            + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2) + "." + pad(Int32(milliseconds % 1000), 3) + "Z"
    }
}
