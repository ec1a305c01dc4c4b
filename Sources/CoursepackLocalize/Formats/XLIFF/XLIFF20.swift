import CLibXML2
import Foundation

/// XLIFF 2.0 (OASIS, core namespace `urn:oasis:names:tc:xliff:document:2.0`); the reader also takes 2.1.
///
/// One `<file id="<module-id>">`, one `<unit>` per exchange unit, and for a plural unit one `<unit>` per
/// CLDR category of the target locale (`name="ui/pages-left#few"`). Unit ids must be NMTOKENs, which
/// `02-address/p-3fa2c1` is not: `id` is a token made from the unit id and `name` is the unit id itself.
/// Inline codes are `<pc>` (pairs), `<sc>`/`<ec>` (pairs that cross another) and `<ph>` (standalone),
/// their Markdown in `<originalData>`. The size limit is `slr:sizeRestriction` (code points, with an
/// `slr:profiles` declaration in the file) and also a note, which every tool shows.
public enum XLIFF20 {
    static let ns = XLIFFShared.namespace20

    // MARK: Writing

    /// The document for `file`. `pluralCategories` gives the CLDR categories of a locale (`"fr"` →
    /// `["one", "many", "other"]`), in the order of `ExchangeUnit.target` for plural units.
    public static func write(_ file: ExchangeFile, pluralCategories: (String) -> [String]) -> Data {
        let writer = XMLTreeWriter()
        let (root, core) = writer.makeRoot("xliff", namespace: ns)
        let hasLimits = file.units.contains { $0.maxLength != nil }
        let slr = hasLimits ? writer.declare(prefix: "slr", namespace: XLIFFShared.namespaceSLR, on: root) : nil
        writer.setAttribute(root, "version", "2.0")
        writer.setAttribute(root, "srcLang", file.sourceLocale)
        writer.setAttribute(root, "trgLang", file.targetLocale)
        let preserved = file.preserved.applies(to: .xliff20) ? file.preserved : .empty
        for attribute in preserved.file.attributes where attribute.element == "xliff" { writer.setPreserved(attribute, on: root) }

        var usedIDs = Set<String>()
        let fileNode = writer.element("file", in: root, ns: core,
                                      [("id", XLIFFShared.token(for: file.moduleID, used: &usedIDs)), ("original", file.moduleID)])
        for attribute in preserved.file.attributes where attribute.element == "file" { writer.setPreserved(attribute, on: fileNode) }
        if let slr {
            let profiles = writer.element("profiles", in: fileNode, ns: slr,
                                          [("generalProfile", "xliff:codepoints"), ("storageProfile", "xliff:utf8")])
            writer.element("normalization", in: profiles, ns: slr, [("general", "nfc"), ("storage", "nfc")])
        }
        for element in preserved.file.elements where element.parent == "file" { writer.appendPreserved(element.xml, to: fileNode) }
        let fileNotes = writer.element("notes", in: fileNode, ns: core)
        writer.textElement("note", in: fileNotes, ns: core, [("category", XLIFFShared.NoteCategory.moduleVersion)], text: file.moduleVersion)

        var unitIDs = Set<String>()
        for unit in file.units {
            if unit.sourcePlural != nil {
                for (index, form) in XLIFFShared.forms(of: unit, categories: pluralCategories(file.targetLocale)).enumerated() {
                    var extra: [(String, String)] = []
                    if form.source != unit.source { extra.append((XLIFFShared.NoteCategory.sourceSingular, unit.source)) }
                    if let plural = unit.sourcePlural, form.source != plural { extra.append((XLIFFShared.NoteCategory.sourcePlural, plural)) }
                    writeUnit(unit, key: form.key, source: form.source, target: form.target, extraNotes: extra,
                              comments: index == 0 ? unit.comments : [],
                              into: fileNode, writer: writer, core: core, slr: slr, preserved: preserved, ids: &unitIDs)
                }
            } else {
                writeUnit(unit, key: unit.id, source: unit.source, target: unit.target.first ?? "", extraNotes: [],
                          comments: unit.comments, into: fileNode, writer: writer, core: core, slr: slr, preserved: preserved, ids: &unitIDs)
            }
        }
        return writer.data()
    }

