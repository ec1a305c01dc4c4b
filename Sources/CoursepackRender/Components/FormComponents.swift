import CoursepackLoad

/// checklist and reflection: controls whose values the player saves, each with its label.
extension ComponentHTML {
    /// Tasks to tick: one labelled checkbox per item, whose name and value are the item's id (the tick
    /// is saved under it).
    func checklist(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        html.open("fieldset", frame.attributes)
        if let title = text(frame.body["title"]) {
            html.open("legend", title.languageAttributes)
            html.raw(plain(title))
            html.close("legend")
        }
        html.open("ul", [("class", "cp-checklist-items")])
        for (index, item) in (frame.body["items"]?.array ?? []).enumerated() {
            guard let label = text(item["text"]) else { continue }
            let itemID = item["id"]?.string ?? "\(index + 1)"
            let inputID = context.state.uniqueID(frame.part(itemID))
            html.open("li")
            html.open("input", [("type", "checkbox"), ("id", inputID), ("name", itemID), ("value", itemID),
                                ("data-item", itemID)])
            html.open("label", [("for", inputID)] + label.languageAttributes)
            html.raw(plain(label))
            html.close("label")
            html.close("li")
        }
        html.close("ul")
        html.close("fieldset")
    }

    /// A question answered in the learner's own words: the prompt is the text box's label.
    func reflection(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        let inputID = context.state.uniqueID(frame.part("answer"))
        html.open("div", frame.attributes)
        if let prompt = text(frame.body["prompt"]) {
            html.open("label", [("for", inputID)] + prompt.languageAttributes)
            html.raw(plain(prompt))
            html.close("label")
        }
        let placeholder = text(frame.body["placeholder"])
        let maxLength = frame.body["max_length"]?.integer
        html.open("textarea", [("id", inputID), ("name", frame.id ?? inputID), ("rows", "5"),
                               ("maxlength", maxLength.map(String.init)), ("placeholder", placeholder?.text)])
        html.close("textarea")
        html.close("div")
    }
}
