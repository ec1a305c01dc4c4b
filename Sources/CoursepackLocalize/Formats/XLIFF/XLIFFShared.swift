import Foundation

/// What both XLIFF versions share: namespaces, note categories, status rules, plural assembly.
enum XLIFFShared {
    static let namespace12 = "urn:oasis:names:tc:xliff:document:1.2"
    static let namespace20 = "urn:oasis:names:tc:xliff:document:2.0"
    static let namespaceSLR = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
    static let namespaceXML = "http://www.w3.org/XML/1998/namespace"

    /// Note categories (2.0 `category`, 1.2 `from="coursepack-<category>"`).
    enum NoteCategory {
        static let location = "location"
        static let kind = "kind"
        static let limit = "limit"
        static let previousSource = "previous-source"
        static let sourceSingular = "source-singular"
        static let sourcePlural = "source-plural"
        static let moduleVersion = "module-version"
        /// Coursepack's notes for the translator (page, kind...): told apart from the translator's own.
        static let description = "description"
    }

    static func limitNote(_ maxLength: Int) -> String { "At most \(maxLength) characters" }

    /// The first whole number in a note such as "At most 40 characters".
    static func parseLimit(_ text: String) -> Int? {
        let digits = text.drop { !$0.isASCII || !$0.isNumber }.prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }

    /// A unit read from either version, before plural forms are put together.
    struct ReadUnit: Sendable {
        var key: String
        var source: String
        var target: String?
        var status: TranslationStatus
        var notes: [String] = []
        /// Notes that are not Coursepack's: the translator's, or another tool's.
        var comments: [String] = []
        var kind: UnitKind?
        var page: String?
        var maxLength: Int?
        var previousSource: String?
        var sourceSingular: String?
        var sourcePlural: String?
        /// Set when the unit is one plural form of `pluralBase` (a 1.2 group, or a `#category` suffix).
        var pluralBase: String?
        var category: String?
        /// A 2.0 unit without `name`: `key` is its `id` token, not yet mapped back to a string id.
        var keyIsToken = false
    }

    /// Turns read units into exchange units: plural forms of one id become one unit, at the place of
    /// its first form, with targets in `categories` order (or CLDR order of the forms present).
    static func assemble(_ read: some Collection<ReadUnit>, targetLocale: String, pluralCategories: ((String) -> [String])?) -> [ExchangeUnit] {
        var result: [ExchangeUnit] = []
        result.reserveCapacity(read.count)
        var pluralIndex: [String: Int] = [:]
        var forms: [String: [ReadUnit]] = [:]
        for unit in read {
            if let base = unit.pluralBase, unit.category != nil {
                if pluralIndex[base] == nil {
                    pluralIndex[base] = result.count
                    result.append(ExchangeUnit(id: base, source: "", kind: .interface))
                }
                forms[base, default: []].append(unit)
            } else {
                result.append(ExchangeUnit(id: unit.key, source: unit.source, sourcePlural: nil,
                                           target: (unit.target ?? "").isEmpty ? [] : [unit.target!],
                                           status: unit.status, notes: unit.notes, kind: unit.kind ?? .paragraph,
                                           page: unit.page, maxLength: unit.maxLength, previousSource: unit.previousSource,
                                           comments: unit.comments))
            }
        }
        for (base, index) in pluralIndex {
            let units = forms[base] ?? []
            let present = units.compactMap(\.category)
            var order = pluralCategories?(targetLocale) ?? []
            if order.isEmpty { order = PluralCategoryNames.sorted(present) }
            for category in PluralCategoryNames.sorted(present) where !order.contains(category) { order.append(category) }
            let byCategory = Dictionary(units.map { ($0.category!, $0) }, uniquingKeysWith: { first, _ in first })
            let singular = byCategory["one"]?.source ?? units.lazy.compactMap(\.sourceSingular).first
            let plural = units.first(where: { $0.category != "one" })?.source ?? units.lazy.compactMap(\.sourcePlural).first
            var targets = order.map { byCategory[$0]?.target ?? "" }
            let filled = order.filter { !(byCategory[$0]?.target ?? "").isEmpty }
            var status: TranslationStatus
            if filled.isEmpty {
                targets = []
                status = .new
            } else {
                status = filled.map { byCategory[$0]!.status }.min() ?? .translated
                if filled.count < order.count { status = min(status, .needsReview) }
            }
            let first = units.first
            result[index] = ExchangeUnit(
                id: base, source: singular ?? plural ?? "", sourcePlural: plural ?? singular, target: targets,
                status: status, notes: first?.notes ?? [], kind: first?.kind ?? .interface, page: first?.page,
                maxLength: first?.maxLength, previousSource: units.lazy.compactMap(\.previousSource).first,
                comments: first?.comments ?? [])
        }
        return result
    }

