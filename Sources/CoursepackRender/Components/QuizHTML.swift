import CoursepackLoad
import JSONSchema

/// A quiz: the question and its choices as a form that reads without script, and the right answer,
/// points and feedback in the data block only, so reading the page does not give the answer away.
extension ComponentHTML {
    func quiz(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        let body = frame.body
        let id = frame.id ?? frame.element
        let kind = body["kind"]?.string ?? "single"
        let questionID = context.state.uniqueID(frame.part("question"))
        html.open("form", frame.attributes + [("data-quiz", id), ("data-kind", kind), ("method", "dialog"),
                                              ("aria-labelledby", questionID)])
        // method="dialog": submitting outside a dialog does nothing, so pressing the button before the
        // player runs can never reload the document (which would end an LMS session).
        html.open("fieldset")
        let question = text(body["question"])
        html.open("legend", [("id", questionID)] + (question?.languageAttributes ?? []))
        if let question { html.raw(plain(question)) }
        html.close("legend")
        var entry: [String: JSONValue] = [
            "id": .string(id), "kind": .string(kind),
            "points": JSONValue(integer: body["points"]?.integer ?? 1),
        ]
        if let question { entry["question"] = .string(question.text) }
        if let attempts = body["attempts"]?.integer { entry["attempts"] = JSONValue(integer: attempts) }
        switch kind {
        case "ordering": entry["answer"] = ordering(frame, into: &html)
        case "matching": entry["answer"] = matching(frame, into: &html)
        case "true-false": entry["answer"] = trueFalse(frame, into: &html)
        default:
            let (answer, feedback) = try choices(frame, multiple: kind == "multiple", into: &html)
            entry["answer"] = answer
            if !feedback.isEmpty { entry["optionFeedback"] = .object(feedback) }
        }
        html.close("fieldset")
        let check = message("check-answer")
        html.open("button", [("type", "submit")] + check.languageAttributes)
        html.raw(plain(check))
        html.close("button")
        html.raw("<div class=\"cp-feedback\" role=\"status\" aria-live=\"polite\"></div>")
        html.close("form")

        var feedback: [String: JSONValue] = [:]
        feedback["correct"] = try markdownFragment(text(body["feedback"]?["correct"]))
        feedback["incorrect"] = try markdownFragment(text(body["feedback"]?["incorrect"]))
        entry["feedback"] = .object(feedback)
        entry["explanation"] = try markdownFragment(text(body["explanation"]))
        context.data.quiz(id, [
            "page": .string(context.page.id), "scored": .bool(context.page.scored), "element": .string(frame.element),
            "questions": [.object(entry)],
        ])
    }

    /// single and multiple: a radio button or checkbox per option, valued a, b, c... in written order.
    private func choices(_ frame: Frame, multiple: Bool, into html: inout HTMLBuilder) throws(RenderError)
        -> (answer: JSONValue, feedback: [String: JSONValue]) {
        var answer: [JSONValue] = []
        var feedback: [String: JSONValue] = [:]
        html.open("ul", [("class", "cp-options")])
        for (index, choice) in (frame.body["options"]?.array ?? []).enumerated() {
            let value = Self.optionValue(index)
            if choice["correct"]?.bool == true { answer.append(.string(value)) }
            if let optionFeedback = try markdownFragment(text(choice["feedback"])) { feedback[value] = optionFeedback }
            let label = text(choice["text"]) ?? LocalizedText(text: value, fallbackLanguage: nil)
            option(frame, type: multiple ? "checkbox" : "radio", value: value, label: label, into: &html)
        }
        html.close("ul")
        return (.array(answer), feedback)
    }

    private func trueFalse(_ frame: Frame, into html: inout HTMLBuilder) -> JSONValue {
        html.open("ul", [("class", "cp-options")])
        for value in ["true", "false"] {
            option(frame, type: "radio", value: value, label: message(value), into: &html)
        }
        html.close("ul")
        return [.string(frame.body["answer"]?.bool == true ? "true" : "false")]
    }

    private func option(_ frame: Frame, type: String, value: String, label: LocalizedText, into html: inout HTMLBuilder) {
        let inputID = context.state.uniqueID(frame.part(value))
        html.open("li")
        html.open("input", [("type", type), ("id", inputID), ("name", frame.part("answer")), ("value", value)])
        html.open("label", [("for", inputID)] + label.languageAttributes)
        html.raw(plain(label))
        html.close("label")
        html.close("li")
    }

    /// ordering: the items mixed, each with a list of positions; the answer is the item ids in the
    /// right order.
    private func ordering(_ frame: Frame, into html: inout HTMLBuilder) -> JSONValue {
        let items = frame.body["items"]?.array ?? []
        let shown = StableShuffle.permutation(count: items.count, seed: frame.id ?? frame.element)
        var idOfSource = Array(repeating: "", count: items.count)
        html.open("ul", [("class", "cp-ordering")])
        for (position, source) in shown.enumerated() {
            let itemID = "item-\(position + 1)"
            idOfSource[source] = itemID
            let label = text(items[source]) ?? LocalizedText(text: itemID, fallbackLanguage: nil)
            let positions = (1...items.count).map { (value: String($0), label: LocalizedText(text: String($0), fallbackLanguage: nil)) }
            select(frame, name: itemID, label: label, options: positions, into: &html)
        }
        html.close("ul")
        return .array(idOfSource.map { .string($0) })
    }

    /// matching: each left side with a list of the right sides, mixed; the answer maps left ids to right ids.
    private func matching(_ frame: Frame, into html: inout HTMLBuilder) -> JSONValue {
        let pairs = frame.body["pairs"]?.array ?? []
        let shown = StableShuffle.permutation(count: pairs.count, seed: frame.id ?? frame.element)
        var rightIDOfSource = Array(repeating: "", count: pairs.count)
        var rights: [(value: String, label: LocalizedText)] = []
        for (position, source) in shown.enumerated() {
            let rightID = "right-\(position + 1)"
            rightIDOfSource[source] = rightID
            rights.append((rightID, text(pairs[source]["right"]) ?? LocalizedText(text: rightID, fallbackLanguage: nil)))
        }
        var answer: [String: JSONValue] = [:]
        html.open("ul", [("class", "cp-matching")])
        for (index, pair) in pairs.enumerated() {
            let leftID = "left-\(index + 1)"
            answer[leftID] = .string(rightIDOfSource[index])
            let label = text(pair["left"]) ?? LocalizedText(text: leftID, fallbackLanguage: nil)
            select(frame, name: leftID, label: label, options: rights, into: &html)
        }
        html.close("ul")
        return .object(answer)
    }

    private func select(_ frame: Frame, name: String, label: LocalizedText,
                        options: [(value: String, label: LocalizedText)], into html: inout HTMLBuilder) {
        let selectID = context.state.uniqueID(frame.part(name))
        html.open("li")
        html.open("label", [("for", selectID)] + label.languageAttributes)
        html.raw(plain(label))
        html.close("label")
        html.raw(" ")
        html.open("select", [("id", selectID), ("name", name)])
        html.raw("<option value=\"\">–</option>")
        for option in options {
            html.open("option", [("value", option.value)] + option.label.languageAttributes)
            html.text(option.label.text)
            html.close("option")
        }
        html.close("select")
        html.close("li")
    }

    /// a, b, ... z, then aa, ab...: short values that say nothing about which option is right.
    static func optionValue(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var value = ""
        var number = index
        repeat {
            value = String(letters[number % 26]) + value
            number = number / 26 - 1
        } while number >= 0
        return value
    }
}
