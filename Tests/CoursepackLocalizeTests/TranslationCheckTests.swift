import CoursepackLoad
import XCTest
@testable import CoursepackLocalize

final class TranslationCheckTests: XCTestCase {
    // MARK: - Helpers

    func check(_ source: String, _ target: String, _ locale: String, maxLength: Int? = nil,
               kind: UnitKind? = nil) -> [TranslationIssue] {
        TranslationChecker.check(source: source, target: target, locale: locale, maxLength: maxLength, kind: kind)
    }

    /// The issues of one check; fails unless there is one with `message` (exactly) and `severity`.
    @discardableResult
    func assertIssue(_ issues: [TranslationIssue], _ check: TranslationCheck, _ severity: Severity, _ message: String? = nil,
                     file: StaticString = #filePath, line: UInt = #line) -> [TranslationIssue] {
        let found = issues.filter { $0.check == check }
        XCTAssertFalse(found.isEmpty, "no \(check.rawValue) issue in \(issues)", file: file, line: line)
        for issue in found { XCTAssertEqual(issue.severity, severity, "\(issue)", file: file, line: line) }
        if let message {
            XCTAssertTrue(found.contains { $0.message == message }, "no “\(message)” in \(found.map(\.message))", file: file, line: line)
        }
        return found
    }

    func assertClean(_ issues: [TranslationIssue], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(issues, [], file: file, line: line)
    }

    func assertNo(_ issues: [TranslationIssue], _ check: TranslationCheck, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(issues.filter { $0.check == check }, [], file: file, line: line)
    }

    // MARK: - Good translations pass

    func testGoodTranslationsInFiveLanguagesHaveNoIssue() {
        let source = "If you are in danger, call **112** or see [emergency numbers](03-health.md#emergency-numbers)."
        let translations = [
            ("ar", "إذا كنت في خطر، اتصل بـ **112** أو راجع [أرقام الطوارئ](03-health.md#emergency-numbers)."),
            ("fa", "اگر در خطر هستید، با **۱۱۲** تماس بگیرید یا [شماره‌های اضطراری](03-health.md#emergency-numbers) را ببینید."),
            ("uk", "Якщо ви в небезпеці, телефонуйте за номером **112** або перегляньте [екстрені номери](03-health.md#emergency-numbers)."),
            ("tr", "Tehlikedeyseniz **112**'yi arayın veya [acil durum numaralarına](03-health.md#emergency-numbers) bakın."),
            ("ti", "ኣብ ሓደጋ እንተ ሃሊኹም፣ ናብ **112** ደውሉ ወይ ድማ [ቁጽሪ ህጹጽ ረድኤት](03-health.md#emergency-numbers) ርኣዩ።"),
        ]
        for (locale, target) in translations {
            XCTAssertEqual(check(source, target, locale), [], locale)
        }
    }

    func testQuestionsInTheirScripts() {
        assertClean(check("Do you need an interpreter?", "هل تحتاج إلى مترجم؟", "ar"))
        assertClean(check("Do you need an interpreter?", "آیا به مترجم نیاز دارید؟", "fa"))
        assertClean(check("Do you need an interpreter?", "Вам потрібен перекладач?", "uk"))
        assertClean(check("Do you need an interpreter?", "Tercümana ihtiyacınız var mı?", "tr"))
        assertClean(check("Do you need an interpreter?", "ተርጓሚ የድልየኩም ድዩ፧", "ti"))
        assertClean(check("Do you need an interpreter?", "ተርጓሚ ያስፈልግዎታል?", "am"))
    }

    // MARK: - Placeholders and inline codes (errors)

    func testPlaceholderKeptPasses() {
        assertClean(check("{count} pages left", "{count} sayfa kaldı", "tr"))
        assertClean(check("Hello {name}, you have {count} messages", "У вас {count} повідомлень, {name}", "uk"))
    }

    func testPlaceholderDropped() {
        let issues = check("{count} pages left", "Sayfa kaldı", "tr")
        assertIssue(issues, .placeholders, .error, "the placeholder {count} is missing")
    }

