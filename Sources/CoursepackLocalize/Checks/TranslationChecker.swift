import Foundation
import CoursepackLoad

/// Checks one translation against its source: what would break the page (errors, which refuse the
/// translation on import) and what looks like a mistake (warnings, which are reported).
///
/// Errors: inline codes and placeholders dropped or added, link destinations changed, Markdown left
/// unbalanced, script-running HTML, missing plural forms, a blank translation, a text over its length
/// limit. Warnings: an unchanged text, different numbers, end punctuation, doubled words, stray
/// direction marks, tatweel.
public enum TranslationChecker {
    /// Checks `target`, one translation (one plural form) into `locale`, against `source`.
    public static func check(source: String, target: String, locale: String, sourceLocale: String = "en",
                             maxLength: Int? = nil, kind: UnitKind? = nil) -> [TranslationIssue] {
        let context = Context(locale: locale, sourceLocale: sourceLocale, maxLength: maxLength, kind: kind)
        return unique(checkForm(source: source, target: target, context: context, expectation: Expectation(source: source)))
    }

    /// Checks a plural message: all the forms `locale` has (in `PluralRules.forLocale(locale).categories`
    /// order) present and not blank, and each form checked as `check` does, against the singular source
    /// for the `one` form and the plural source for the others. Every form keeps every placeholder of
    /// the sources, except that the count's placeholder (`{count}`, or one the plural source has and the
    /// singular lacks) may be left out of the `zero`, `one` and `two` forms ("واحدة", "one page").
    public static func checkPlural(source: String, sourcePlural: String, forms: [String], locale: String,
                                   sourceLocale: String = "en", maxLength: Int? = nil,
                                   kind: UnitKind? = nil) -> [TranslationIssue] {
        let rules = PluralRules.forLocale(locale)
        let context = Context(locale: locale, sourceLocale: sourceLocale, maxLength: maxLength, kind: kind)
        var issues: [TranslationIssue] = []
        let names = rules.categories.map(\.rawValue).joined(separator: ", ")
        if forms.count > rules.categories.count {
            issues.append(TranslationIssue(check: .pluralForms, severity: .error,
                message: "there are \(forms.count) plural forms, but \(rules.languageName) has \(rules.categories.count) (\(names))"))
        }
        // The codes every form must have: those of both sources, as many times as the one that has more.
        let singularCodes = standaloneCodes(InlineMarkup.tokenize(source))
        let pluralCodes = standaloneCodes(InlineMarkup.tokenize(sourcePlural))
        var expected = pluralCodes
        for (key, code) in singularCodes where code.count > (expected[key]?.count ?? 0) { expected[key] = code }
        let countPlaceholders = Set(["{count}"] + pluralCodes.keys.filter {
            pluralCodes[$0]!.token.kind == .placeholder && singularCodes[$0] == nil
        })
        for (index, category) in rules.categories.enumerated() {
            let sample = rules.example(for: category)
            let label = "the \(rules.languageName) plural form '\(category.rawValue)'"
            guard index < forms.count else {
                issues.append(TranslationIssue(check: .pluralForms, severity: .error,
                    message: "\(label) is missing (it is used for numbers like \(sample))", form: category))
                continue
            }
            if CheckText.isBlank(forms[index]) {
                issues.append(TranslationIssue(check: .pluralForms, severity: .error,
                    message: "\(label) is blank (it is used for numbers like \(sample))", form: category))
                continue
            }
            var expectation = Expectation(source: category == .one ? source : sourcePlural)
            expectation.codes = expected
            if [.zero, .one, .two].contains(category) {
                expectation.optionalCodes = countPlaceholders
                expectation.skip.insert(.numbers)
            }
            let formIssues = checkForm(source: expectation.source, target: forms[index], context: context,
                                       expectation: expectation)
            issues += formIssues.map {
                TranslationIssue(check: $0.check, severity: $0.severity,
                                 message: "plural form '\(category.rawValue)': \($0.message)", form: category)
            }
        }
        return unique(issues)
    }

    // MARK: - One form

    struct Context {
        var locale: String
        var sourceLocale: String
        var maxLength: Int?
        var kind: UnitKind?
        var script: CheckText.Script
        var sourceScript: CheckText.Script
        var language: String