    private static func writeUnit(_ unit: ExchangeUnit, key: String, source: String, target: String,
                                  extraNotes: [(String, String)], comments: [String], into fileNode: xmlNodePtr, writer: XMLTreeWriter,
                                  core: xmlNsPtr, slr: xmlNsPtr?, preserved: PreservedMarkup, ids: inout Set<String>) {
        let node = writer.element("unit", in: fileNode, ns: core, [("id", XLIFFShared.token(for: key, used: &ids)), ("name", key)])
        if let limit = unit.maxLength, let slr { writer.setAttribute(node, "sizeRestriction", String(limit), ns: slr) }
        let scope = preserved.scope(forUnit: key)
        for attribute in scope.attributes where attribute.element == "unit" { writer.setPreserved(attribute, on: node) }
        for element in scope.elements where element.parent == "unit" { writer.appendPreserved(element.xml, to: node) }

        var notes: [(String?, String)] = []
        if let page = unit.page { notes.append((XLIFFShared.NoteCategory.location, page)) }
        notes.append((XLIFFShared.NoteCategory.kind, unit.kind.rawValue))
        if let limit = unit.maxLength { notes.append((XLIFFShared.NoteCategory.limit, XLIFFShared.limitNote(limit))) }
        if let previous = unit.previousSource { notes.append((XLIFFShared.NoteCategory.previousSource, previous)) }
        notes += extraNotes.map { ($0.0, $0.1) }
        notes += unit.notes.map { (XLIFFShared.NoteCategory.description, $0) }
        // The translator's notes as tools write them, without a category (one for each plural form
        // would repeat them: the first form carries them).
        notes += comments.map { (nil, $0) }
        let notesNode = writer.element("notes", in: node, ns: core)
        for (category, text) in notes {
            writer.textElement("note", in: notesNode, ns: core, [("category", category)], text: text)
        }

        let sourceTokens = InlineMarkup.tokenize(source)
        let targetTokens = InlineLayout.align(InlineMarkup.tokenize(target), to: sourceTokens)
        // One <data> per distinct markup, numbered in order of appearance (source first).
        var dataIDs: [String: String] = [:]
        var dataOrder: [String] = []
        for token in sourceTokens + targetTokens where !token.isText {
            if dataIDs[token.markup] == nil {
                dataIDs[token.markup] = "d\(dataOrder.count + 1)"
                dataOrder.append(token.markup)
            }
        }
        if !dataOrder.isEmpty {
            let original = writer.element("originalData", in: node, ns: core)
            for markup in dataOrder {
                let data = writer.mixedElement("data", in: original, ns: core, [("id", dataIDs[markup]!)])
                appendText(markup, to: data, writer: writer, core: core)
            }
        }

        let (state, subState) = stateAttributes(unit.status)
        let segment = writer.element("segment", in: node, ns: core, [("state", state), ("subState", subState)])
        let sourceNode = writer.mixedElement("source", in: segment, ns: core)
        appendInline(InlineLayout.nest(sourceTokens), to: sourceNode, writer: writer, core: core, dataIDs: dataIDs)
        if !target.isEmpty || unit.status != .new {
            let targetNode = writer.mixedElement("target", in: segment, ns: core)
            appendInline(InlineLayout.nest(targetTokens), to: targetNode, writer: writer, core: core, dataIDs: dataIDs)
        }
    }

    static func stateAttributes(_ status: TranslationStatus) -> (String, String?) {
        switch status {
        case .new: return ("initial", nil)
        case .translated: return ("translated", nil)
        // `initial` with a target is what XLIFF 2.0 has for a translation that needs work: CAT tools
        // and translate-toolkit count it as not done. `translated` would count it as done.
        case .needsReview: return ("initial", "coursepack:needs-review")
        case .stale: return ("initial", "coursepack:stale")
        case .final: return ("final", nil)
        }
    }

    /// `type` and `subType` of a code: the XLIFF-defined `xlf:b`, `xlf:i`, `xlf:lb` where they fit.
    static func typeAttributes(_ kind: InlineCodeKind) -> [(String, String?)] {
        switch kind {
        case .strong: return [("type", "fmt"), ("subType", "xlf:b")]
        case .emphasis: return [("type", "fmt"), ("subType", "xlf:i")]
        case .lineBreak: return [("type", "fmt"), ("subType", "xlf:lb")]
        case .strikethrough, .html, .code: return [("type", "fmt"), ("subType", "coursepack:" + kind.rawValue)]
        case .link, .autolink: return [("type", "link"), ("subType", "coursepack:" + kind.rawValue)]
        case .image: return [("type", "image"), ("subType", "coursepack:image")]
        case .placeholder: return [("type", "other"), ("subType", "coursepack:placeholder")]
        }
    }

