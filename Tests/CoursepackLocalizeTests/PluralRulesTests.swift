import Foundation
import XCTest
@testable import CoursepackLocalize

final class PluralRulesTests: XCTestCase {
    /// The languages the modules are translated into, and the others the rules must know.
    static let languages = ["en", "ar", "fa", "prs", "ps", "ur", "ckb", "ku", "ti", "am", "uk", "ru", "pl", "cs", "tr",
                            "it", "ro", "nl", "fr", "de", "es", "pt", "pt-PT", "so", "sw", "zh", "ja", "ko", "vi", "he",
                            "hi", "bn", "sq", "sr", "hr", "bs", "el", "hu", "sv", "da", "nb", "be", "sk", "lt", "lv",
                            "sl", "mk", "is", "ga", "cy", "mt", "fil", "hy", "ka", "th", "id", "ca"]

    func testArabicSelectsEveryCategory() {
        let arabic = PluralRules.forLocale("ar")
        XCTAssertEqual(arabic.categories, [.zero, .one, .two, .few, .many, .other])
        let expected: [(Int, PluralCategory)] = [(0, .zero), (1, .one), (2, .two), (3, .few), (10, .few), (11, .many),
                                                 (99, .many), (100, .other), (101, .other), (102, .other), (103, .few),
                                                 (111, .many), (1000, .other), (1003, .few)]
        for (n, category) in expected { XCTAssertEqual(arabic.category(for: n), category, "n = \(n)") }
    }

    func testArabicPluralFormsHeaderIsTheAgreedOne() {
        XCTAssertEqual(PluralRules.forLocale("ar").poPluralForms,
                       "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);")
        XCTAssertEqual(PluralRules.forLocale("ar-EG").poPluralForms, PluralRules.forLocale("ar").poPluralForms)
    }

    func testLanguageSubtagsAndAliases() {
        XCTAssertEqual(PluralRules.forLocale("fa-AF").language, "fa")
        XCTAssertEqual(PluralRules.forLocale("prs").language, "prs")
        XCTAssertEqual(PluralRules.forLocale("prs").categories, PluralRules.forLocale("fa").categories)
        XCTAssertEqual(PluralRules.forLocale("prs").languageName, "Dari")
        XCTAssertEqual(PluralRules.forLocale("ckb-IQ").languageName, "Kurdish (Sorani)")
        XCTAssertEqual(PluralRules.forLocale("uk_UA").categories, [.one, .few, .many])
        XCTAssertEqual(PluralRules.forLocale("sr-Latn-RS").categories, [.one, .few, .other])
        XCTAssertEqual(PluralRules.forLocale("TI-er").categories, [.one, .other])
    }

    func testPortugueseOfBrazilAndOfPortugal() {
        let brazil = PluralRules.forLocale("pt-BR")
        let portugal = PluralRules.forLocale("pt-PT")
        XCTAssertEqual(PluralRules.forLocale("pt").category(for: 0), .one)
        XCTAssertEqual(brazil.category(for: 0), .one)
        XCTAssertEqual(brazil.category(for: 1), .one)
        XCTAssertEqual(brazil.category(for: 2), .other)
        XCTAssertEqual(portugal.category(for: 0), .other)
        XCTAssertEqual(portugal.category(for: 1), .one)
        XCTAssertEqual(PluralRules.forLocale("pt-AO").category(for: 0), .other, "African Portuguese follows pt-PT")
        XCTAssertEqual(brazil.category(for: 1_000_000), .many)
    }