    /// The plural forms a unit is written as: (category, key, source, target).
    static func forms(of unit: ExchangeUnit, categories: [String]) -> [(category: String, key: String, source: String, target: String)] {
        let list = categories.isEmpty ? ["other"] : categories
        return list.enumerated().map { index, category in
            (category, unit.id + "#" + category,
             PluralCategoryNames.source(for: category, singular: unit.source, plural: unit.sourcePlural),
             index < unit.target.count ? unit.target[index] : "")
        }
    }

    /// An NMTOKEN made from an id (`02-address/p-3fa2c1` → `02-address_p-3fa2c1`), unique among `used`.
    static func token(for id: String, used: inout Set<String>) -> String {
        var token = ""
        for scalar in id.unicodeScalars {
            let allowed = (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "." || scalar == "-" || scalar == "_" || scalar == ":"
            token.unicodeScalars.append(allowed ? scalar : "_")
        }
        if token.isEmpty { token = "u" }
        var candidate = token
        var counter = 2
        while used.contains(candidate) {
            candidate = token + "_" + String(counter)
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// The position of an element for messages: its line, and the column of `<name` on that line.
    static func error(_ message: String, at element: XMLElement, in data: Data) -> ExchangeError {
        let line = element.line
        var column: Int? = nil
        if line > 0, let text = String(data: data, encoding: .utf8) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if line <= lines.count, let range = lines[line - 1].range(of: "<" + qualifiedName(element)) {
                column = lines[line - 1].distance(from: lines[line - 1].startIndex, to: range.lowerBound) + 1
            }
        }
        return ExchangeError(message, line: line > 0 ? line : nil, column: column ?? (line > 0 ? 1 : nil))
    }

    static func qualifiedName(_ element: XMLElement) -> String {
        if let prefix = element.node.pointee.ns?.pointee.prefix { return String(cString: prefix) + ":" + element.name }
        return element.name
    }

    /// Checks the root: `xliff` of the expected version, with a clear message for anything else.
    static func checkRoot(_ root: XMLElement, data: Data) throws(ExchangeError) -> ExchangeFormat {
        guard root.name == "xliff" else {
            throw error("not an XLIFF file: the root element is <\(qualifiedName(root))>, expected <xliff>", at: root, in: data)
        }
        let version = root.attribute("version") ?? ""
        switch root.namespace {
        case namespace20:
            guard version.hasPrefix("2.") else {
                throw error("XLIFF version \"\(version)\" with the 2.0 namespace: Coursepack reads XLIFF 1.2, 2.0 and 2.1", at: root, in: data)
            }
            return .xliff20
        case namespace12:
            guard version == "1.2" else {
                throw error("XLIFF version \"\(version)\" is not supported: Coursepack reads XLIFF 1.2, 2.0 and 2.1", at: root, in: data)
            }
            return .xliff12
        case "urn:oasis:names:tc:xliff:document:1.1", "urn:oasis:names:tc:xliff:document:1.0", "":
            let shown = version.isEmpty ? (root.namespace.isEmpty ? "without a namespace (1.0/1.1)" : root.namespace) : version
            throw error("XLIFF \(shown) is not supported: Coursepack reads XLIFF 1.2, 2.0 and 2.1; export the file again as XLIFF 1.2 or 2.0",
                        at: root, in: data)
        default:
            throw error("unknown XLIFF namespace \"\(root.namespace)\": Coursepack reads XLIFF 1.2, 2.0 and 2.1", at: root, in: data)
        }
    }
}

/// Reads either XLIFF version, by the root element.
public enum XLIFF {
    /// The version of an XLIFF document, without reading its units.
    public static func format(of data: Data) throws(ExchangeError) -> ExchangeFormat {
        let document = try XMLParsedDocument.parse(data, kind: "XLIFF")
        return try XLIFFShared.checkRoot(document.root, data: data)
    }

    /// Reads XLIFF 1.2, 2.0 or 2.1. `pluralCategories` gives the CLDR categories of a locale, to put
    /// plural forms in order (and leave a gap for a form the file lacks).
    /// `tokenKeys` maps the `id` tokens of 2.0 units without `name` back to string ids (`tokenKeys(for:)`).
    public static func read(_ data: Data, pluralCategories: ((String) -> [String])? = nil,
                            tokenKeys: [String: String]? = nil) throws(ExchangeError) -> (file: ExchangeFile, format: ExchangeFormat) {
        if let file = XLIFF12StreamReader.read(data, pluralCategories: pluralCategories) { return (file, .xliff12) }
        let document = try XMLParsedDocument.parse(data, kind: "XLIFF")
        switch try XLIFFShared.checkRoot(document.root, data: data) {
        case .xliff12: return (try XLIFF12.read(document, data: data, pluralCategories: pluralCategories), .xliff12)
        default: return (try XLIFF20.read(document, data: data, pluralCategories: pluralCategories, tokenKeys: tokenKeys), .xliff20)
        }
    }

    /// The `id` tokens an XLIFF 2.0 export of `file` gives its units, each with the unit's key (the
    /// string id, `id#category` for a plural form): a tool that drops `name` keeps the `id`.
    public static func tokenKeys(for file: ExchangeFile, pluralCategories: (String) -> [String] = XLIFFExchange.pluralCategories) -> [String: String] {
        var used = Set<String>()
        var keys: [String: String] = [:]
        for unit in file.units {
            if unit.sourcePlural != nil {
                for form in XLIFFShared.forms(of: unit, categories: pluralCategories(file.targetLocale)) {
                    keys[XLIFFShared.token(for: form.key, used: &used)] = form.key
                }
            } else {
                keys[XLIFFShared.token(for: unit.id, used: &used)] = unit.id
            }
        }
        return keys
    }
}

/// Both XLIFF versions behind one interface, plural categories from `PluralRules`.
public enum XLIFFExchange {
    public enum Version: String, Sendable, Hashable {
        case v12 = "1.2", v20 = "2.0"

        public var format: ExchangeFormat { self == .v12 ? .xliff12 : .xliff20 }
    }

    /// CLDR categories of a locale, by name (`"ar"` → `["zero", "one", "two", "few", "many", "other"]`).
    public static func pluralCategories(_ locale: String) -> [String] {
        PluralRules.forLocale(locale).categories.map(\.rawValue)
    }

    /// The XLIFF document for `file`: UTF-8, indented by two spaces, the same bytes for the same file.
    public static func write(_ file: ExchangeFile, version: Version,
                             pluralCategories: (String) -> [String] = XLIFFExchange.pluralCategories) -> Data {
        switch version {
        case .v12: return XLIFF12.write(file, pluralCategories: pluralCategories)
        case .v20: return XLIFF20.write(file, pluralCategories: pluralCategories)
        }
    }

    /// Reads XLIFF 1.2, 2.0 or 2.1, recognised by its root element.
    public static func read(_ data: Data, pluralCategories: @escaping (String) -> [String] = XLIFFExchange.pluralCategories,
                            tokenKeys: [String: String]? = nil) throws(ExchangeError) -> (file: ExchangeFile, version: Version) {
        let read = try XLIFF.read(data, pluralCategories: pluralCategories, tokenKeys: tokenKeys)
        return (read.file, read.format == ExchangeFormat.xliff12 ? Version.v12 : Version.v20)
    }
}