    func testPlaceholderTranslated() {
        let issues = check("{count} pages left", "{sayı} sayfa kaldı", "tr")
        assertIssue(issues, .placeholders, .error,
                    "the placeholder {count} is missing (the translation has {sayı} instead: placeholders are copied as they are, not translated)")
        XCTAssertEqual(issues.filter { $0.check == .placeholders }.count, 1)
    }

    func testPlaceholderAddedOrRepeated() {
        assertIssue(check("Welcome", "مرحباً {name}", "ar"), .placeholders, .error,
                    "the translation adds the placeholder {name}, which the source does not have")
        assertIssue(check("Hello {name}", "Merhaba {name} {name}", "tr"), .placeholders, .error,
                    "the translation adds the placeholder {name}, which the source does not have")
        assertIssue(check("{name} and {name}", "{name}", "tr"), .placeholders, .error,
                    "the placeholder {name} is missing (the source has it 2 times, the translation 1)")
    }

    func testCodesMayBeReordered() {
        assertClean(check("Press `Ctrl` then {key}", "{key} ثم `Ctrl` اضغط", "ar"))
    }

    func testInlineCodeAndLineBreakDropped() {
        let issues = check("Type `help` and press Enter.<br>Then wait.", "Yazın ve Enter'a basın. Sonra bekleyin.", "tr")
        assertIssue(issues, .placeholders, .error, "the inline code `help` is missing")
        assertIssue(issues, .placeholders, .error, "the line break <br> is missing")
    }

    // MARK: - Links (errors)

    func testLinkKeptWithTranslatedTitlePasses() {
        assertClean(check("See [the address](02-address.md \"Address\").", "Дивіться [адресу](02-address.md \"Адреса\").", "uk"))
    }

    func testLinkDestinationChanged() {
        let issues = check("See [the address](02-address.md).", "Дивіться [адресу](02-adress.md).", "uk")
        assertIssue(issues, .links, .error, "the link to 02-address.md is missing (the translation links to 02-adress.md instead)")
    }

    func testLinkDropped() {
        let issues = check("Call [emergency numbers](03-health.md#emergency-numbers).", "Acil numaraları arayın.", "tr")
        assertIssue(issues, .links, .error, "the link to 03-health.md#emergency-numbers is missing")
    }

    func testLinkAdded() {
        assertIssue(check("Go to the office.", "[Ofise](office.md) gidin.", "tr"), .links, .error,
                    "the translation adds a link to office.md, which the source does not have")
    }

    func testLinksMayBeReorderedButAreCountedAsAMultiset() {
        let source = "[Health](03-health.md) and [housing](04-housing.md)"
        assertClean(check(source, "[السكن](04-housing.md) و[الصحة](03-health.md)", "ar"))
        assertIssue(check(source, "[الصحة](03-health.md) و[السكن](03-health.md)", "ar"), .links, .error,
                    "the link to 04-housing.md is missing (the translation links to 03-health.md instead)")
    }

    func testImagesAreComparedByDestinationSoAltTextMayBeTranslated() {
        assertClean(check("![Map of the office](images/map.png)", "![ካርታ ቤት ጽሕፈት](images/map.png)", "ti"))
        assertIssue(check("![Map](images/map.png)", "![ካርታ](images/karta.png)", "ti"), .links, .error,
                    "the image images/map.png is missing (the translation has the image images/karta.png instead)")
    }

    func testWebAddressesAndHTMLLinks() {
        assertIssue(check("Write to <info@example.org>.", "Yazın.", "tr"), .links, .error,
                    "the web address info@example.org is missing")
        assertClean(check("<a href=\"https://example.org\">Site</a>", "<a href=\"https://example.org\">Сайт</a>", "uk"))
        assertIssue(check("<a href=\"https://example.org\">Site</a>", "<a href=\"https://example.com\">Сайт</a>", "uk"),
                    .links, .error, "the link to https://example.org is missing (the translation links to https://example.com instead)")
    }