    func testSamplesOfTheTranslatedLanguages() {
        func check(_ tag: String, _ expected: [Int: PluralCategory], file: StaticString = #filePath, line: UInt = #line) {
            let rules = PluralRules.forLocale(tag)
            for (n, category) in expected.sorted(by: { $0.key < $1.key }) {
                XCTAssertEqual(rules.category(for: n), category, "\(tag), n = \(n)", file: file, line: line)
            }
        }
        check("en", [0: .other, 1: .one, 2: .other, 21: .other])
        check("fa", [0: .one, 1: .one, 2: .other, 11: .other])
        check("prs", [0: .one, 1: .one, 5: .other])
        check("ps", [0: .other, 1: .one, 2: .other])
        check("ur", [0: .other, 1: .one, 2: .other])
        check("ckb", [1: .one, 2: .other])
        check("ti", [0: .one, 1: .one, 2: .other])
        check("am", [0: .one, 1: .one, 2: .other])
        check("uk", [0: .many, 1: .one, 2: .few, 4: .few, 5: .many, 11: .many, 12: .many, 14: .many, 21: .one,
                     22: .few, 25: .many, 101: .one, 111: .many, 112: .many, 122: .few])
        check("ru", [1: .one, 3: .few, 5: .many, 21: .one, 1001: .one])
        check("pl", [0: .many, 1: .one, 2: .few, 5: .many, 21: .many, 22: .few, 112: .many, 1001: .many])
        check("cs", [0: .other, 1: .one, 2: .few, 4: .few, 5: .other, 21: .other])
        check("tr", [0: .other, 1: .one, 2: .other])
        check("it", [0: .other, 1: .one, 2: .other, 1_000_000: .many, 2_000_000: .many, 1_000_001: .other])
        check("ro", [0: .few, 1: .one, 2: .few, 19: .few, 20: .other, 100: .other, 101: .few, 119: .few, 120: .other])
        check("nl", [0: .other, 1: .one, 2: .other])
        check("fr", [0: .one, 1: .one, 2: .other, 1_000_000: .many])
        check("es", [0: .other, 1: .one, 1_000_000: .many])
        check("he", [1: .one, 2: .two, 3: .other, 20: .other])
        check("hi", [0: .one, 1: .one, 2: .other])
        check("bn", [0: .one, 1: .one, 2: .other])
        check("sr", [1: .one, 2: .few, 5: .other, 11: .other, 21: .one, 22: .few])
        check("hr", [1: .one, 12: .other, 23: .few])
        check("zh", [0: .other, 1: .other, 2: .other])
        check("vi", [1: .other])
        check("sl", [1: .one, 2: .two, 3: .few, 5: .other, 101: .one, 102: .two])
        check("lv", [0: .zero, 1: .one, 11: .zero, 21: .one, 2: .other])
        check("cy", [0: .zero, 1: .one, 2: .two, 3: .few, 6: .many, 4: .other])
        check("ga", [1: .one, 2: .two, 5: .few, 8: .many, 11: .other])
    }

    func testUnknownLanguagesCountLikeEnglish() {
        let rules = PluralRules.forLocale("xx-unknown")
        XCTAssertEqual(rules.categories, [.one, .other])
        XCTAssertEqual(rules.category(for: 1), .one)
        XCTAssertEqual(rules.category(for: 0), .other)
        XCTAssertEqual(rules.poPluralForms, "nplurals=2; plural=(n==1 ? 0 : 1);")
    }

    func testCategoriesAreInCLDROrderAndComparable() {
        XCTAssertLessThan(PluralCategory.zero, .one)
        XCTAssertLessThan(PluralCategory.many, .other)
        for tag in Self.languages {
            let rules = PluralRules.forLocale(tag)
            XCTAssertEqual(rules.categories, rules.categories.sorted(), tag)
            XCTAssertFalse(rules.categories.isEmpty, tag)
            for (index, category) in rules.categories.enumerated() {
                XCTAssertEqual(rules.poIndex(of: category), index, tag)
            }
        }
        XCTAssertNil(PluralRules.forLocale("en").poIndex(of: .few))
        XCTAssertEqual(PluralRules.forLocale("zh").poPluralForms, "nplurals=1; plural=0;")
    }

