import CoursepackLoad

/// A branching dialogue is a graph of scenes: every reference must name a scene or a character, every
/// scene must be reachable from `start`, and every scene must either end the dialogue or offer a
/// choice (not both: the player could only do one of them).
struct DialogueRule: ModuleRule {
    let pageByPage = true

    func check(_ context: CheckContext) -> [Diagnostic] {
        context.components(of: .dialogue).flatMap { check($0.component) }
    }

    private func check(_ dialogue: Component) -> [Diagnostic] {
        guard let body = dialogue.body, let scenes = body["scenes"]?.array else { return [] }
        var diagnostics: [Diagnostic] = []
        let sceneIDs = scenes.compactMap { $0["id"]?.string }
        let characterIDs = (body["characters"]?.array ?? []).compactMap { $0["id"]?.string }
        let known = Set(sceneIDs)

        func unknownScene(_ value: SourceValue, _ what: String) {
            guard let name = value.string, !known.contains(name) else { return }
            let suggestion = Spelling.closest(to: name, among: sceneIDs)
            diagnostics.append(Diagnostic(.unknownDialogueReference, at: value.location,
                                          "\(what) '\(name)' is not a scene of this dialogue"
                                            + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                                          hint: "name the 'id' of one of the scenes: \(sceneIDs.joined(separator: ", "))"))
        }

        if let start = body["start"] { unknownScene(start, "the start scene") }
        var edges: [String: [String]] = [:]
        for scene in scenes {
            guard let id = scene["id"]?.string else { continue }
            if let speaker = scene["speaker"], let name = speaker.string, !characterIDs.contains(name) {
                let suggestion = Spelling.closest(to: name, among: characterIDs)
                diagnostics.append(Diagnostic(.unknownDialogueReference, at: speaker.location,
                                              "the speaker '\(name)' is not a character of this dialogue"
                                                + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                                              hint: "name the 'id' of one of the characters: \(characterIDs.joined(separator: ", "))"))
            }
            let choices = scene["choices"]?.array ?? []
            for choice in choices {
                if let next = choice["next"] {
                    unknownScene(next, "the choice's next scene")
                    if let target = next.string { edges[id, default: []].append(target) }
                }
            }
            if !choices.isEmpty, let end = scene["end"], end.bool == true {
                diagnostics.append(Diagnostic(.endingSceneWithChoices, at: end.location,
                                              "the scene '\(id)' ends the dialogue and also offers \(choices.count) choice\(choices.count == 1 ? "" : "s"), which the learner would never see",
                                              hint: "remove 'end: true' to let the learner choose, or remove the choices if the dialogue ends here"))
            }
            if choices.isEmpty && scene["end"]?.bool != true {
                diagnostics.append(Diagnostic(.deadEndScene, at: scene["id"]!.location,
                                              "the scene '\(id)' leads nowhere: it has no choices and is not an end",
                                              hint: "add 'choices:' that lead on, or 'end: true' (with an 'outcome') if the dialogue ends here"))
            }
        }

        guard let start = body["start"]?.string, known.contains(start) else { return diagnostics }
        var reached: Set<String> = [start]
        var queue = [start]
        while let current = queue.popLast() {
            for next in edges[current] ?? [] where reached.insert(next).inserted { queue.append(next) }
        }
        for scene in scenes {
            guard let id = scene["id"], let name = id.string, !reached.contains(name) else { continue }
            diagnostics.append(Diagnostic(.unreachableScene, at: id.location,
                                          "the scene '\(name)' cannot be reached from the start scene '\(start)'",
                                          hint: "add a choice whose 'next' is '\(name)', or remove the scene"))
        }
        return diagnostics
    }
}