    // MARK: - Markup (errors; counts are warnings)

    func testBalancedMarkupPasses() {
        assertClean(check("**Important:** bring your *passport*.", "**مهم:** جواز سفرك *أحضر*.", "ar"))
        assertClean(check("5 * 3 = 15", "5 * 3 = 15", "tr"))
        assertClean(check("~~Old~~ new address", "~~Eski~~ yeni adres", "tr"))
    }

    func testBoldOpenedNotClosed() {
        let issues = check("Call **112** now.", "**اتصل بـ 112 الآن.", "ar")
        assertIssue(issues, .markup, .error, "'**' is opened but not closed")
        // The broken marker explains the missing bold text: one message, not two.
        XCTAssertEqual(issues.filter { $0.check == .markup }.count, 1)
    }

    func testBoldClosedNeverOpened() {
        assertIssue(check("Call **112** now.", "Телефонуйте 112** зараз.", "uk"), .markup, .error,
                    "'**' is closed but was never opened")
    }

    func testOtherUnbalancedMarkers() {
        assertIssue(check("Bring *all* papers.", "Tüm *belgeleri getirin.", "tr"), .markup, .error, "'*' is opened but not closed")
        assertIssue(check("Use `help`.", "استخدم `help.", "ar"), .markup, .error)
        assertIssue(check("See [this](a.md).", "ببینید [این](a.md", "fa"), .markup, .error,
                    "a link's destination is not closed: '](' needs a closing ')'")
        assertIssue(check("See [this](a.md).", "ببینید [این(a.md).", "fa"), .markup, .error, "'[' is opened but not closed with ']'")
        assertNo(check("See [sic] here.", "Bakın [sic] burada.", "tr"), .markup)
        assertIssue(check("~~Old~~ address", "~~Eski adres", "tr"), .markup, .error, "'~~' is opened but not closed")
    }

    func testStrayMarkersTheSourceAlsoHasAreNotReported() {
        assertClean(check("Rate 5 ** or more", "5 ** veya daha fazla puan", "tr"))
    }

    func testFormattingDroppedOrAdded() {
        assertIssue(check("Call **112** now.", "اتصل بـ 112 الآن.", "ar"), .markup, .error,
                    "bold text (**…**) of the source is missing")
        assertIssue(check("Call 112 now.", "Hemen *112*'yi arayın.", "tr"), .markup, .error,
                    "the translation adds italic text (*…*), which the source does not have")
        // `__` for `**` is the same bold.
        assertClean(check("**Note**", "__Not__", "tr"))
    }

    func testFormattingCountsDifferIsAWarning() {
        let issues = check("**Call 112** or **go to a hospital**.", "**112'yi arayın veya hastaneye gidin**.", "tr")
        assertIssue(issues, .markup, .warning, "the source has bold text (**…**) twice, the translation once")
        XCTAssertFalse(issues.contains { $0.isError })
    }

    func testHTMLElementsComparedByName() {
        assertClean(check("<b>Note</b>: bring it", "<b>Not</b>: getirin", "tr"))
        assertIssue(check("<b>Note</b>: bring it", "<i>Not</i>: getirin", "tr"), .markup, .error,
                    "the HTML element <b> of the source is missing")
    }

    // MARK: - Unsafe HTML (errors)

    func testHarmlessHTMLPasses() {
        assertNo(check("Line<br>two", "Рядок<br>два", "uk"), .unsafeHTML)
        assertNo(check("Type `<script>` to see", "`<script>` yazın", "tr"), .unsafeHTML)
    }

    func testScriptElements() {
        let issues = check("Hello", "Merhaba<script>alert(1)</script>", "tr")
        assertIssue(issues, .unsafeHTML, .error, "<script> is not allowed (it can run code or load other pages)")
        for element in ["iframe src=x", "object data=x", "embed src=x", "STYLE"] {
            assertIssue(check("Hello", "Merhaba <\(element)>", "tr"), .unsafeHTML, .error)
        }
    }