    func testEveryCategorySelectedAndExamplesSelectTheirCategory() {
        for tag in Self.languages {
            let rules = PluralRules.forLocale(tag)
            var selected: Set<PluralCategory> = []
            for n in 0...1_000 { selected.insert(rules.category(for: n)) }
            selected.insert(rules.category(for: 1_000_000))
            XCTAssertEqual(selected, Set(rules.categories), "\(tag): every category is selected by some count, no other")
            for category in rules.categories {
                XCTAssertEqual(rules.category(for: rules.example(for: category)), category, "\(tag) \(category)")
            }
        }
        let arabic = PluralRules.forLocale("ar")
        XCTAssertEqual(arabic.example(for: .zero), 0)
        XCTAssertEqual(arabic.example(for: .few), 3)
        XCTAssertEqual(arabic.example(for: .many), 11)
        XCTAssertEqual(arabic.example(for: .other), 100)
        XCTAssertEqual(PluralRules.forLocale("en").example(for: .other), 2)
        XCTAssertEqual(PluralRules.forLocale("fr").example(for: .many), 1_000_000)
    }

    func testNegativeCountsSelectAsTheirMagnitude() {
        XCTAssertEqual(PluralRules.forLocale("en").category(for: -1), .one)
        XCTAssertEqual(PluralRules.forLocale("uk").category(for: -3), .few)
    }

    /// The PO expression, evaluated by an evaluator of C expressions written here, agrees with
    /// `category(for:)` for every n in 0...1000 (and the million of the `many` languages).
    func testPluralFormsExpressionsAgreeWithTheRules() throws {
        for tag in Self.languages {
            let rules = PluralRules.forLocale(tag)
            let header = rules.poPluralForms
            let (nplurals, expression) = try parseHeader(header)
            XCTAssertEqual(nplurals, rules.categories.count, tag)
            for n in Array(0...1_000) + [1_000_000, 2_000_000, 1_000_001, 1_234_567] {
                let index = try PluralExpressionEvaluator.evaluate(expression, n: n)
                XCTAssertEqual(index, rules.poIndex(of: rules.category(for: n)), "\(tag) n=\(n): \(header)")
                if index != rules.poIndex(of: rules.category(for: n)) { break }
            }
        }
    }

