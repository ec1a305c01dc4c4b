import CoursepackLoad
import Foundation
/// How far each locale is: counts by status, the share that is usable, and the words left to translate.
public struct StatusReport: Sendable, Codable, Equatable {
    public struct Locale: Sendable, Codable, Equatable {
        public let locale: String
        public let total: Int
        public let new: Int
        public let translated: Int
        public let needsReview: Int
        public let final: Int
        public let stale: Int
        /// Translated and final units, as a share of all: what a package can show.
        public let percent: Double
        public let wordsLeft: Int

        public var isComplete: Bool { translated + final == total }

    }

    public let module: String
    public let sourceLanguage: String
    public let units: Int
    public let sourceWords: Int
    public let locales: [Locale]

    public init(_ strings: ModuleStrings) {
        module = strings.identity.id
        sourceLanguage = strings.identity.sourceLanguage
        units = strings.units.count
        // Aligned with the units: a dictionary of a hundred thousand ids costs more than the counting.
        let words = strings.units.slicedMap(StatusReport.words(in:))
        sourceWords = words.reduce(0, +)
        locales = strings.identity.locales.compactMap { tag in
            guard let table = strings.tables[tag] else { return nil }
            return StatusReport.tally(table, units: strings.units, words: words).line(tag, total: strings.units.count)
        }
    }

    /// One locale's line alone, without counting the words of every source string; without
    /// `countingWords`, not even those of the strings left (`wordsLeft` is 0: a package needs only the counts).
    public static func locale(_ tag: String, in strings: ModuleStrings, countingWords: Bool = true) -> Locale? {
        guard let table = strings.tables[tag] else { return nil }
        return tally(table, units: strings.units, words: nil, countingWords: countingWords).line(tag, total: strings.units.count)
    }

    /// A locale's line from the exchange file made for it (`ExchangeBuilder`), which carries every
    /// unit's status and source: the same counts as `locale(_:in:)` without looking each unit up in
    /// the table once more.
    public static func locale(of file: ExchangeFile) -> Locale {
        var tally = Tally()
        for index in file.units.indices {
            let status = file.units[index].status
            tally.count(status)
            if !status.isUsable { tally.wordsLeft += words(in: file.units[index].source) + words(in: file.units[index].sourcePlural ?? "") }
        }
        return tally.line(file.targetLocale, total: file.units.count)
    }

    /// A locale's units by status, and the words of those not usable yet (from `words`, aligned with
    /// the units, or counted here for those only), added up over slices on every core.
    private static func tally(_ table: LocaleTable, units: [SourceUnit], words: [Int]?, countingWords: Bool = true) -> Tally {
        let entries = table.entries
        let parts = Slices.of(units.count).concurrentMap { range -> Tally in
            var tally = Tally()
            for index in range {
                let unit = units[index]
                let status = entries.index(forKey: unit.id).map { entries.values[$0].status } ?? .new
                tally.count(status)
                if countingWords && !status.isUsable { tally.wordsLeft += words?[index] ?? Self.words(in: unit) }
            }
            return tally
        }
        return parts.reduce(into: Tally()) { $0.add($1) }
    }

    /// Units counted by status in plain integers (a dictionary would hash a hundred thousand statuses),
    /// and the words left.
    private struct Tally: Sendable {
        var new = 0, translated = 0, needsReview = 0, final = 0, stale = 0
        var wordsLeft = 0

        mutating func count(_ status: TranslationStatus) {
            switch status {
            case .new: new += 1
            case .translated: translated += 1
            case .needsReview: needsReview += 1
            case .final: final += 1
            case .stale: stale += 1
            }
        }

        mutating func add(_ other: Tally) {
            new += other.new; translated += other.translated; needsReview += other.needsReview
            final += other.final; stale += other.stale; wordsLeft += other.wordsLeft
        }

        func line(_ tag: String, total: Int) -> Locale {
            Locale(tag: tag, new: new, translated: translated, needsReview: needsReview, final: final, stale: stale,
                   total: total, wordsLeft: wordsLeft)
        }
    }

    static func words(in unit: SourceUnit) -> Int {
        words(in: unit.text) + words(in: unit.plural ?? "")
    }

    /// Words as translators count them: runs between spaces that hold a letter or a digit. Markup
    /// sticks to its words (`**passport**`, `[form](x.md)`), so counting on the raw bytes is exact enough
    /// and fast over a hundred thousand strings.
    static func words(in text: String) -> Int {
        var count = 0
        var inWord = false
        var wordHasContent = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 {
                if inWord && wordHasContent { count += 1 }
                inWord = false
                wordHasContent = false
            } else {
                inWord = true
                // ASCII letters and digits, and any byte of a non-ASCII character (letters of other scripts).
                if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80 {
                    wordHasContent = true
                }
            }
        }
        if inWord && wordHasContent { count += 1 }
        return count
    }

    /// A table for the terminal.
    public var text: String {
        var lines = ["\(module): \(units) strings, \(sourceWords) words in \(sourceLanguage)"]
        let headings = ["locale", "new", "translated", "review", "final", "stale", "done", "words left"]
        var rows = [headings]
        for locale in locales {
            rows.append([locale.locale, "\(locale.new)", "\(locale.translated)", "\(locale.needsReview)", "\(locale.final)",
                         "\(locale.stale)", String(format: "%.1f%%", locale.percent), "\(locale.wordsLeft)"])
        }
        if locales.isEmpty { lines.append("no target locales: add them to 'locales' in module.yaml"); return lines.joined(separator: "\n") + "\n" }
        let widths = headings.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append(row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension StatusReport.Locale {
    /// A line from the counts by status; the share usable is rounded down to a tenth (99.96% is not 100%).
    init(tag: String, new: Int, translated: Int, needsReview: Int, final: Int, stale: Int, total: Int, wordsLeft: Int) {
        let usable = translated + final
        self.init(locale: tag, total: total, new: new, translated: translated, needsReview: needsReview, final: final,
                  stale: stale, percent: total == 0 ? 100 : (Double(usable) * 1000 / Double(total)).rounded(.down) / 10,
                  wordsLeft: wordsLeft)
    }
}