        init(locale: String, sourceLocale: String, maxLength: Int?, kind: UnitKind?) {
            self.locale = locale
            self.sourceLocale = sourceLocale
            self.maxLength = maxLength
            self.kind = kind
            script = CheckText.script(of: locale)
            sourceScript = CheckText.script(of: sourceLocale)
            language = CheckText.language(locale)
        }
    }

    struct Expectation {
        var source: String
        /// The standalone codes the translation must have; by default those of `source`.
        var codes: [String: Code]?
        /// Codes the translation may leave out.
        var optionalCodes: Set<String> = []
        var skip: Set<TranslationCheck> = []
    }

    static func checkForm(source: String, target: String, context: Context, expectation: Expectation) -> [TranslationIssue] {
        if CheckText.isBlank(target) {
            if CheckText.isBlank(source) { return [] }
            return [TranslationIssue(check: .blank, severity: .error, message: "the translation is blank")]
        }
        if ControlCharacters.contains(in: target) {
            let issues = controlCharacters(source: source, target: target)
            if !issues.isEmpty { return issues }
        }
        let sourceTokens = InlineMarkup.tokenize(source)
        let targetTokens = InlineMarkup.tokenize(target)
        var issues: [TranslationIssue] = []
        issues += unsafeHTML(targetTokens)
        issues += codes(expected: expectation.codes ?? standaloneCodes(sourceTokens), optional: expectation.optionalCodes,
                        targetTokens: targetTokens)
        issues += links(sourceTokens: sourceTokens, targetTokens: targetTokens)
        issues += markup(sourceTokens: sourceTokens, targetTokens: targetTokens)
        if let maxLength = context.maxLength, target.count > maxLength {
            issues.append(TranslationIssue(check: .length, severity: .error,
                message: "the translation has \(target.count) characters, more than the \(maxLength) \(place(context.kind)) allows"))
        }
        issues += unchanged(source: source, target: target, sourceTokens: sourceTokens, context: context)
        if !expectation.skip.contains(.numbers) {
            issues += numbers(sourceTokens: sourceTokens, targetTokens: targetTokens)
        }
        issues += punctuation(sourceTokens: sourceTokens, targetTokens: targetTokens, target: target, context: context)
        issues += doubledWords(sourceTokens: sourceTokens, targetTokens: targetTokens)
        issues += bidiControls(source: source, target: target)
        issues += kashida(source: source, target: target, context: context)
        return issues
    }

    static func place(_ kind: UnitKind?) -> String {
        switch kind {
        case .heading: return "this heading"
        case .paragraph: return "this paragraph"
        case .listItem: return "this list item"
        case .tableCell: return "this table cell"
        case .field, .metadata: return "this field"
        case .interface: return "this interface text"
        case nil: return "this text"
        }
    }

    static func unique(_ issues: [TranslationIssue]) -> [TranslationIssue] {
        var seen: Set<TranslationIssue> = []
        return issues.filter { seen.insert($0).inserted }
    }

    // MARK: - Standalone codes and links

    /// A standalone code counted by a key: its markup, or for images and web addresses the destination.
    struct Code {
        var token: InlineToken
        var count: Int
        /// Where the code first appears in its text.
        var order: Int
    }

    static func codeKey(_ token: InlineToken) -> String {
        guard case .standalone(_, let kind, let markup) = token else { return markup(of: token) }
        switch kind {
        case .image: return "image:" + (imageDestination(markup) ?? markup)
        case .autolink: return "autolink:" + String(markup.dropFirst().dropLast())
        default: return markup
        }
    }

    private static func markup(of token: InlineToken) -> String { token.markup }

    static func standaloneCodes(_ tokens: [InlineToken]) -> [String: Code] {
        var codes: [String: Code] = [:]
        for (order, token) in tokens.enumerated() {
            guard case .standalone = token else { continue }
            codes[codeKey(token), default: Code(token: token, count: 0, order: order)].count += 1
        }
        return codes
    }

    static func describe(_ token: InlineToken) -> String {
        guard let kind = token.kind else { return "'\(token.markup)'" }
        switch kind {
        case .placeholder: return "the placeholder \(token.markup)"
        case .code: return "the inline code \(token.markup)"
        case .lineBreak: return "the line break \(token.markup)"
        case .html: return "the HTML tag \(token.markup)"
        case .image: return "the image \(imageDestination(token.markup) ?? token.markup)"
        case .autolink: return "the web address \(token.markup.dropFirst().dropLast())"
        default: return "\(kind.phrase) \(token.markup)"
        }
    }

