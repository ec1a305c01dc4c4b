/// Text helpers of the translation checks: scripts of locales, numbers, end punctuation, words.
enum CheckText {
    // MARK: Locales and scripts

    enum Script: Sendable, Equatable {
        case arabic, ethiopic, cjk, greek, armenian, indic, other
    }

    static func subtags(_ tag: String) -> [String] {
        tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.lowercased() }
    }

    static func language(_ tag: String) -> String { subtags(tag).first ?? "" }

    static let arabicScriptLanguages: Set<String> = ["ar", "fa", "prs", "pes", "ps", "ur", "ckb", "ug", "sd", "ks",
                                                     "bal", "azb", "glk", "lrc", "mzn", "ars", "arz", "apc", "ary"]
    static let ethiopicLanguages: Set<String> = ["ti", "am", "tig", "byn", "gez", "wal", "sgw"]

    static func script(of tag: String) -> Script {
        let parts = subtags(tag)
        if parts.dropFirst().contains("arab") { return .arabic }
        if parts.dropFirst().contains("ethi") { return .ethiopic }
        if parts.dropFirst().contains(where: { $0 == "latn" || $0 == "cyrl" }) { return .other }
        let language = parts.first ?? ""
        if arabicScriptLanguages.contains(language) { return .arabic }
        if ethiopicLanguages.contains(language) { return .ethiopic }
        switch language {
        case "zh", "ja", "yue", "cmn": return .cjk
        case "el": return .greek
        case "hy": return .armenian
        case "hi", "mr", "ne", "bn", "as", "pa", "sa", "mai", "bho": return .indic
        default: return .other
        }
    }

    static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0620...0x063F, 0x0641...0x064A, 0x066E...0x06D3, 0x06FA...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF:
            return true
        default:
            return false
        }
    }

    // MARK: Characters

    static let bidiControls: [UInt32: String] = [
        0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK", 0x061C: "ARABIC LETTER MARK",
        0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
        0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
        0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
    ]

    /// Characters that show nothing: spaces, direction marks, zero-width joiners, the byte order mark.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || bidiControls[scalar.value] != nil
            || [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF].contains(scalar.value)
    }

    static func isBlank(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(isInvisible) }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func hasLetters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// The decimal value of a digit of any script (ASCII, Arabic-Indic, Persian, Devanagari, Bengali...).
    /// Ethiopic numerals are not decimal digits and are not read.
    static func digit(_ scalar: Unicode.Scalar) -> Character? {
        guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
              value >= 0, value <= 9 else { return nil }
        return Character(String(Int(value)))
    }

    // MARK: Numbers

    struct Number: Sendable, Hashable {
        /// ASCII digits only: "1000" for "1,000", "١٠٠٠" and "1 000".
        var digits: String
        /// As written.
        var written: String
    }

    enum Grouping: CaseIterable { case joinSpaces, joinPunctuation, separate }

    static let numberPunctuation: Set<UInt32> = [0x2C, 0x2E, 0x066C, 0x066B, 0x27, 0x2019, 0x00A0, 0x202F, 0x2009]

    /// The numbers of a text. `joinSpaces` reads "1 000" as one number (when a group of exactly three
    /// digits follows), `joinPunctuation` reads "1,000", "1.000", "1٬000", "3٫5" as one number but
    /// "112 113" as two, `separate` reads every run of digits alone ("12.05.2024" as 12, 05, 2024).
    static func numbers(in text: String, grouping: Grouping) -> [Number] {
        let scalars = Array(text.unicodeScalars)
        var numbers: [Number] = []
        var index = 0
        func digitRun(from start: Int) -> Int {
            var end = start
            while end < scalars.count, digit(scalars[end]) != nil { end += 1 }
            return end - start
        }
        while index < scalars.count {
            guard digit(scalars[index]) != nil else { index += 1; continue }
            let start = index
            var digits = ""
            var run = digitRun(from: index)
            for offset in 0..<run { digits.append(digit(scalars[index + offset])!) }
            index += run
            var firstGroup = run
            while grouping != .separate, index + 1 < scalars.count {
                let separator = scalars[index]
                let next = digitRun(from: index + 1)
                guard next > 0 else { break }
                let joins: Bool
                if separator == " " {
                    joins = grouping == .joinSpaces && next == 3 && firstGroup <= 3
                } else {
                    joins = numberPunctuation.contains(separator.value)
                }
                guard joins else { break }
                for offset in 0..<next { digits.append(digit(scalars[index + 1 + offset])!) }
                index += 1 + next
                run = next
                firstGroup = separator == " " ? firstGroup : 0
            }
            var written = ""
            written.unicodeScalars.append(contentsOf: scalars[start..<index])
            numbers.append(Number(digits: digits, written: written))
        }
        return numbers
    }

    // MARK: End punctuation

    enum EndMark: String, Sendable, Equatable {
        case fullStop = "full stop", question = "question mark", exclamation = "exclamation mark", colon,
             semicolon, comma, ellipsis

        var article: String {
            switch self {
            case .ellipsis: return "an ellipsis"
            case .exclamation: return "an exclamation mark"
            default: return "a \(rawValue)"
            }
        }
    }

    enum Ending: Equatable {
        /// The text ends with an inline code (a placeholder, an image): punctuation is not compared.
        case code
        case none
        case mark(EndMark, String)
    }

    static let closingCharacters: Set<Character> = ["\"", "'", "”", "’", "»", "›", ")", "]", "」", "』", "）", "“", "«"]

    static func endMark(of character: Character, script: Script) -> EndMark? {
        switch character {
        case ".", "。", "｡", "۔", "।", "॥", "።", "։": return .fullStop
        case "?", "؟", "፧", "？", "\u{037E}", "⸮": return .question
        case "!", "！", "՜": return .exclamation
        case ":", "：", "፥", "፦": return .colon
        case ";": return script == .greek ? .question : .semicolon
        case "؛", "፤", "；": return .semicolon
        case ",", "،", "፣", "、", "，": return .comma
        case "…", "⋯": return .ellipsis
        default: return nil
        }
    }

    static func ending(of tokens: [InlineToken], script: Script) -> Ending {
        for token in tokens.reversed() {
            switch token {
            case .open, .close:
                continue
            case .standalone:
                return .code
            case .text(let text):
                var characters = Substring(text)
                while let last = characters.last,
                      last.unicodeScalars.allSatisfy(isInvisible) || closingCharacters.contains(last) {
                    characters = characters.dropLast()
                }
                guard let last = characters.last else { continue }
                if characters.hasSuffix("...") { return .mark(.ellipsis, "...") }
                if let mark = endMark(of: last, script: script) { return .mark(mark, String(last)) }
                return .none
            }
        }
        return .none
    }

    /// The mark a script writes for a kind of ending, when it has one of its own; nil when the common
    /// marks do.
    static func preferredMark(_ mark: EndMark, script: Script, language: String) -> (marks: Set<String>, shown: String)? {
        switch (script, mark) {
        case (.arabic, .question): return (["؟"], "؟")
        case (.arabic, .comma): return (["،"], "،")
        case (.arabic, .semicolon): return (["؛"], "؛")
        case (.arabic, .fullStop) where language == "ur": return (["۔"], "۔")
        case (.ethiopic, .fullStop): return (["።"], "።")
        case (.ethiopic, .question): return (["፧", "?"], "፧")
        case (.ethiopic, .comma): return (["፣"], "፣")
        case (.ethiopic, .semicolon): return (["፤"], "፤")
        case (.greek, .question): return ([";", "\u{037E}"], ";")
        default: return nil
        }
    }

    /// The mark to suggest for an ending in a script.
    static func suggestedMark(_ mark: EndMark, script: Script, language: String) -> String {
        if let preferred = preferredMark(mark, script: script, language: language) { return preferred.shown }
        switch mark {
        case .fullStop: return script == .cjk ? "。" : "."
        case .question: return script == .cjk ? "？" : "?"
        case .exclamation: return script == .cjk ? "！" : "!"
        case .colon: return script == .cjk ? "：" : ":"
        case .semicolon: return ";"
        case .comma: return script == .cjk ? "，" : ","
        case .ellipsis: return "…"
        }
    }

    static func scriptName(_ script: Script, language: String) -> String {
        switch script {
        case .arabic: return language == "ur" ? "Urdu" : "Arabic script"
        case .ethiopic: return "Ethiopic script"
        case .greek: return "Greek"
        default: return "this script"
        }
    }

    // MARK: Words

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: break
        }
        return properties.isAlphabetic || properties.numericType != nil || scalar.value == 0x200C || scalar.value == 0x200D
    }

    /// Whether what lies between two words is only space (Ethiopic `፡` counts as space).
    static func isWordGap(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{1361}"
    }

    /// Pairs of the same word written twice in a row with only space between: ("the", "the the").
    static func doubledWords(in text: String) -> [(word: String, written: String)] {
        let scalars = Array(text.unicodeScalars)
        var words: [(text: String, start: Int, end: Int)] = []
        var index = 0
        while index < scalars.count {
            guard isWordScalar(scalars[index]) else { index += 1; continue }
            let start = index
            while index < scalars.count,
                  isWordScalar(scalars[index])
                    || ((scalars[index] == "'" || scalars[index] == "’") && index + 1 < scalars.count
                        && index > start && isWordScalar(scalars[index + 1])) {
                index += 1
            }
            var word = ""
            word.unicodeScalars.append(contentsOf: scalars[start..<index])
            words.append((word, start, index))
        }
        var found: [(String, String)] = []
        for (previous, word) in zip(words, words.dropFirst()) {
            guard hasLetters(word.text), previous.text.lowercased() == word.text.lowercased(),
                  previous.end < word.start, scalars[previous.end..<word.start].allSatisfy(isWordGap) else { continue }
            var written = ""
            written.unicodeScalars.append(contentsOf: scalars[previous.start..<word.end])
            found.append((word.text, written))
        }
        return found
    }

    /// Decodes the character references a browser would (`&#106;`, `&#x6A;`, `&colon;`, `&Tab;`...).
    static func decodingEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [String: String] = ["colon": ":", "tab": "\t", "newline": "\n", "amp": "&", "lpar": "(", "rpar": ")",
                                       "sol": "/", "period": ".", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let afterAmpersand = rest[rest.index(after: ampersand)...]
            let body = afterAmpersand.prefix { $0.isLetter || $0.isNumber || $0 == "#" }
            var consumed = body.endIndex
            if consumed < afterAmpersand.endIndex, afterAmpersand[consumed] == ";" {
                consumed = afterAmpersand.index(after: consumed)
            }
            var decoded: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = named[body.lowercased()]
            }
            if let decoded, !body.isEmpty {
                result += decoded
                rest = afterAmpersand[consumed...]
            } else {
                result += "&"
                rest = afterAmpersand
            }
        }
        return result + rest
    }
}
