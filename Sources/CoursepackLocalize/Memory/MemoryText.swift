import Foundation

/// The text handling of the translation memory: the normalization behind exact matches, the words
/// behind the full-text index, and the similarity behind fuzzy matches.
enum MemoryText {
    // MARK: Exact matches

    /// The form of a source that exact matches compare: Unicode NFC, every run of whitespace one
    /// space, no whitespace at either end. Case and markup are kept.
    static func normalized(_ text: String) -> String {
        if isASCII(text) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var pendingSpace = false
            for byte in text.utf8 {
                // Tab, line feed, vertical tab, form feed, carriage return, space.
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !bytes.isEmpty
                } else {
                    if pendingSpace { bytes.append(0x20); pendingSpace = false }
                    bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let composed = text.precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The hash exact matches look up: the source hash of the normalized text.
    static func hash(ofNormalized normalized: String) -> String {
        SourceHash.of(normalized)
    }


    // MARK: Words

    /// A word of a text's plain words: as written (NFC) and folded for matching (lowercase, without
    /// Latin diacritics, Arabic vowel marks and tatweel, or Hebrew points).
    struct Word: Hashable {
        var raw: String
        var folded: String
    }

    /// The words of a plain text (no markup): runs of letters, marks, digits and private-use
    /// characters, the characters the full-text tokenizer keeps (`categories 'L* N* Co M*'`).
    static func words(ofPlain text: String) -> [Word] {
        if isASCII(text) { return asciiWords(text) }
        var result: [Word] = []
        var raw = String.UnicodeScalarView()
        var folded = String.UnicodeScalarView()
        func flush() {
            if !folded.isEmpty {
                let rawWord = String(raw).precomposedStringWithCanonicalMapping
                let foldedWord = String(folded)
                result.append(Word(raw: rawWord,
                                   folded: isASCII(foldedWord) ? foldedWord : foldedWord.precomposedStringWithCanonicalMapping))
            }
            raw = String.UnicodeScalarView()
            folded = String.UnicodeScalarView()
        }
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            guard isWordScalar(scalar) else { flush(); continue }
            raw.append(scalar)
            if isFoldedAway(scalar) { continue }
            if scalar.properties.changesWhenLowercased {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars where !isFoldedAway(lower) {
                    folded.append(lower)
                }
            } else {
                folded.append(scalar)
            }
        }
        flush()
        return result
    }

    private static func asciiWords(_ text: String) -> [Word] {
        var result: [Word] = []
        var start: String.Index? = nil
        let utf8 = text.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let byte = utf8[i]
            let isWordByte = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if isWordByte {
                if start == nil { start = i }
            } else if let s = start {
                let raw = String(text[s..<i])
                result.append(Word(raw: raw, folded: raw.lowercased()))
                start = nil
            }
            i = utf8.index(after: i)
        }
        if let s = start {
            let raw = String(text[s..<utf8.endIndex])
            result.append(Word(raw: raw, folded: raw.lowercased()))
        }
        return result
    }