    /// A code named by its markup alone where the kind is clear from the context: `{sayı}`, `` `ls` ``.
    static func describeBriefly(_ token: InlineToken) -> String {
        switch token.kind {
        case .image, .autolink: return describe(token)
        default: return token.markup
        }
    }

    static func checkKind(of token: InlineToken) -> TranslationCheck {
        token.kind == .image || token.kind == .autolink ? .links : .placeholders
    }

    static func codes(expected: [String: Code], optional: Set<String>, targetTokens: [InlineToken]) -> [TranslationIssue] {
        let actual = standaloneCodes(targetTokens)
        var missing: [InlineToken] = []
        var added: [InlineToken] = []
        // In the order the source has them.
        for (key, code) in expected.sorted(by: { $0.value.order < $1.value.order }) {
            let have = actual[key]?.count ?? 0
            if have < code.count && !(optional.contains(key) && have == 0) {
                missing.append(contentsOf: Array(repeating: code.token, count: code.count - have))
            }
        }
        var used: [String: Int] = [:]
        for token in targetTokens {
            guard case .standalone = token else { continue }
            let key = codeKey(token)
            used[key, default: 0] += 1
            if used[key]! > (expected[key]?.count ?? 0) { added.append(token) }
        }
        var issues: [TranslationIssue] = []
        var unmatchedAdded = added
        for token in missing {
            // A missing code with an added one of the same kind: most likely the code was changed.
            if let index = unmatchedAdded.firstIndex(where: { $0.kind == token.kind }) {
                let replacement = unmatchedAdded.remove(at: index)
                var message = "\(describe(token)) is missing (the translation has \(describeBriefly(replacement)) instead"
                if token.kind == .placeholder { message += ": placeholders are copied as they are, not translated" }
                issues.append(TranslationIssue(check: checkKind(of: token), severity: .error, message: message + ")"))
            } else if let count = expected[codeKey(token)]?.count, count > 1 {
                let have = actual[codeKey(token)]?.count ?? 0
                issues.append(TranslationIssue(check: checkKind(of: token), severity: .error,
                    message: "\(describe(token)) is missing (the source has it \(count) times, the translation \(have))"))
            } else {
                issues.append(TranslationIssue(check: checkKind(of: token), severity: .error,
                                               message: "\(describe(token)) is missing"))
            }
        }
        for token in unmatchedAdded {
            issues.append(TranslationIssue(check: checkKind(of: token), severity: .error,
                message: "the translation adds \(describe(token)), which the source does not have"))
        }
        return issues
    }

    /// `](02-address.md "title")` -> `02-address.md`.
    static func linkDestination(_ closeMarkup: String) -> String {
        var inner = Substring(closeMarkup)
        if inner.hasPrefix("](") { inner = inner.dropFirst(2) }
        if inner.hasSuffix(")") { inner = inner.dropLast() }
        inner = inner.drop(while: { $0.isWhitespace })
        if inner.hasPrefix("<"), let end = inner.firstIndex(of: ">") {
            return String(inner[inner.index(after: inner.startIndex)..<end])
        }
        return String(inner.prefix { !$0.isWhitespace })
    }

    /// `![alt](map.png "title")` -> `map.png`.
    static func imageDestination(_ markup: String) -> String? {
        guard let open = markup.range(of: "](", options: .backwards) else { return nil }
        return linkDestination(String(markup[open.lowerBound...]))
    }

    /// The values of `href` and `src` attributes of an HTML tag.
    static func htmlDestinations(_ tag: String) -> [String] {
        var results: [String] = []
        let lower = tag.lowercased()
        for name in ["href", "src"] {
            var searchStart = lower.startIndex
            while let range = lower.range(of: name, range: searchStart..<lower.endIndex) {
                searchStart = range.upperBound
                if range.lowerBound > lower.startIndex, !lower[lower.index(before: range.lowerBound)].isWhitespace { continue }
                var cursor = range.upperBound
                while cursor < lower.endIndex, lower[cursor].isWhitespace { cursor = lower.index(after: cursor) }
                guard cursor < lower.endIndex, lower[cursor] == "=" else { continue }
                cursor = lower.index(after: cursor)
                while cursor < lower.endIndex, lower[cursor].isWhitespace { cursor = lower.index(after: cursor) }
                guard cursor < lower.endIndex else { continue }
                // Values keep the tag's own case.
                let offset = lower.distance(from: lower.startIndex, to: cursor)
                let original = tag.dropFirst(offset)
                if let quote = original.first, quote == "\"" || quote == "'" {
                    results.append(String(original.dropFirst().prefix { $0 != quote }))
                } else {
                    results.append(String(original.prefix { !$0.isWhitespace && $0 != ">" }))
                }
            }
        }
        return results
    }