    /// The same, by GNU gettext: `msgfmt -c` accepts every header, and Python's `gettext` (which reads
    /// the compiled catalogue and evaluates its expression) picks the form of `category(for:)`.
    func testPluralFormsAgreeWithGNUGettext() throws {
        guard let msgfmt = which("msgfmt"), let python = which("python3") else {
            throw MissingTool(message: "msgfmt or python3 not installed (scripts/setup.sh installs them)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plurals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let numbers = Array(0...1_000) + [1_000_000, 2_000_000]
        var expected: [String] = []
        for (position, tag) in Self.languages.enumerated() {
            let rules = PluralRules.forLocale(tag)
            var po = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: \(rules.poPluralForms)\\n\"\n\n"
            po += "msgid \"one\"\nmsgid_plural \"many\"\n"
            for index in rules.categories.indices { po += "msgstr[\(index)] \"\(index)\"\n" }
            let poURL = folder.appendingPathComponent("\(position).po")
            try po.write(to: poURL, atomically: true, encoding: .utf8)
            let status = try run(msgfmt, ["-c", "-o", folder.appendingPathComponent("\(position).mo").path, poURL.path])
            XCTAssertEqual(status.code, 0, "msgfmt refuses \(tag): \(status.output)")
            expected.append(numbers.map { String(rules.poIndex(of: rules.category(for: $0))!) }.joined(separator: " "))
        }
        let script = """
            import gettext, sys
            numbers = list(range(0, 1001)) + [1000000, 2000000]
            for position in range(\(Self.languages.count)):
                with open(sys.argv[1] + "/" + str(position) + ".mo", "rb") as f:
                    t = gettext.GNUTranslations(f)
                print(" ".join(t.ngettext("one", "many", n) for n in numbers))
            """
        let result = try run(python, ["-c", script, folder.path])
        XCTAssertEqual(result.code, 0, result.output)
        let lines = result.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, Self.languages.count)
        for (tag, (line, wanted)) in zip(Self.languages, zip(lines, expected)) {
            XCTAssertEqual(line, wanted, "gettext disagrees for \(tag)")
        }
    }

    // MARK: - Helpers

    func parseHeader(_ header: String) throws -> (Int, String) {
        let parts = header.split(separator: ";", maxSplits: 1)
        let nplurals = try XCTUnwrap(Int(parts[0].replacingOccurrences(of: "nplurals=", with: "")))
        var expression = String(parts[1]).trimmingCharacters(in: .whitespaces)
        XCTAssertTrue(expression.hasPrefix("plural="))
        XCTAssertTrue(expression.hasSuffix(";"))
        expression = String(expression.dropFirst("plural=".count).dropLast())
        return (nplurals, expression)
    }

    func which(_ tool: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    func run(_ tool: String, _ arguments: [String]) throws -> (code: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A small evaluator of gettext's C plural expressions: `?:`, `||`, `&&`, `==`, `!=`, `<`, `<=`, `>`,
/// `>=`, `+`, `-`, `*`, `/`, `%`, `!`, parentheses, `n` and integers.
enum PluralExpressionEvaluator {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func evaluate(_ text: String, n: Int) throws -> Int {
        var parser = Parser(tokens: try tokenize(text), n: n)
        let value = try parser.ternary()
        guard parser.position == parser.tokens.count else { throw Failure(description: "trailing input in \(text)") }
        return value
    }

    static func tokenize(_ text: String) throws -> [String] {
        var tokens: [String] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { index += 1; continue }
            if character.isNumber {
                var end = index
                while end < characters.count, characters[end].isNumber { end += 1 }
                tokens.append(String(characters[index..<end]))
                index = end
                continue
            }
            let pair = index + 1 < characters.count ? String(characters[index...(index + 1)]) : ""
            if ["||", "&&", "==", "!=", "<=", ">="].contains(pair) {
                tokens.append(pair)
                index += 2
            } else if "n?:<>+-*/%!()".contains(character) {
                tokens.append(String(character))
                index += 1
            } else {
                throw Failure(description: "unexpected \(character) in \(text)")
            }
        }
        return tokens
    }

    struct Parser {
        let tokens: [String]
        let n: Int
        var position = 0

        mutating func take(_ token: String) -> Bool {
            guard position < tokens.count, tokens[position] == token else { return false }
            position += 1
            return true
        }

        mutating func ternary() throws -> Int {
            let condition = try or()
            guard take("?") else { return condition }
            let yes = try ternary()
            guard take(":") else { throw Failure(description: "':' expected") }
            let no = try ternary()
            return condition != 0 ? yes : no
        }

        mutating func or() throws -> Int {
            var value = try and()
            while take("||") { let right = try and(); value = (value != 0 || right != 0) ? 1 : 0 }
            return value
        }

        mutating func and() throws -> Int {
            var value = try equality()
            while take("&&") { let right = try equality(); value = (value != 0 && right != 0) ? 1 : 0 }
            return value
        }

        mutating func equality() throws -> Int {
            var value = try relation()
            while true {
                if take("==") { value = value == (try relation()) ? 1 : 0 }
                else if take("!=") { value = value != (try relation()) ? 1 : 0 }
                else { return value }
            }
        }

        mutating func relation() throws -> Int {
            var value = try additive()
            while true {
                if take("<=") { value = value <= (try additive()) ? 1 : 0 }
                else if take(">=") { value = value >= (try additive()) ? 1 : 0 }
                else if take("<") { value = value < (try additive()) ? 1 : 0 }
                else if take(">") { value = value > (try additive()) ? 1 : 0 }
                else { return value }
            }
        }

        mutating func additive() throws -> Int {
            var value = try multiplicative()
            while true {
                if take("+") { value += try multiplicative() }
                else if take("-") { value -= try multiplicative() }
                else { return value }
            }
        }

        mutating func multiplicative() throws -> Int {
            var value = try unary()
            while true {
                if take("*") { value *= try unary() }
                else if take("/") { value /= try unary() }
                else if take("%") { value %= try unary() }
                else { return value }
            }
        }

        mutating func unary() throws -> Int {
            if take("!") { return try unary() == 0 ? 1 : 0 }
            if take("(") {
                let value = try ternary()
                guard take(")") else { throw Failure(description: "')' expected") }
                return value
            }
            if take("n") { return n }
            guard position < tokens.count, let value = Int(tokens[position]) else {
                throw Failure(description: "value expected at \(position)")
            }
            position += 1
            return value
        }
    }
}
