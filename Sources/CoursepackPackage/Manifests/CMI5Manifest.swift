import Foundation

/// `cmi5.xml`: the course and one assignable unit (AU) that launches the package's first document,
/// with `moveOn` and `masteryScore` from the module's completion rule.
enum CMI5Manifest {
    static func document(for module: ModuleDescription, launch: String) -> Data {
        var xml = XMLText()
        xml.start("courseStructure", ["xmlns": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"])
        xml.start("course", ["id": module.courseIRI])
        writeTexts(module, into: &xml)
        xml.end()
        xml.start("au", ["id": module.assignableUnitIRI, "moveOn": moveOn(module.completion),
                         "masteryScore": module.completion.needsQuiz ? module.completion.scaledPassingScore : nil,
                         "launchMethod": "AnyWindow"])
        writeTexts(module, into: &xml)
        xml.element("url", text: launch)
        xml.end()
        xml.end()
        return Data(xml.document.utf8)
    }

    static func moveOn(_ completion: CompletionRule) -> String {
        switch completion.rule {
        case .pagesSeen: return "Completed"
        case .quizPassed: return "Passed"
        case .pagesAndQuiz: return "CompletedAndPassed"
        }
    }

    private static func writeTexts(_ module: ModuleDescription, into xml: inout XMLText) {
        xml.start("title")
        for title in module.titles { xml.element("langstring", ["lang": title.locale], text: title.text) }
        xml.end()
        xml.start("description")
        let descriptions = module.descriptions.isEmpty ? module.titles : module.descriptions
        for description in descriptions { xml.element("langstring", ["lang": description.locale], text: description.text) }
        xml.end()
    }
}