    /// Markdown link destinations and HTML `href`/`src` values, as a multiset.
    static func linkDestinations(_ tokens: [InlineToken]) -> [String] {
        var destinations: [String] = []
        for token in tokens {
            switch token {
            case .close(_, .link, let markup): destinations.append(linkDestination(markup))
            case .open(_, .html, let markup), .standalone(_, .html, let markup): destinations += htmlDestinations(markup)
            default: break
            }
        }
        return destinations
    }

    static func links(sourceTokens: [InlineToken], targetTokens: [InlineToken]) -> [TranslationIssue] {
        var remaining = linkDestinations(targetTokens)
        var missing: [String] = []
        for destination in linkDestinations(sourceTokens) {
            if let index = remaining.firstIndex(of: destination) { remaining.remove(at: index) } else { missing.append(destination) }
        }
        var issues: [TranslationIssue] = []
        for destination in missing {
            if !remaining.isEmpty {
                let other = remaining.removeFirst()
                issues.append(TranslationIssue(check: .links, severity: .error,
                    message: "the link to \(destination) is missing (the translation links to \(other) instead)"))
            } else {
                issues.append(TranslationIssue(check: .links, severity: .error, message: "the link to \(destination) is missing"))
            }
        }
        for destination in remaining {
            issues.append(TranslationIssue(check: .links, severity: .error,
                message: "the translation adds a link to \(destination), which the source does not have"))
        }
        return issues
    }

    // MARK: - Markup

    /// Paired codes are compared by kind (`**` and `__` are both bold; HTML by element name).
    static func pairKey(_ token: InlineToken) -> String? {
        guard case .open(_, let kind, let markup) = token, kind != .link else { return nil }
        if kind == .html {
            let name = markup.dropFirst().prefix { $0.isLetter || $0.isNumber }.lowercased()
            return "html:" + name
        }
        return kind.rawValue
    }

    static func describePair(key: String, markup: String) -> String {
        if key.hasPrefix("html:") { return "the HTML element <\(key.dropFirst(5))>" }
        let kind = InlineCodeKind(rawValue: key)
        return "\(kind?.phrase ?? key) (\(markup)…\(markup))"
    }

    /// A marker the tokenizer left as text though it looks like one that opens or closes.
    struct StrayMarker {
        var marker: String
        var opens: Bool
        var closes: Bool
    }

    /// Runs of `*`, `_`, `~~` that could open or close (not between spaces, not `_` inside a word), and
    /// backticks, in the text tokens; escaped characters are skipped. Brackets are counted.
    static func strayMarkers(_ tokens: [InlineToken]) -> (markers: [StrayMarker], bracketBalance: Int) {
        var scalars: [(scalar: Unicode.Scalar, isText: Bool)] = []
        for token in tokens {
            let isText = token.isText
            for scalar in token.markup.unicodeScalars { scalars.append((scalar, isText)) }
        }
        func isSpace(_ index: Int) -> Bool {
            index < 0 || index >= scalars.count || scalars[index].scalar.properties.isWhitespace
        }
        func isWordy(_ index: Int) -> Bool {
            guard index >= 0, index < scalars.count else { return false }
            let properties = scalars[index].scalar.properties
            return properties.isAlphabetic || properties.numericType != nil
        }
        var markers: [StrayMarker] = []
        var balance = 0
        var index = 0
        while index < scalars.count {
            let (scalar, isText) = scalars[index]
            guard isText else { index += 1; continue }
            var run = 1
            while index + run < scalars.count, scalars[index + run].scalar == scalar, scalars[index + run].isText { run += 1 }
            switch scalar {
            case "\\":
                index += 2
                continue
            case "*", "_", "~":
                let opens = !isSpace(index + run)
                let closes = !isSpace(index - 1)
                let intraword = scalar == "_" && isWordy(index - 1) && isWordy(index + run)
                if (opens || closes) && !intraword && (scalar != "~" || run >= 2) {
                    markers.append(StrayMarker(marker: String(repeating: String(scalar), count: scalar == "~" ? 2 : run),
                                               opens: opens, closes: closes))
                }
            case "`":
                markers.append(StrayMarker(marker: String(repeating: "`", count: run), opens: true, closes: false))
            case "[":
                balance += run
            case "]":
                balance -= run
                // `](` left as text: a link whose destination is not closed with `)`.
                if index + run < scalars.count, scalars[index + run].scalar == "(", scalars[index + run].isText {
                    markers.append(StrayMarker(marker: "](", opens: true, closes: false))
                }
            default:
                break
            }
            index += run
        }
        return (markers, balance)
    }

