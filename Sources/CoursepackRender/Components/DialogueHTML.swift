import CoursepackLoad
import JSONSchema

/// A branching role play. Without script, every scene shows in reading order (the start first, then
/// as the choices lead) and each choice is a link to the scene it leads to; the player shows one scene
/// at a time. Choice feedback and endings' outcomes are in the data block.
extension ComponentHTML {
    func dialogue(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        let body = frame.body
        let id = frame.id ?? frame.element
        let scenes = body["scenes"]?.array ?? []
        let start = body["start"]?.string
        var names: [String: LocalizedText] = [:]
        for character in body["characters"]?.array ?? [] {
            if let characterID = character["id"]?.string, let name = text(character["name"]) { names[characterID] = name }
        }
        var elements: [String: String] = [:]
        for scene in scenes {
            guard let sceneID = scene["id"]?.string, elements[sceneID] == nil else { continue }
            elements[sceneID] = context.state.uniqueID(frame.part("scene-" + sceneID))
        }

        html.open("div", frame.attributes + [("data-dialogue", id)])
        if let title = text(body["title"]) {
            html.open("p", [("class", "cp-title")] + title.languageAttributes)
            html.raw(plain(title))
            html.close("p")
        }
        var sceneData: [String: JSONValue] = [:]
        // The scenes in one container, which the player replaces with the conversation as it unfolds.
        html.open("div", [("class", "cp-scenes")])
        for scene in Self.readingOrder(scenes, start: start) {
            guard let sceneID = scene["id"]?.string, let element = elements[sceneID] else { continue }
            let speaker = scene["speaker"]?.string
            html.open("div", [("class", "cp-scene"), ("id", element), ("data-scene", sceneID), ("data-speaker", speaker)])
            if let speaker, let name = names[speaker] {
                html.open("p", [("class", "cp-speaker")] + name.languageAttributes)
                html.raw(plain(name))
                html.close("p")
            }
            if let sceneText = text(scene["text"]) {
                try markdownBlock(sceneText, class: "cp-scene-text", into: &html)
            }
            var choiceData: [JSONValue] = []
            let choices = scene["choices"]?.array ?? []
            if !choices.isEmpty {
                html.open("ul", [("class", "cp-choices")])
                for choice in choices {
                    let next = choice["next"]?.string
                    var entry: [String: JSONValue] = [:]
                    entry["next"] = next.map { .string($0) }
                    entry["feedback"] = try markdownFragment(text(choice["feedback"]))
                    choiceData.append(.object(entry))
                    let label = text(choice["text"]) ?? LocalizedText(text: next ?? "", fallbackLanguage: nil)
                    html.open("li")
                    html.open("a", [("href", next.flatMap { elements[$0] }.map { "#" + $0 }), ("data-next", next)]
                                  + label.languageAttributes)
                    html.raw(plain(label))
                    html.close("a")
                    html.close("li")
                }
                html.close("ul")
            }
            html.close("div")
            var entry: [String: JSONValue] = ["element": .string(element), "choices": .array(choiceData),
                                              "end": .bool(scene["end"]?.bool == true)]
            entry["speaker"] = speaker.map { .string($0) }
            entry["outcome"] = scene["outcome"]?.string.map { .string($0) }
            sceneData[sceneID] = .object(entry)
        }
        html.close("div")
        html.close("div")

        var data: [String: JSONValue] = ["page": .string(context.page.id), "element": .string(frame.element),
                                         "scenes": .object(sceneData)]
        data["start"] = start.map { .string($0) }
        context.data.dialogue(id, .object(data))
    }

    /// The start scene, then the scenes its choices lead to, breadth first; scenes nothing leads to
    /// come last, in the order they were written.
    static func readingOrder(_ scenes: [SourceValue], start: String?) -> [SourceValue] {
        var byID: [String: SourceValue] = [:]
        for scene in scenes {
            if let id = scene["id"]?.string, byID[id] == nil { byID[id] = scene }
        }
        var order: [SourceValue] = []
        var seen: Set<String> = []
        var queue = start.map { [$0] } ?? []
        while !queue.isEmpty {
            let id = queue.removeFirst()
            guard let scene = byID[id], seen.insert(id).inserted else { continue }
            order.append(scene)
            queue += (scene["choices"]?.array ?? []).compactMap { $0["next"]?.string }
        }
        for scene in scenes {
            if let id = scene["id"]?.string, seen.insert(id).inserted { order.append(scene) }
        }
        return order
    }
}