    func testEventHandlerAttributes() {
        assertIssue(check("<b>Hello</b>", "<b onclick=\"steal()\">Merhaba</b>", "tr"), .unsafeHTML, .error,
                    "the attribute onclick= is not allowed (it runs a script)")
        assertIssue(check("Hello", "<img src=x onerror = alert(1)>", "tr"), .unsafeHTML, .error,
                    "the attribute onerror= is not allowed (it runs a script)")
        // "on" in a word outside a tag is harmless.
        assertNo(check("Click on=this", "Click on=this", "tr"), .unsafeHTML)
    }

    func testScriptAddresses() {
        assertIssue(check("[Open](page.md)", "[Aç](javascript:alert(1))", "tr"), .unsafeHTML, .error,
                    "javascript: addresses are not allowed (javascript:alert(1))")
        assertIssue(check("[Open](page.md)", "[Aç](&#106;avascript:alert(1))", "tr"), .unsafeHTML, .error)
        assertIssue(check("[Open](page.md)", "[Aç](JaVa\tScript:alert(1))", "tr"), .unsafeHTML, .error)
        assertIssue(check("Open", "<a href=\"vbscript:msgbox\">Aç</a>", "tr"), .unsafeHTML, .error)
        assertIssue(check("![x](a.png)", "![x](data:text/html;base64,PHNjcmlwdD4=)", "tr"), .unsafeHTML, .error)
    }

    // MARK: - Plural forms (errors)

    func testArabicPluralWithAllSixForms() {
        let forms = ["لم تتبق أي صفحة", "تبقت صفحة واحدة", "تبقت صفحتان", "تبقت {count} صفحات", "تبقت {count} صفحة", "تبقت {count} صفحة"]
        assertClean(TranslationChecker.checkPlural(source: "One page left", sourcePlural: "{count} pages left", forms: forms,
                                                   locale: "ar"))
    }

    func testArabicPluralFormMissing() {
        let forms = ["لم تتبق أي صفحة", "تبقت صفحة واحدة", "تبقت صفحتان", "تبقت {count} صفحات", "تبقت {count} صفحة"]
        let issues = TranslationChecker.checkPlural(source: "One page left", sourcePlural: "{count} pages left", forms: forms, locale: "ar")
        let found = assertIssue(issues, .pluralForms, .error, "the Arabic plural form 'other' is missing (it is used for numbers like 100)")
        XCTAssertEqual(found.first?.form, .other)
    }

    func testUkrainianPluralBlankFormAndDroppedCount() {
        let issues = TranslationChecker.checkPlural(source: "{count} page left", sourcePlural: "{count} pages left",
            forms: ["Залишилася {count} сторінка", "Залишилося сторінки", "  "], locale: "uk")
        assertIssue(issues, .pluralForms, .error, "the Ukrainian plural form 'many' is blank (it is used for numbers like 5)")
        let few = assertIssue(issues, .placeholders, .error, "plural form 'few': the placeholder {count} is missing")
        XCTAssertEqual(few.first?.form, .few)
    }

    func testCountMayBeLeftOutOfTheOneForm() {
        // Turkish: "Bir sayfa kaldı" for 1.
        assertClean(TranslationChecker.checkPlural(source: "{count} page left", sourcePlural: "{count} pages left",
                                                   forms: ["Bir sayfa kaldı", "{count} sayfa kaldı"], locale: "tr"))
        // Other placeholders may not.
        let issues = TranslationChecker.checkPlural(source: "{name}: {count} page", sourcePlural: "{name}: {count} pages",
                                                    forms: ["Bir sayfa", "{name}: {count} sayfa"], locale: "tr")
        assertIssue(issues, .placeholders, .error, "plural form 'one': the placeholder {name} is missing")
    }

