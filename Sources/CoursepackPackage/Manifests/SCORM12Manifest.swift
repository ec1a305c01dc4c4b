import Foundation

/// `imsmanifest.xml` for SCORM 1.2 (IMS CP 1.1.2 with ADL's extensions and IMS metadata 1.2.1): one
/// organization with one item, launching one SCO that lists every file of the package.
enum SCORM12Manifest {
    static func document(for module: ModuleDescription, files: [String], launch: String) -> Data {
        var xml = XMLText()
        // No xsi:schemaLocation: it would name schema files that the package does not carry, and LMSs
        // recognise SCORM 1.2 by the namespaces and the schemaversion.
        xml.start("manifest", ["identifier": module.manifestIdentifier, "version": module.version,
                               "xmlns": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
                               "xmlns:adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
                               "xmlns:imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"])
        xml.start("metadata")
        xml.element("schema", text: "ADL SCORM")
        xml.element("schemaversion", text: "1.2")
        writeMetadata(module, into: &xml)
        xml.end()
        xml.start("organizations", ["default": "coursepack-organization"])
        xml.start("organization", ["identifier": "coursepack-organization"])
        xml.element("title", text: module.title)
        xml.start("item", ["identifier": "coursepack-item", "identifierref": "coursepack-sco", "isvisible": "true"])
        xml.element("title", text: module.title)
        // SCORM 1.2 has one threshold: the LMS sets "passed" or "failed" from the score against it.
        if let passingScore = module.completion.passingScore, module.completion.needsQuiz {
            xml.element("adlcp:masteryscore", text: "\(passingScore)")
        }
        xml.end()
        xml.end()
        xml.end()
        xml.start("resources")
        xml.start("resource", ["identifier": "coursepack-sco", "type": "webcontent", "adlcp:scormtype": "sco", "href": launch])
        for file in files { xml.empty("file", ["href": file]) }
        xml.end()
        xml.end()
        xml.end()
        return Data(xml.document.utf8)
    }

    /// IMS metadata 1.2.1, inline: identity, title and description in every carried locale, keywords,
    /// version.
    private static func writeMetadata(_ module: ModuleDescription, into xml: inout XMLText) {
        xml.start("imsmd:lom")
        xml.start("imsmd:general")
        xml.element("imsmd:identifier", text: module.manifestIdentifier)
        xml.start("imsmd:title")
        for title in module.titles { xml.element("imsmd:langstring", ["xml:lang": title.locale], text: title.text) }
        xml.end()
        xml.element("imsmd:language", text: module.sourceLanguage)
        if !module.descriptions.isEmpty {
            xml.start("imsmd:description")
            for description in module.descriptions {
                xml.element("imsmd:langstring", ["xml:lang": description.locale], text: description.text)
            }
            xml.end()
        }
        for keyword in module.keywords {
            xml.start("imsmd:keyword")
            xml.element("imsmd:langstring", ["xml:lang": module.sourceLanguage], text: keyword)
            xml.end()
        }
        xml.end()
        xml.start("imsmd:lifecycle")
        xml.start("imsmd:version")
        xml.element("imsmd:langstring", ["xml:lang": "x-none"], text: module.version)
        xml.end()
        xml.end()
        xml.end()
    }
}
