import CoursepackLoad

/// Ids name things for progress tracking, links and translations: two things with one id would share
/// a learner's answers and a translator's strings. Pages, components and checklist items share one
/// namespace per module; scenes and characters are named per dialogue.
struct IdentifierRule: ModuleRule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen: [String: (what: String, location: SourceLocation)] = [:]

        func claim(_ id: SourceValue?, as what: String) {
            guard let id, let text = id.string else { return }
            if let first = seen[text] {
                diagnostics.append(Diagnostic(.duplicateID, at: id.location,
                                              "the id '\(text)' is already used by \(first.what) at \(first.location)",
                                              hint: "give each page, component and checklist item its own id"))
            } else {
                seen[text] = (what, id.location)
            }
        }

        for page in context.module.pages {
            seen[page.id] = seen[page.id] ?? ("the page \(page.file)", SourceLocation(file: page.file))
        }
        for (_, component) in context.components {
            guard let body = component.body else { continue }
            claim(body["id"], as: "\(article(component.type.rawValue)) \(component.type.rawValue)")
            switch component.type {
            case .dialogue:
                for (list, what) in [("scenes", "scene"), ("characters", "character")] {
                    var local: Set<String> = []
                    for entry in body[list]?.array ?? [] {
                        guard let id = entry["id"], let text = id.string, !local.insert(text).inserted else { continue }
                        diagnostics.append(Diagnostic(.duplicateID, at: id.location,
                                                      "the \(what) id '\(text)' is used twice in this dialogue",
                                                      hint: "give each \(what) of a dialogue its own id"))
                    }
                }
            case .checklist:
                for item in body["items"]?.array ?? [] { claim(item["id"], as: "a checklist item") }
            default:
                break
            }
        }
        return diagnostics
    }
}

func article(_ noun: String) -> String {
    guard let first = noun.first else { return "a" }
    return "aeiou".contains(first) ? "an" : "a"
}