    func testTooManyPluralForms() {
        assertIssue(TranslationChecker.checkPlural(source: "1 file", sourcePlural: "{count} files",
                                                   forms: ["1 dosya", "{count} dosya", "{count} dosya"], locale: "tr"),
                    .pluralForms, .error, "there are 3 plural forms, but Turkish has 2 (one, other)")
    }

    func testDariAndTigrinyaPlurals() {
        assertClean(TranslationChecker.checkPlural(source: "{count} day", sourcePlural: "{count} days",
                                                   forms: ["{count} روز", "{count} روز"], locale: "prs"))
        assertIssue(TranslationChecker.checkPlural(source: "{count} day", sourcePlural: "{count} days",
                                                   forms: ["{count} መዓልቲ"], locale: "ti"),
                    .pluralForms, .error, "the Tigrinya plural form 'other' is missing (it is used for numbers like 2)")
    }

    // MARK: - Blank and length (errors)

    func testBlank() {
        assertIssue(check("Call 112", "", "tr"), .blank, .error, "the translation is blank")
        assertIssue(check("Call 112", " \u{200F} ", "ar"), .blank, .error)
        XCTAssertEqual(check("Call 112", "  ", "tr").count, 1, "nothing else is checked in a blank translation")
        assertNo(check("Call 112", "112'yi arayın", "tr"), .blank)
    }

    func testLengthCountsCharacters() {
        assertNo(check("Next", "Далі", "uk", maxLength: 4), .length)
        // Four characters, though more bytes and scalars (a combining accent, an emoji with a skin tone).
        assertNo(check("Next", "e\u{301}👍🏽ab", "tr", maxLength: 4), .length)
        assertIssue(check("Next page", "Наступна сторінка", "uk", maxLength: 12, kind: .interface), .length, .error,
                    "the translation has 17 characters, more than the 12 this interface text allows")
    }

    // MARK: - Unchanged (warning)

    func testUnchanged() {
        assertIssue(check("Register at the office.", "Register at the office.", "tr"), .unchanged, .warning)
        assertIssue(check("Register at the office.", "register at  the office.", "uk"), .unchanged, .warning)
        assertNo(check("Register at the office.", "Ofiste kayıt olun.", "tr"), .unchanged)
    }

    func testUnchangedIsFineForNumbersAddressesAndSameLanguage() {
        assertNo(check("112", "112", "tr"), .unchanged)
        assertNo(check("https://example.org", "https://example.org", "tr"), .unchanged)
        assertNo(check("info@example.org", "info@example.org", "ar"), .unchanged)
        assertNo(check("{count}", "{count}", "ar"), .unchanged)
        assertNo(TranslationChecker.check(source: "Colour", target: "Colour", locale: "en-GB", sourceLocale: "en"), .unchanged)
    }

    func testNamesStayInLatinScriptsButAreTransliteratedElsewhere() {
        assertNo(check("Amina", "Amina", "tr"), .unchanged)
        assertNo(check("Red Cross", "Red Cross", "nl"), .unchanged)
        assertIssue(check("Amina", "Amina", "ar"), .unchanged, .warning)
        assertIssue(check("Amina", "Amina", "uk"), .unchanged, .warning)
    }

    // MARK: - Numbers (warning)

    func testNumbersInOtherDigitsAndGroupingsAreEqual() {
        assertNo(check("Call 112.", "اتصل بـ ١١٢.", "ar"), .numbers)
        assertNo(check("Call 112.", "با ۱۱۲ تماس بگیرید.", "fa"), .numbers)
        assertNo(check("Call 112.", "११२ पर कॉल करें।", "hi"), .numbers)
        assertNo(check("It costs 1,000 euros.", "Costa 1.000 euro.", "it"), .numbers)
        assertNo(check("It costs 1,000 euros.", "Cela coûte 1 000 euros.", "fr"), .numbers)
        assertNo(check("It costs 1,000 euros.", "Cela coûte 1\u{202F}000 euros.", "fr"), .numbers)
        assertNo(check("It costs 1,000 euros.", "هزینه ۱٬۰۰۰ یورو است.", "fa"), .numbers)
        assertNo(check("It costs 1,000 euros.", "1000 avro tutar.", "tr"), .numbers)
        assertNo(check("Phone 0800 123 456 or 112.", "Telefon: 112 veya 0800 123 456.", "tr"), .numbers)
        assertNo(check("Open 9:00 to 17:30, 12.05.2024", "Açık 9:00 - 17:30, 12/05/2024", "tr"), .numbers)
    }

