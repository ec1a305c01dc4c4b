import CoursepackLocalize
import JSONSchema

/// The JSON of `<script type="application/json" id="coursepack-data">` for one document
/// (docs/package-layout.md, "The data block").
struct PlayerData {
    let source: ModuleSource
    let texts: LocaleTexts
    let locales: [String]
    let target: PackageTarget
    let title: LocalizedText
    let collected: PlayerDataBuilder

    var value: JSONValue {
        let identity = source.strings.identity
        var module: [String: JSONValue] = [
            "id": .string(identity.id), "version": .string(identity.version), "title": .string(title.text),
            "language": .string(identity.sourceLanguage),
        ]
        if let minutes = source.manifest?["duration_minutes"]?.integer { module["durationMinutes"] = JSONValue(integer: minutes) }
        return [
            "format": 1,
            "module": .object(module),
            "locale": .string(texts.locale),
            "dir": .string(texts.direction.rawValue),
            "locales": .array(locales.enumerated().map { index, locale in
                ["tag": .string(locale), "name": .string(LocaleNames.name(of: locale)),
                 "href": .string(DocumentHTML.documentPath(locale, index: index)),
                 "dir": .string(TextDirection(locale: locale).rawValue)]
            }),
            "target": .string(target.rawValue),
            "pages": .array(source.pages.map { page in
                ["id": .string(page.id), "title": .string(texts.text(of: page.title)?.text ?? page.id),
                 "scored": .bool(page.scored), "element": .string(ModuleLinks.sectionID(page.id))]
            }),
            "completion": completion,
            "quizzes": .object(collected.quizzes),
            "dialogues": .object(collected.dialogues),
            "components": .object(collected.components),
            "messages": messages,
            "plural": plural,
        ]
    }

    private var completion: JSONValue {
        let rules = source.manifest?["completion"]
        var completion: [String: JSONValue] = [
            "rule": .string(rules?["rule"]?.string ?? "pages-seen"),
            "pagesRequired": JSONValue(integer: rules?["pages_required"]?.integer ?? 100),
        ]
        if let passing = rules?["passing_score"]?.integer { completion["passingScore"] = JSONValue(integer: passing) }
        return .object(completion)
    }

    /// The player's interface messages in this locale; a plural message is an object with one form per
    /// CLDR category.
    private var messages: JSONValue {
        var messages: [String: JSONValue] = [:]
        for key in texts.messageKeys {
            switch texts.message(key) {
            case .text(let text)?: messages[key] = .string(text.text)
            case .plural(let forms, _)?: messages[key] = .object(forms.mapValues { .string($0) })
            case nil: break
            }
        }
        return .object(messages)
    }

    /// How to pick a plural form: the locale's categories and the CLDR rule as a C expression that
    /// gives the category's index (the PO `Plural-Forms` formula), for players without `Intl.PluralRules`.
    private var plural: JSONValue {
        let rules = PluralRules.forLocale(texts.locale)
        var expression = rules.poPluralForms
        if let start = expression.range(of: "plural=") {
            expression = String(expression[start.upperBound...])
            while expression.hasSuffix(";") { expression.removeLast() }
        }
        return ["categories": .array(rules.categories.map { .string($0.rawValue) }), "expression": .string(expression)]
    }
}