    static func markup(sourceTokens: [InlineToken], targetTokens: [InlineToken]) -> [TranslationIssue] {
        var issues: [TranslationIssue] = []
        var explained: Set<String> = []
        let sourceStray = strayMarkers(sourceTokens)
        let targetStray = strayMarkers(targetTokens)
        var sourceCounts: [String: Int] = [:]
        for marker in sourceStray.markers { sourceCounts[marker.marker, default: 0] += 1 }
        for marker in targetStray.markers {
            if let count = sourceCounts[marker.marker], count > 0 { sourceCounts[marker.marker] = count - 1; continue }
            let m = marker.marker
            let message: String
            if m == "](" {
                message = "a link's destination is not closed: '](' needs a closing ')'"
            } else if m.hasPrefix("`") {
                message = "'\(m)' is not closed: inline code needs a closing '\(m)'"
            } else if marker.opens && !marker.closes {
                message = "'\(m)' is opened but not closed"
            } else if marker.closes && !marker.opens {
                message = "'\(m)' is closed but was never opened"
            } else {
                message = "'\(m)' has no matching '\(m)'"
            }
            issues.append(TranslationIssue(check: .markup, severity: .error, message: message))
            switch m.first {
            case "*", "_":
                if m.count >= 2 { explained.insert(InlineCodeKind.strong.rawValue) }
                if m.count != 2 { explained.insert(InlineCodeKind.emphasis.rawValue) }
            case "~": explained.insert(InlineCodeKind.strikethrough.rawValue)
            case "`": explained.insert(InlineCodeKind.code.rawValue)
            default: break
            }
        }
        if targetStray.bracketBalance != sourceStray.bracketBalance {
            issues.append(TranslationIssue(check: .markup, severity: .error,
                message: targetStray.bracketBalance > sourceStray.bracketBalance
                    ? "'[' is opened but not closed with ']'" : "']' is closed but was never opened with '['"))
        }
        // Formatting by kind: translators may reorder it, not drop or add it.
        var sourcePairs: [String: (count: Int, markup: String)] = [:]
        var targetPairs: [String: (count: Int, markup: String)] = [:]
        for token in sourceTokens { if let key = pairKey(token) { sourcePairs[key, default: (0, token.markup)].count += 1 } }
        for token in targetTokens { if let key = pairKey(token) { targetPairs[key, default: (0, token.markup)].count += 1 } }
        for (key, pair) in sourcePairs.sorted(by: { $0.key < $1.key }) {
            let have = targetPairs[key]?.count ?? 0
            if have == 0 {
                if explained.contains(key) { continue }
                issues.append(TranslationIssue(check: .markup, severity: .error,
                    message: "\(describePair(key: key, markup: pair.markup)) of the source is missing"))
            } else if have != pair.count {
                issues.append(TranslationIssue(check: .markup, severity: .warning,
                    message: "the source has \(describePair(key: key, markup: pair.markup)) \(times(pair.count)), the translation \(times(have))"))
            }
        }
        // Forbidden elements (`<script>`) are reported as unsafe HTML.
        for (key, pair) in targetPairs.sorted(by: { $0.key < $1.key })
        where sourcePairs[key] == nil && !forbiddenElements.contains(where: { "html:" + $0 == key }) {
            issues.append(TranslationIssue(check: .markup, severity: .error,
                message: "the translation adds \(describePair(key: key, markup: pair.markup)), which the source does not have"))
        }
        return issues
    }

    static func times(_ count: Int) -> String { count == 1 ? "once" : count == 2 ? "twice" : "\(count) times" }

    // MARK: - Unsafe HTML