    func testNumberChanged() {
        assertIssue(check("Call 112.", "Телефонуйте 113.", "uk"), .numbers, .warning,
                    "the number 112 is missing (the source has 112; the translation has 113)")
        assertIssue(check("Call 112.", "اتصل بـ ١١٣.", "ar"), .numbers, .warning,
                    "the number 112 is missing (the source has 112; the translation has ١١٣)")
    }

    func testNumberDroppedOrAdded() {
        assertIssue(check("Bring 2 photos.", "Fotoğraf getirin.", "tr"), .numbers, .warning, "the number 2 is missing")
        assertIssue(check("Bring photos.", "3 fotoğraf getirin.", "tr"), .numbers, .warning,
                    "the translation has the number 3, which the source does not have")
    }

    func testNumbersInsideCodesAreNotCompared() {
        assertNo(check("See [page](02-address.md).", "Дивіться [сторінку](02-address.md).", "uk"), .numbers)
    }

    // MARK: - End punctuation (warning)

    func testEndPunctuationOfTheScript() {
        assertIssue(check("Do you need help?", "هل تحتاج إلى مساعدة?", "ar"), .punctuation, .warning,
                    "in Arabic script a question mark is written '؟', not '?'")
        assertIssue(check("Register at the office.", "دفتر میں رجسٹر کریں.", "ur"), .punctuation, .warning,
                    "in Urdu a full stop is written '۔', not '.'")
        assertNo(check("Register at the office.", "دفتر میں رجسٹر کریں۔", "ur"), .punctuation)
        assertIssue(check("Register at the office.", "ኣብ ቤት ጽሕፈት ተመዝገቡ.", "ti"), .punctuation, .warning,
                    "in Ethiopic script a full stop is written '።', not '.'")
        assertNo(check("Register at the office.", "ኣብ ቤት ጽሕፈት ተመዝገቡ።", "ti"), .punctuation)
        assertNo(check("Register at the office.", "در دفتر ثبت‌نام کنید.", "fa"), .punctuation)
    }

    func testEndPunctuationMissing() {
        assertIssue(check("Do you need help?", "Yardıma ihtiyacınız var mı", "tr"), .punctuation, .warning,
                    "the source ends with a question mark ('?') and the translation has no end punctuation: end it with '?'")
        // Right-to-left text where the mark was typed first.
        assertIssue(check("Do you need help?", "؟هل تحتاج إلى مساعدة", "ar"), .punctuation, .warning,
                    "the source ends with a question mark ('?') and the translation has no end punctuation: end it with '؟' (the '؟' at the start of the text belongs at its end)")
    }

    func testEndPunctuationDifferentOrAdded() {
        assertIssue(check("Stop!", "Зупиніться.", "uk"), .punctuation, .warning,
                    "the source ends with an exclamation mark ('!'), the translation with a full stop ('.')")
        assertIssue(check("Documents", "Belgeler:", "tr", kind: .heading), .punctuation, .warning,
                    "the translation ends with a colon (':'), which the source does not have")
    }

    func testEndPunctuationThroughMarkupAndQuotes() {
        assertNo(check("**Call 112.**", "**Телефонуйте 112.**", "uk"), .punctuation)
        assertNo(check("Say \"help.\"", "«Yardım» deyin.", "tr"), .punctuation)
        assertNo(check("Pages left: {count}", "الصفحات المتبقية: {count}", "ar"), .punctuation)
        assertNo(check("Wait...", "Почекайте…", "uk"), .punctuation)
    }

    // MARK: - Doubled words (warning)