    private static func appendInline(_ nodes: [InlineNode], to parent: xmlNodePtr, writer: XMLTreeWriter, core: xmlNsPtr,
                                     dataIDs: [String: String]) {
        for node in nodes {
            switch node {
            case .text(let text):
                appendText(text, to: parent, writer: writer, core: core)
            case .paired(let id, let kind, let open, let close, let children):
                let pc = writer.element("pc", in: parent, ns: core,
                                        [("id", String(id)), ("dataRefStart", dataIDs[open]), ("dataRefEnd", dataIDs[close])]
                                        + typeAttributes(kind))
                appendInline(children, to: pc, writer: writer, core: core, dataIDs: dataIDs)
            case .start(let id, let kind, let markup):
                writer.element("sc", in: parent, ns: core, [("id", String(id)), ("dataRef", dataIDs[markup])] + typeAttributes(kind))
            case .end(let id, let kind, let markup):
                writer.element("ec", in: parent, ns: core, [("startRef", String(id)), ("dataRef", dataIDs[markup])] + typeAttributes(kind))
            case .standalone(let id, let kind, let markup):
                writer.element("ph", in: parent, ns: core, [("id", String(id)), ("dataRef", dataIDs[markup])] + typeAttributes(kind))
            }
        }
    }

    /// Text, with characters XML cannot carry as `<cp hex="..."/>`.
    private static func appendText(_ text: String, to parent: xmlNodePtr, writer: XMLTreeWriter, core: xmlNsPtr) {
        var run = ""
        for scalar in text.unicodeScalars {
            if XMLTreeWriter.isXMLChar(scalar) {
                run.unicodeScalars.append(scalar)
            } else {
                writer.appendText(run, to: parent)
                run = ""
                var hex = String(scalar.value, radix: 16, uppercase: true)
                while hex.count < 4 { hex = "0" + hex }
                writer.element("cp", in: parent, ns: core, [("hex", hex)])
            }
        }
        writer.appendText(run, to: parent)
    }

    // MARK: Reading

    /// Reads XLIFF 2.0 or 2.1. Throws `ExchangeError` for a file that is not that.
    public static func read(_ data: Data, pluralCategories: ((String) -> [String])? = nil) throws(ExchangeError) -> ExchangeFile {
        let document = try XMLParsedDocument.parse(data, kind: "XLIFF")
        let format = try XLIFFShared.checkRoot(document.root, data: data)
        guard format == .xliff20 else {
            throw XLIFFShared.error("this is XLIFF 1.2, not 2.0: read it with XLIFF12.read or XLIFF.read", at: document.root, in: data)
        }
        return try read(document, data: data, pluralCategories: pluralCategories, tokenKeys: nil)
    }

    static func read(_ document: XMLParsedDocument, data: Data, pluralCategories: ((String) -> [String])?,
                     tokenKeys: [String: String]?) throws(ExchangeError) -> ExchangeFile {
        let root = document.root
        guard let sourceLocale = root.attribute("srcLang") else {
            throw XLIFFShared.error("<xliff> has no srcLang attribute", at: root, in: data)
        }
        let targetLocale = root.attribute("trgLang") ?? ""
        var preserved = PreservedMarkup(format: ExchangeFormat.xliff20.rawValue)
        keepAttributes(of: root, element: "xliff", known: ["version", "srcLang", "trgLang"], unit: nil, into: &preserved)
        let files = root.children("file", namespace: ns)
        guard let firstFile = files.first else {
            throw XLIFFShared.error("<xliff> has no <file>", at: root, in: data)
        }
        var moduleID = firstFile.attribute("original") ?? firstFile.attribute("id") ?? ""
        var moduleVersion = ""
        var read: [XLIFFShared.ReadUnit] = []
        for file in files {
            if file.node != firstFile.node, moduleID.isEmpty { moduleID = file.attribute("original") ?? "" }
            keepAttributes(of: file, element: "file", known: ["id", "original"], unit: nil, into: &preserved)
            for child in file.children {
                if child.namespace == ns {
                    switch child.name {
                    case "notes":
                        for note in child.children("note", namespace: ns)
                        where note.attribute("category") == XLIFFShared.NoteCategory.moduleVersion && moduleVersion.isEmpty {
                            moduleVersion = note.textContent
                        }
                    case "unit": read.append(readUnit(child, preserved: &preserved, tokenKeys: tokenKeys))
                    case "group": readGroup(child, into: &read, preserved: &preserved, tokenKeys: tokenKeys)
                    default: break
                    }
                } else if !(child.namespace == XLIFFShared.namespaceSLR && child.name == "profiles") {
                    preserved.add(element: PreservedMarkup.Element(parent: "file", namespace: child.namespace, name: child.name,
                                                                   xml: child.serialized), unit: nil)
                }
            }
        }
        var exchange = ExchangeFile(moduleID: moduleID, moduleVersion: moduleVersion, sourceLocale: sourceLocale,
                                    targetLocale: targetLocale,
                                    units: XLIFFShared.assemble(read, targetLocale: targetLocale, pluralCategories: pluralCategories),
                                    preserved: preserved.isEmpty ? .empty : preserved)
        exchange.keysAreTokens = read.contains(where: \.keyIsToken)
        return exchange
    }