    static let forbiddenElements = ["script", "iframe", "object", "embed", "style", "applet", "frame", "frameset", "base", "meta"]
    static let forbiddenSchemes = ["javascript:", "vbscript:", "data:text/html"]

    static func unsafeHTML(_ tokens: [InlineToken]) -> [TranslationIssue] {
        var issues: [TranslationIssue] = []
        // The text outside inline code (where `<script>` shows as text and runs nothing).
        let text = tokens.map { $0.kind == .code ? " " : $0.markup }.joined()
        let scalars = Array(text.unicodeScalars)
        var tags: [String] = []
        var seenElements: Set<String> = []
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "<" else { index += 1; continue }
            var cursor = index + 1
            while cursor < scalars.count, scalars[cursor].properties.isWhitespace || scalars[cursor] == "/" { cursor += 1 }
            var name = ""
            while cursor < scalars.count, scalars[cursor].properties.isAlphabetic || ("0"..."9").contains(scalars[cursor]) {
                name.unicodeScalars.append(scalars[cursor])
                cursor += 1
            }
            name = name.lowercased()
            if forbiddenElements.contains(name), !seenElements.contains(name) {
                seenElements.insert(name)
                issues.append(TranslationIssue(check: .unsafeHTML, severity: .error,
                    message: "<\(name)> is not allowed (\(name == "style" ? "styles belong to the module's theme" : "it can run code or load other pages"))"))
            }
            if !name.isEmpty {
                var end = cursor
                while end < scalars.count, scalars[end] != ">" { end += 1 }
                var tag = ""
                tag.unicodeScalars.append(contentsOf: scalars[index..<min(end + 1, scalars.count)])
                tags.append(tag)
            }
            index = cursor
        }
        // Event-handler attributes: on...= inside a tag.
        var seenAttributes: Set<String> = []
        for tag in tags {
            let lower = Array(tag.lowercased().unicodeScalars)
            var position = 1
            while position + 2 < lower.count {
                let before = lower[position - 1]
                if lower[position] == "o", lower[position + 1] == "n",
                   before.properties.isWhitespace || before == "/" || before == "\"" || before == "'" {
                    var end = position + 2
                    while end < lower.count, ("a"..."z").contains(lower[end]) { end += 1 }
                    var after = end
                    while after < lower.count, lower[after].properties.isWhitespace { after += 1 }
                    if end > position + 2, after < lower.count, lower[after] == "=" {
                        var name = ""
                        name.unicodeScalars.append(contentsOf: lower[position..<end])
                        if seenAttributes.insert(name).inserted {
                            issues.append(TranslationIssue(check: .unsafeHTML, severity: .error,
                                message: "the attribute \(name)= is not allowed (it runs a script)"))
                        }
                    }
                    position = end
                } else {
                    position += 1
                }
            }
        }
        // Script addresses in links, images, web addresses and tags.
        var contexts: [(shown: String, value: String)] = []
        for token in tokens {
            switch token {
            case .close(_, .link, let markup): contexts.append((String(markup.dropFirst(2).dropLast()), markup))
            case .standalone(_, .image, let markup): contexts.append((imageDestination(markup) ?? markup, markup))
            case .standalone(_, .autolink, let markup): contexts.append((String(markup.dropFirst().dropLast()), markup))
            default: break
            }
        }
        for tag in tags { contexts.append((tag, tag)) }
        var seenSchemes: Set<String> = []
        for context in contexts {
            let normalized = String(String.UnicodeScalarView(
                CheckText.decodingEntities(context.value).lowercased().unicodeScalars.filter {
                    !$0.properties.isWhitespace && $0.value >= 0x20 && $0.value != 0x7F
                }))
            for scheme in forbiddenSchemes where normalized.contains(scheme) && seenSchemes.insert(scheme).inserted {
                let shown = context.shown.count > 60 ? String(context.shown.prefix(60)) + "…" : context.shown
                issues.append(TranslationIssue(check: .unsafeHTML, severity: .error,
                    message: "\(scheme) addresses are not allowed (\(shown))"))
            }
        }
        return issues
    }

    // MARK: - Warnings

    /// Languages not written in the Latin script, where a name is transliterated.
    static let nonLatinLanguages: Set<String> = [
        "ar", "fa", "prs", "ps", "ur", "ckb", "he", "yi", "ti", "am", "uk", "ru", "be", "bg", "mk", "sr", "el",
        "hy", "ka", "hi", "bn", "pa", "ta", "te", "ne", "si", "my", "km", "lo", "th", "zh", "ja", "ko",
    ]

    static func unchanged(source: String, target: String, sourceTokens: [InlineToken], context: Context) -> [TranslationIssue] {
        // Cheap test first: a translation whose letters are many bytes longer or shorter than the
        // source's cannot be the same text (case and spaces aside).
        func visibleBytes(_ text: String) -> Int { text.utf8.reduce(0) { $0 + ($1 > 0x20 ? 1 : 0) } }
        guard abs(visibleBytes(source) - visibleBytes(target)) <= 8 else { return [] }
        guard CheckText.language(context.locale) != CheckText.language(context.sourceLocale) else { return [] }
        let words = sourceTokens.filter(\.isText).map(\.markup).joined(separator: " ")
            .split(whereSeparator: { $0.isWhitespace }).filter { CheckText.hasLetters(String($0)) }
        // Web and mail addresses, and nothing else, need no translation.
        let translatable = words.filter { word in
            !(word.contains("://") || word.lowercased().hasPrefix("www.") || (word.contains("@") && word.contains(".")))
        }
        guard !translatable.isEmpty else { return [] }
        // A name ("Amina", "Red Cross") stays as it is in a language written in the same (Latin) script;
        // in Arabic or Ukrainian it is transliterated, so there the warning stands.
        if translatable.count <= 3, translatable.allSatisfy({ $0.first?.isUppercase ?? false }),
           !nonLatinLanguages.contains(CheckText.language(context.locale)) { return [] }
        func squeezed(_ text: String) -> String {
            String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { !CheckText.isInvisible($0) }))
        }
        guard squeezed(source) == squeezed(target) else { return [] }
        return [TranslationIssue(check: .unchanged, severity: .warning,
            message: "the translation is the same as the source text; translate it, or confirm it stays as it is")]
    }

    /// The text tokens, each standalone code a separator.
    static func words(_ tokens: [InlineToken]) -> String {
        tokens.map { token -> String in
            switch token {
            case .text(let text): return text
            case .standalone: return " \u{FFFC} "
            case .open, .close: return ""
            }
        }.joined()
    }

    static func numbers(sourceTokens: [InlineToken], targetTokens: [InlineToken]) -> [TranslationIssue] {
        let sourceText = sourceTokens.map { $0.isText ? $0.markup : " \u{FFFC} " }.joined()
        let targetText = targetTokens.map { $0.isText ? $0.markup : " \u{FFFC} " }.joined()
        func counted(_ numbers: [CheckText.Number]) -> [String: Int] {
            numbers.reduce(into: [:]) { $0[$1.digits, default: 0] += 1 }
        }
        for grouping in CheckText.Grouping.allCases
        where counted(CheckText.numbers(in: sourceText, grouping: grouping)) == counted(CheckText.numbers(in: targetText, grouping: grouping)) {
            return []
        }
        let sourceNumbers = CheckText.numbers(in: sourceText, grouping: .joinSpaces)
        var extra = CheckText.numbers(in: targetText, grouping: .joinSpaces)
        var missing: [CheckText.Number] = []
        for number in sourceNumbers {
            if let index = extra.firstIndex(where: { $0.digits == number.digits }) { extra.remove(at: index) } else { missing.append(number) }
        }
        var issues: [TranslationIssue] = []
        for number in missing {
            if !extra.isEmpty {
                let other = extra.removeFirst()
                issues.append(TranslationIssue(check: .numbers, severity: .warning,
                    message: "the number \(number.written) is missing (the source has \(number.written); the translation has \(other.written))"))
            } else {
                issues.append(TranslationIssue(check: .numbers, severity: .warning, message: "the number \(number.written) is missing"))
            }
        }
        for number in extra {
            issues.append(TranslationIssue(check: .numbers, severity: .warning,
                message: "the translation has the number \(number.written), which the source does not have"))
        }
        return issues
    }

    static func punctuation(sourceTokens: [InlineToken], targetTokens: [InlineToken], target: String,
                            context: Context) -> [TranslationIssue] {
        let sourceEnding = CheckText.ending(of: sourceTokens, script: context.sourceScript)
        let targetEnding = CheckText.ending(of: targetTokens, script: context.script)
        let script = context.script
        let language = context.language
        func warning(_ message: String) -> [TranslationIssue] {
            [TranslationIssue(check: .punctuation, severity: .warning, message: message)]
        }
        switch (sourceEnding, targetEnding) {
        case (.code, _), (_, .code), (.none, .none):
            return []
        case (.mark(let mark, let written), .none):
            let suggestion = CheckText.suggestedMark(mark, script: script, language: language)
            var message = "the source ends with \(mark.article) ('\(written)') and the translation has no end punctuation: end it with '\(suggestion)'"
            // Right-to-left text typed with the mark first shows it at the end but stores it at the start.
            if script == .arabic, let first = target.first(where: { !$0.unicodeScalars.allSatisfy(CheckText.isInvisible) }),
               CheckText.endMark(of: first, script: script) == mark {
                message += " (the '\(first)' at the start of the text belongs at its end)"
            }
            return warning(message)
        case (.none, .mark(let mark, let written)):
            return warning("the translation ends with \(mark.article) ('\(written)'), which the source does not have")
        case (.mark(let sourceMark, let sourceWritten), .mark(let targetMark, let targetWritten)):
            if sourceMark != targetMark {
                return warning("the source ends with \(sourceMark.article) ('\(sourceWritten)'), the translation with \(targetMark.article) ('\(targetWritten)')")
            }
            if let preferred = CheckText.preferredMark(targetMark, script: script, language: language),
               !preferred.marks.contains(targetWritten) {
                return warning("in \(CheckText.scriptName(script, language: language)) \(targetMark.article) is written '\(preferred.shown)', not '\(targetWritten)'")
            }
            return []
        }
    }

    static func doubledWords(sourceTokens: [InlineToken], targetTokens: [InlineToken]) -> [TranslationIssue] {
        let inSource = Set(CheckText.doubledWords(in: words(sourceTokens)).map { $0.word.lowercased() })
        var seen: Set<String> = []
        return CheckText.doubledWords(in: words(targetTokens)).compactMap { pair in
            let key = pair.word.lowercased()
            guard !inSource.contains(key), seen.insert(key).inserted else { return nil }
            return TranslationIssue(check: .doubledWords, severity: .warning,
                                    message: "the word '\(pair.word)' is written twice ('\(pair.written)')")
        }
    }

    static func bidiControls(source: String, target: String) -> [TranslationIssue] {
        let inSource = Set(source.unicodeScalars.map(\.value))
        var seen: Set<UInt32> = []
        var issues: [TranslationIssue] = []
        for scalar in target.unicodeScalars {
            guard let name = CheckText.bidiControls[scalar.value], !inSource.contains(scalar.value),
                  seen.insert(scalar.value).inserted else { continue }
            issues.append(TranslationIssue(check: .bidiControls, severity: .warning,
                message: "the invisible character \(CheckText.hex(scalar)) \(name) is not in the source; remove it (the page sets the text direction)"))
        }
        return issues
    }

    /// Tatweel between two Arabic letters stretches a word (`دفتـــر`). After a one-letter prefix before a
    /// number or a foreign word (`بـ 112`, `لـ WhatsApp`) it is spelling, and is not reported.
    static func kashida(source: String, target: String, context: Context) -> [TranslationIssue] {
        guard !source.unicodeScalars.contains("\u{0640}") else { return [] }
        let scalars = Array(target.unicodeScalars)
        var stretched: [String] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "\u{0640}" else { index += 1; continue }
            var end = index
            while end < scalars.count, scalars[end] == "\u{0640}" { end += 1 }
            if index > 0, end < scalars.count, CheckText.isArabicLetter(scalars[index - 1]), CheckText.isArabicLetter(scalars[end]) {
                // The word around the tatweel, to name it.
                var start = index
                while start > 0, CheckText.isWordScalar(scalars[start - 1]) || scalars[start - 1] == "\u{0640}" { start -= 1 }
                var stop = end
                while stop < scalars.count, CheckText.isWordScalar(scalars[stop]) || scalars[stop] == "\u{0640}" { stop += 1 }
                var word = ""
                word.unicodeScalars.append(contentsOf: scalars[start..<stop])
                if !stretched.contains(word) { stretched.append(word) }
                index = stop
            } else {
                index = end
            }
        }
        return stretched.map { word in
            TranslationIssue(check: .kashida, severity: .warning,
                message: "'\(word)' is stretched with tatweel (kashida, 'ـ'); remove it (the page layout justifies text)")
        }
    }
}