    func testDoubledWords() {
        assertIssue(check("Go to the office.", "Go to the the office.", "en-GB"), .doubledWords, .warning,
                    "the word 'the' is written twice ('the the')")
        assertIssue(check("Go to the office.", "Ofise Ofise gidin.", "tr"), .doubledWords, .warning)
        assertIssue(check("Go to the office.", "إلى إلى المكتب.", "ar"), .doubledWords, .warning,
                    "the word 'إلى' is written twice ('إلى إلى')")
        assertIssue(check("Go to the office.", "ናብ ናብ ቤት ጽሕፈት ኺዱ።", "ti"), .doubledWords, .warning)
        assertIssue(check("Go to the office.", "Ідіть до ДО офісу.", "uk"), .doubledWords, .warning)
    }

    func testNotDoubledWords() {
        assertNo(check("Go to the office.", "Ofise gidin.", "tr"), .doubledWords)
        // Punctuation between: not a doubled word.
        assertNo(check("No, no.", "Hayır, hayır.", "tr"), .doubledWords)
        // The source doubles it too.
        assertNo(check("Bye bye!", "Bye bye!", "en-GB"), .doubledWords)
        // Placeholders are not words.
        assertNo(check("{a} {a}", "{a} {a}", "tr"), .doubledWords)
    }

    // MARK: - Direction marks (warning)

    func testBidiControls() {
        assertIssue(check("Register at the office.", "در دفتر ثبت‌نام کنید\u{200F}.", "fa"), .bidiControls, .warning,
                    "the invisible character U+200F RIGHT-TO-LEFT MARK is not in the source; remove it (the page sets the text direction)")
        assertIssue(check("Call 112.", "\u{202B}اتصل بـ 112.\u{202C}", "ar"), .bidiControls, .warning)
        assertIssue(check("Call 112.", "اتصل\u{061C} بـ 112.", "ar"), .bidiControls, .warning)
        // The zero-width non-joiner of Persian is not a direction mark.
        assertNo(check("Register at the office.", "در دفتر ثبت‌نام کنید.", "fa"), .bidiControls)
        assertNo(check("\u{2068}{name}\u{2069} called", "\u{2068}{name}\u{2069} تماس گرفت", "fa"), .bidiControls)
    }

    // MARK: - Kashida (warning)

    func testKashida() {
        assertIssue(check("Register at the office.", "در دفتـــر ثبت‌نام کنید.", "fa"), .kashida, .warning,
                    "'دفتـــر' is stretched with tatweel (kashida, 'ـ'); remove it (the page layout justifies text)")
        assertIssue(check("Welcome", "أهـــلاً", "ar"), .kashida, .warning)
    }

    func testTatweelAfterAPrefixIsSpelling() {
        assertNo(check("Call 112.", "اتصل بـ 112.", "ar"), .kashida)
        assertNo(check("Use WhatsApp.", "استخدم الـ WhatsApp.", "ar"), .kashida)
        assertNo(check("Register at the office.", "در دفتر ثبت‌نام کنید.", "fa"), .kashida)
    }

    // MARK: - API

    func testChecksAndIssues() {
        XCTAssertEqual(TranslationCheck.allCases.count, 14)
        XCTAssertEqual(TranslationCheck.controlCharacters.rawValue, "control-characters")
        XCTAssertEqual(TranslationCheck.unsafeHTML.rawValue, "unsafe-html")
        XCTAssertEqual(TranslationCheck.doubledWords.rawValue, "doubled-words")
        let issue = TranslationIssue(check: .blank, severity: .error, message: "the translation is blank")
        XCTAssertEqual(issue.description, "error [blank] the translation is blank")
        XCTAssertTrue(issue.isError)
        XCTAssertNil(issue.form)
    }

    func testIssuesAreNotRepeated() {
        let issues = check("Hello", "<script>a</script><script>b</script>", "tr")
        XCTAssertEqual(issues.filter { $0.check == .unsafeHTML }.count, 1)
    }
}