    private static func readGroup(_ group: XMLElement, into read: inout [XLIFFShared.ReadUnit], preserved: inout PreservedMarkup,
                                  tokenKeys: [String: String]?) {
        for child in group.children where child.namespace == ns {
            if child.name == "unit" { read.append(readUnit(child, preserved: &preserved, tokenKeys: tokenKeys)) }
            if child.name == "group" { readGroup(child, into: &read, preserved: &preserved, tokenKeys: tokenKeys) }
        }
    }

    static func keepAttributes(of element: XMLElement, element name: String, known: Set<String>, unit: String?,
                               into preserved: inout PreservedMarkup) {
        for attribute in element.attributes {
            if attribute.namespace.isEmpty && known.contains(attribute.name) { continue }
            if attribute.namespace == XLIFFShared.namespaceSLR && attribute.name == "sizeRestriction" { continue }
            preserved.add(attribute: PreservedMarkup.Attribute(element: name, namespace: attribute.namespace, prefix: attribute.prefix,
                                                               name: attribute.name, value: attribute.value), unit: unit)
        }
    }

    private static func readUnit(_ unit: XMLElement, preserved: inout PreservedMarkup, tokenKeys: [String: String]?) -> XLIFFShared.ReadUnit {
        // `name` holds the string id; a tool that drops it keeps `id`, the token made from it.
        let name = unit.attribute("name")
        let token = unit.attribute("id") ?? ""
        let key = name ?? tokenKeys?[token] ?? token
        var result = XLIFFShared.ReadUnit(key: key, source: "", target: nil, status: .new)
        result.keyIsToken = name == nil && tokenKeys?[token] == nil
        if let plural = PluralCategoryNames.split(key) {
            result.pluralBase = plural.id
            result.category = plural.category
        }
        if let restriction = unit.attribute("sizeRestriction", namespace: XLIFFShared.namespaceSLR) {
            result.maxLength = Int(restriction.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "")
        }
        keepAttributes(of: unit, element: "unit", known: ["id", "name"], unit: key, into: &preserved)
        var originalData: [String: String] = [:]
        var segments: [XMLElement] = []
        var limitFromNote: Int?
        for child in unit.children {
            guard child.namespace == ns else {
                preserved.add(element: PreservedMarkup.Element(parent: "unit", namespace: child.namespace, name: child.name,
                                                               xml: child.serialized), unit: key)
                continue
            }
            switch child.name {
            case "notes":
                for note in child.children("note", namespace: ns) {
                    let text = note.textContent
                    switch note.attribute("category") {
                    case XLIFFShared.NoteCategory.location: result.page = text
                    case XLIFFShared.NoteCategory.kind:
                        if let kind = UnitKind(rawValue: text) { result.kind = kind } else { result.notes.append(text) }
                    case XLIFFShared.NoteCategory.limit: limitFromNote = XLIFFShared.parseLimit(text)
                    case XLIFFShared.NoteCategory.previousSource: result.previousSource = text
                    case XLIFFShared.NoteCategory.sourceSingular: result.sourceSingular = text
                    case XLIFFShared.NoteCategory.sourcePlural: result.sourcePlural = text
                    case XLIFFShared.NoteCategory.description: result.notes.append(text)
                    default: result.comments.append(text)
                    }
                }
            case "originalData":
                for item in child.children("data", namespace: ns) {
                    if let id = item.attribute("id") { originalData[id] = inlineText(item, codes: InlineCodes(data: [:])) }
                }
            case "segment", "ignorable":
                segments.append(child)
            default:
                break
            }
        }
        if result.maxLength == nil { result.maxLength = limitFromNote }

        var codes = InlineCodes(data: originalData)
        var source = ""
        for segment in segments {
            if let element = segment.child("source", namespace: ns) { source += inlineText(element, codes: codes, record: &codes) }
        }
        var target: String? = nil
        var statuses: [TranslationStatus] = []
        for segment in segments {
            let targetElement = segment.child("target", namespace: ns)
            if let targetElement {
                target = (target ?? "") + inlineText(targetElement, codes: codes)
            } else if segment.name == "ignorable", let sourceElement = segment.child("source", namespace: ns) {
                target = (target ?? "") + inlineText(sourceElement, codes: codes)
            }
            if segment.name == "segment" {
                let text = targetElement.map { inlineText($0, codes: codes) } ?? ""
                statuses.append(status(state: segment.attribute("state"), subState: segment.attribute("subState"), hasTarget: !text.isEmpty))
            }
        }
        result.source = source
        result.target = target
        let translated = statuses.filter { $0 != .new }
        if (target ?? "").isEmpty || translated.isEmpty {
            result.status = .new
        } else {
            result.status = translated.min()!
            if translated.count < statuses.count { result.status = min(result.status, .needsReview) }
        }
        return result
    }

