import Foundation

/// `imsmanifest.xml` for SCORM 2004 4th Edition: one organization, one item, one SCO listing every
/// file of the package, with the module's completion rule as a completion threshold and a primary
/// objective, and the sequencing a single-SCO module needs.
enum SCORM2004Manifest {
    static func document(for module: ModuleDescription, files: [String], launch: String) -> Data {
        var xml = XMLText()
        // The prefixes are the ones ADL's examples use: some LMSs (Moodle) read `adlcp:` and `imsss:`
        // literally instead of resolving namespaces.
        xml.start("manifest", ["identifier": module.manifestIdentifier, "version": module.version,
                               "xmlns": "http://www.imsglobal.org/xsd/imscp_v1p1",
                               "xmlns:adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
                               "xmlns:adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
                               "xmlns:adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
                               "xmlns:imsss": "http://www.imsglobal.org/xsd/imsss",
                               "xmlns:lom": "http://ltsc.ieee.org/xsd/LOM"])
        xml.start("metadata")
        xml.element("schema", text: "ADL SCORM")
        xml.element("schemaversion", text: "2004 4th Edition")
        writeMetadata(module, into: &xml)
        xml.end()
        xml.start("organizations", ["default": "coursepack-organization"])
        xml.start("organization", ["identifier": "coursepack-organization"])
        xml.element("title", text: module.title)
        xml.start("item", ["identifier": "coursepack-item", "identifierref": "coursepack-sco", "isvisible": "true"])
        xml.element("title", text: module.title)
        writeItemRules(module.completion, into: &xml)
        xml.end()
        // Flow lets the LMS deliver the one SCO when the learner starts; choice keeps its menu usable.
        xml.start("imsss:sequencing")
        xml.empty("imsss:controlMode", ["choice": "true", "flow": "true"])
        xml.end()
        xml.end()
        xml.end()
        xml.start("resources")
        xml.start("resource", ["identifier": "coursepack-sco", "type": "webcontent", "adlcp:scormType": "sco", "href": launch])
        for file in files { xml.empty("file", ["href": file]) }
        xml.end()
        xml.end()
        xml.end()
        return Data(xml.document.utf8)
    }

    /// In the order SCORM 2004's content aggregation model gives: completion threshold, sequencing,
    /// presentation.
    private static func writeItemRules(_ completion: CompletionRule, into xml: inout XMLText) {
        // The player decides completion itself (cmi.completion_status) and reports cmi.progress_measure;
        // the threshold reaches it as cmi.completion_threshold. completedByMeasure stays false so that
        // an LMS does not override the player's status with "unknown" before a measure arrives.
        if completion.needsPages {
            xml.empty("adlcp:completionThreshold", ["completedByMeasure": "false",
                                                    "minProgressMeasure": completion.scaledPagesRequired])
        }
        xml.start("imsss:sequencing")
        xml.start("imsss:objectives")
        if let scaled = completion.scaledPassingScore, completion.needsQuiz {
            // The LMS judges success from cmi.score.scaled against this threshold, which also reaches the
            // player as cmi.scaled_passing_score.
            xml.start("imsss:primaryObjective", ["objectiveID": "coursepack-passing-score", "satisfiedByMeasure": "true"])
            xml.element("imsss:minNormalizedMeasure", text: scaled)
            xml.end()
        } else {
            xml.empty("imsss:primaryObjective", ["objectiveID": "coursepack-completion"])
        }
        xml.end()
        xml.empty("imsss:deliveryControls", ["completionSetByContent": "true", "objectiveSetByContent": "true"])
        xml.end()
        // The player moves between pages inside its one document: the LMS's own Previous and Continue
        // buttons would leave the only SCO, so they are hidden.
        xml.start("adlnav:presentation")
        xml.start("adlnav:navigationInterface")
        xml.element("adlnav:hideLMSUI", text: "previous")
        xml.element("adlnav:hideLMSUI", text: "continue")
        xml.end()
        xml.end()
    }

    /// IEEE LOM, inline, within the strict LOM schema: identifier, titles and descriptions in every
    /// carried locale, keywords, version.
    private static func writeMetadata(_ module: ModuleDescription, into xml: inout XMLText) {
        xml.start("lom:lom")
        xml.start("lom:general")
        xml.start("lom:identifier")
        xml.element("lom:catalog", text: "coursepack")
        xml.element("lom:entry", text: module.id)
        xml.end()
        xml.start("lom:title")
        for title in module.titles { xml.element("lom:string", ["language": title.locale], text: title.text) }
        xml.end()
        xml.element("lom:language", text: module.sourceLanguage)
        if !module.descriptions.isEmpty {
            xml.start("lom:description")
            for description in module.descriptions {
                xml.element("lom:string", ["language": description.locale], text: description.text)
            }
            xml.end()
        }
        for keyword in module.keywords {
            xml.start("lom:keyword")
            xml.element("lom:string", ["language": module.sourceLanguage], text: keyword)
            xml.end()
        }
        xml.end()
        xml.start("lom:lifeCycle")
        xml.start("lom:version")
        xml.element("lom:string", ["language": "x-none"], text: module.version)
        xml.end()
        xml.end()
        xml.end()
    }
}