    static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .privateUse:
            return true
        default:
            return false
        }
    }

    /// Marks matching ignores: combining diacritics (after NFD), Arabic harakat and tatweel,
    /// Hebrew points. Indic vowel signs and viramas are kept: they are letters of their words.
    private static func isFoldedAway(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F:
            return true
        case 0x0591...0x05BD, 0x05BF, 0x05C1...0x05C2, 0x05C4...0x05C5, 0x05C7:
            return true
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x0640, 0x06D6...0x06DC, 0x06DF...0x06E4,
             0x06E7...0x06E8, 0x06EA...0x06ED, 0x08D3...0x08FF:
            return true
        default:
            return false
        }
    }

    /// The numbers among words (words made of decimal digits, in any script), as ASCII digits,
    /// sorted: two texts whose numbers differ get a penalty.
    static func numbers(in words: [Word]) -> [String] {
        var numbers: [String] = []
        for word in words {
            var digits = ""
            var allDigits = true
            for scalar in word.raw.unicodeScalars {
                guard scalar.properties.generalCategory == .decimalNumber,
                      let value = scalar.properties.numericValue else { allDigits = false; break }
                digits.append(Character(Unicode.Scalar(UInt8(48 + Int(value)))))
            }
            if allDigits && !digits.isEmpty { numbers.append(digits) }
        }
        return numbers.sorted()
    }

    // MARK: Markup

    private static let markupScalars: Set<UInt8> = Set("*_[]<>{}`!~\\&".utf8)

    /// Whether a text may contain inline codes; when not, its plain text is itself.
    static func mayHaveMarkup(_ text: String) -> Bool {
        text.utf8.contains { markupScalars.contains($0) }
    }

    /// The plain words of a Markdown inline text (`InlineMarkup.plainText`).
    static func plainText(_ text: String) -> String {
        mayHaveMarkup(text) ? InlineMarkup.plainText(text) : text
    }

    /// The inline codes of a text in order, by their markup (a link's close carries its destination).
    static func codes(_ text: String) -> [String] {
        guard mayHaveMarkup(text) else { return [] }
        return InlineMarkup.tokenize(text).compactMap { $0.isText ? nil : $0.markup }
    }

    // MARK: Similarity

    /// The cost of inserting, deleting or replacing a word in `distance`; replacing a word by the
    /// same word in another case or with other diacritics costs 1.
    static let wordCost = 10

    /// Word-level edit distance in tenths of an operation (see `wordCost`).
    static func distance(_ a: [Int], _ aRaw: [String], _ b: [Int], _ bRaw: [String]) -> Int {
        let w = wordCost
        if a.isEmpty { return w * b.count }
        if b.isEmpty { return w * a.count }
        var previous = Array(stride(from: 0, through: w * b.count, by: w))
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = w * i
            let ai = a[i - 1]
            for j in 1...b.count {
                let substitution: Int
                if ai == b[j - 1] {
                    substitution = aRaw[i - 1] == bRaw[j - 1] ? 0 : 1
                } else {
                    substitution = w
                }
                current[j] = min(previous[j - 1] + substitution, previous[j] + w, current[j - 1] + w)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The fuzzy score of a candidate's words against a query's: 100 × (1 − distance / the longer
    /// word count), rounded down, less `numberPenalty` when their numbers differ and
    /// `markupPenalty` when their inline codes do, at most 99. Nil under `threshold` or when
    /// neither text has words.
    static func score(query: WordVector, queryNumbers: [String], queryText: String, queryCodes: inout [String]?,
                      candidate words: [Word], candidateText: String, dictionary: inout [String: Int],
                      threshold: Int) -> Int? {
        let longest = max(words.count, query.ids.count)
        guard longest > 0 else { return nil }
        let vector = WordVector(words, dictionary: &dictionary)
        let scale = wordCost * longest
        var score = (100 * (scale - distance(query.ids, query.raw, vector.ids, vector.raw))) / scale
        guard score >= threshold else { return nil }
        if numbers(in: words) != queryNumbers { score -= numberPenalty }
        if queryCodes == nil { queryCodes = codes(queryText) }
        if codes(candidateText) != queryCodes { score -= markupPenalty }
        score = min(score, 99)
        return score >= threshold ? score : nil
    }

    /// Penalties subtracted from a fuzzy score.
    static let markupPenalty = 3
    static let numberPenalty = 2
}

/// Words of one text, their folded forms numbered in a dictionary shared with the texts they are
/// compared with.
struct WordVector {
    var ids: [Int]
    var raw: [String]

    init(_ words: [MemoryText.Word], dictionary: inout [String: Int]) {
        ids = []
        raw = []
        ids.reserveCapacity(words.count)
        raw.reserveCapacity(words.count)
        for word in words {
            if let id = dictionary[word.folded] {
                ids.append(id)
            } else {
                let id = dictionary.count
                dictionary[word.folded] = id
                ids.append(id)
            }
            raw.append(word.raw)
        }
    }
}