    static func status(state: String?, subState: String?, hasTarget: Bool) -> TranslationStatus {
        guard hasTarget else { return .new }
        switch state {
        case nil: return .translated
        case "initial": return subState == "coursepack:stale" ? .stale : .needsReview
        case "translated":
            switch subState {
            case "coursepack:needs-review": return .needsReview
            case "coursepack:stale": return .stale
            default: return .translated
            }
        case "reviewed", "final": return .final
        default: return .needsReview
        }
    }

    /// The markup of the codes of a unit: `<data>` contents, and per code id the markup seen in the
    /// source (for a target whose tool dropped the `dataRef`).
    struct InlineCodes {
        var data: [String: String]
        var start: [String: String] = [:]
        var end: [String: String] = [:]
    }

    private static func inlineText(_ element: XMLElement, codes: InlineCodes) -> String {
        var ignored = codes
        return inlineText(element, codes: codes, record: &ignored)
    }

    /// The Markdown of `<source>`, `<target>` or `<data>` content.
    private static func inlineText(_ element: XMLElement, codes: InlineCodes, record: inout InlineCodes) -> String {
        var text = ""
        for child in element.childNodes {
            switch child {
            case .text(let content):
                text += content
            case .element(let inline):
                guard inline.namespace == ns else {
                    text += inlineText(inline, codes: codes, record: &record)
                    continue
                }
                let id = inline.attribute("copyOf") ?? inline.attribute("id") ?? ""
                switch inline.name {
                case "cp":
                    if let value = UInt32(inline.attribute("hex") ?? "", radix: 16), let scalar = Unicode.Scalar(value) {
                        text.unicodeScalars.append(scalar)
                    }
                case "ph", "sc":
                    let markup = inline.attribute("dataRef").flatMap { codes.data[$0] } ?? codes.start[id] ?? ""
                    record.start[id] = markup
                    text += markup
                case "ec":
                    let reference = inline.attribute("startRef") ?? id
                    let markup = inline.attribute("dataRef").flatMap { codes.data[$0] } ?? codes.end[reference] ?? ""
                    record.end[reference] = markup
                    text += markup
                case "pc":
                    let open = inline.attribute("dataRefStart").flatMap { codes.data[$0] } ?? codes.start[id] ?? ""
                    let close = inline.attribute("dataRefEnd").flatMap { codes.data[$0] } ?? codes.end[id] ?? ""
                    record.start[id] = open
                    record.end[id] = close
                    text += open + inlineText(inline, codes: codes, record: &record) + close
                case "mrk":
                    text += inlineText(inline, codes: codes, record: &record)
                default:
                    break   // sm, em: annotation boundaries, no text
                }
            }
        }
        return text
    }
}
