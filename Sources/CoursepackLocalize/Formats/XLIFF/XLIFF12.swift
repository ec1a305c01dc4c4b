import CLibXML2
import Foundation

/// XLIFF 1.2 (OASIS, strict schema), the version most CAT tools still read best.
///
/// `<file original="<module-id>" datatype="x-markdown" product-version="<module-version>">`, one
/// `<trans-unit id="<unit-id>" resname="<unit-id>">` per unit; a plural unit is a
/// `<group restype="x-gettext-plurals">` with one trans-unit per CLDR category (`id="ui/pages-left#few"`).
/// Inline codes are `<g ctype>` (pairs), `<bx>`/`<ex>` (pairs crossing another) and `<x ctype>`
/// (standalone). 1.2 has no place for a code's original data in the text, so each trans-unit carries
/// it in a `<context-group purpose="information">` whose `<context context-type="x-coursepack-open-N">`,
/// `x-coursepack-close-N` and `x-coursepack-code-N` hold the Markdown of code N: schema-valid (strict),
/// kept by tools that rewrite the file around the targets, and out of the text translators edit.
/// `<x>` also gets `equiv-text` with its markup, for tools that show it. A file whose context group
/// went missing still reads: `<x>` falls back on `equiv-text`, `<g>` on the usual Markdown of its `ctype`.
public enum XLIFF12 {
    static let ns = XLIFFShared.namespace12
    static let notePrefix = "coursepack"
    /// `from` of the translator's notes as Coursepack writes them back; any `from` other than
    /// Coursepack's own marks a translator's (or a tool's) note.
    static let translatorNote = "translator"

    /// A trans-unit's key. `resname` is the string id (for a plural form, `id#category`): tools that
    /// renumber `id` keep it. Older files gave a plural form the base id as `resname`, and its
    /// category only in `id`.
    static func unitKey(id: String?, resname: String?, inPlural: Bool) -> String {
        if inPlural, !(resname.map { PluralCategoryNames.split($0) != nil } ?? false) { return id ?? resname ?? "" }
        return resname ?? id ?? ""
    }

    // MARK: Writing

    /// The document for `file`; `pluralCategories` as in `XLIFF20.write`.
    ///
    /// Written as text in one pass; a file that carries other tools' markup from an earlier import goes
    /// through libxml2's tree, which knows where to put their namespace declarations. Both give the
    /// same bytes for the same units (a test holds them to it).
    public static func write(_ file: ExchangeFile, pluralCategories: (String) -> [String]) -> Data {
        let preserved = file.preserved.applies(to: .xliff12) ? file.preserved : .empty
        return preserved.isEmpty ? XLIFF12TextWriter.write(file, pluralCategories: pluralCategories)
            : writeTree(file, pluralCategories: pluralCategories)
    }

    /// The same document through libxml2's tree, other tools' markup included.
    static func writeTree(_ file: ExchangeFile, pluralCategories: (String) -> [String]) -> Data {
        let writer = XMLTreeWriter()
        let (root, core) = writer.makeRoot("xliff", namespace: ns)
        writer.setAttribute(root, "version", "1.2")
        let preserved = file.preserved.applies(to: .xliff12) ? file.preserved : .empty
        for attribute in preserved.file.attributes where attribute.element == "xliff" { writer.setPreserved(attribute, on: root) }
        for element in preserved.file.elements where element.parent == "xliff" { writer.appendPreserved(element.xml, to: root) }
        let fileNode = writer.element("file", in: root, ns: core, [
            ("original", file.moduleID), ("source-language", file.sourceLocale), ("target-language", file.targetLocale),
            ("datatype", "x-markdown"), ("product-version", file.moduleVersion.isEmpty ? nil : file.moduleVersion),
        ])
        for attribute in preserved.file.attributes where attribute.element == "file" { writer.setPreserved(attribute, on: fileNode) }
        let headerElements = preserved.file.elements.filter { $0.parent == "header" }
        if !headerElements.isEmpty {
            let header = writer.element("header", in: fileNode, ns: core)
            // Schema order: skl, phase-group, the other XLIFF elements, then other namespaces.
            func rank(_ element: PreservedMarkup.Element) -> Int {
                guard element.namespace == ns else { return 3 }
                return element.name == "skl" ? 0 : element.name == "phase-group" ? 1 : 2
            }
            for element in headerElements.enumerated().sorted(by: { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }) {
                writer.appendPreserved(element.element.xml, to: header)
            }
        }
        let body = writer.element("body", in: fileNode, ns: core)
        for unit in file.units {
            if unit.sourcePlural != nil {
                let group = writer.element("group", in: body, ns: core,
                                           [("id", unit.id), ("resname", unit.id), ("restype", "x-gettext-plurals")])
                let scope = preserved.scope(forUnit: unit.id)
                for attribute in scope.attributes where attribute.element == "group" { writer.setPreserved(attribute, on: group) }
                for element in scope.elements where element.parent == "group" { writer.appendPreserved(element.xml, to: group) }
                for (index, form) in XLIFFShared.forms(of: unit, categories: pluralCategories(file.targetLocale)).enumerated() {
                    var extra: [(String, String)] = []
                    if form.source != unit.source { extra.append((XLIFFShared.NoteCategory.sourceSingular, unit.source)) }
                    if let plural = unit.sourcePlural, form.source != plural { extra.append((XLIFFShared.NoteCategory.sourcePlural, plural)) }
                    writeUnit(unit, key: form.key, source: form.source, target: form.target, extraNotes: extra,
                              comments: index == 0 ? unit.comments : [], into: group, writer: writer, core: core, preserved: preserved)
                }
            } else {
                writeUnit(unit, key: unit.id, source: unit.source, target: unit.target.first ?? "", extraNotes: [],
                          comments: unit.comments, into: body, writer: writer, core: core, preserved: preserved)
            }
        }
        return writer.data()
    }

    private static func writeUnit(_ unit: ExchangeUnit, key: String, source: String, target: String,
                                  extraNotes: [(String, String)], comments: [String], into parent: xmlNodePtr, writer: XMLTreeWriter,
                                  core: xmlNsPtr, preserved: PreservedMarkup) {
        let (state, qualifier) = stateAttributes(unit.status)
        let node = writer.element("trans-unit", in: parent, ns: core, [
            ("id", key), ("resname", key),
            ("maxwidth", unit.maxLength.map(String.init)), ("size-unit", unit.maxLength == nil ? nil : "char"),
            ("approved", unit.status == .final ? "yes" : nil),
        ])
        let scope = preserved.scope(forUnit: key)
        for attribute in scope.attributes where attribute.element == "trans-unit" { writer.setPreserved(attribute, on: node) }

        let sourceTokens = InlineMarkup.tokenize(source)
        let targetTokens = InlineLayout.align(InlineMarkup.tokenize(target), to: sourceTokens)
        let sourceNode = writer.mixedElement("source", in: node, ns: core)
        appendInline(InlineLayout.nest(sourceTokens), to: sourceNode, writer: writer, core: core)
        if !target.isEmpty || unit.status != .new {
            let targetNode = writer.mixedElement("target", in: node, ns: core, [("state", state), ("state-qualifier", qualifier)])
            for attribute in scope.attributes where attribute.element == "target" { writer.setPreserved(attribute, on: targetNode) }
            appendInline(InlineLayout.nest(targetTokens), to: targetNode, writer: writer, core: core)
        }

        // The codes' Markdown, source codes first, then codes only the target has.
        let codes = InlineLayout.codes(of: sourceTokens) + InlineLayout.codes(of: targetTokens).filter { code in
            !InlineLayout.codes(of: sourceTokens).contains { $0.id == code.id }
        }
        if !codes.isEmpty {
            let group = writer.element("context-group", in: node, ns: core, [("purpose", "information")])
            for code in codes {
                if let close = code.close {
                    writer.textElement("context", in: group, ns: core, [("context-type", "x-coursepack-open-\(code.id)")], text: code.open)
                    writer.textElement("context", in: group, ns: core, [("context-type", "x-coursepack-close-\(code.id)")], text: close)
                } else {
                    writer.textElement("context", in: group, ns: core, [("context-type", "x-coursepack-code-\(code.id)")], text: code.open)
                }
            }
        }

        var notes: [(String, String)] = []
        if let page = unit.page { notes.append((XLIFFShared.NoteCategory.location, page)) }
        notes.append((XLIFFShared.NoteCategory.kind, unit.kind.rawValue))
        if let limit = unit.maxLength { notes.append((XLIFFShared.NoteCategory.limit, XLIFFShared.limitNote(limit))) }
        if let previous = unit.previousSource { notes.append((XLIFFShared.NoteCategory.previousSource, previous)) }
        notes += extraNotes
        for (category, text) in notes {
            writer.textElement("note", in: node, ns: core, [("from", notePrefix + "-" + category)], text: text)
        }
        for text in unit.notes {
            writer.textElement("note", in: node, ns: core, [("from", notePrefix)], text: text)
        }
        for text in comments {
            writer.textElement("note", in: node, ns: core, [("from", translatorNote)], text: text)
        }
        // Kept markup: XLIFF elements (alt-trans...) may follow the notes, other namespaces come last.
        let kept = scope.elements.filter { $0.parent == "trans-unit" }
        for element in kept where element.namespace == ns { writer.appendPreserved(element.xml, to: node) }
        for element in kept where element.namespace != ns { writer.appendPreserved(element.xml, to: node) }
    }

    static func stateAttributes(_ status: TranslationStatus) -> (String, String?) {
        switch status {
        case .new: return ("new", nil)
        case .translated: return ("translated", nil)
        case .needsReview: return ("needs-review-translation", nil)
        case .stale: return ("needs-adaptation", nil)
        case .final: return ("final", nil)
        }
    }

    static func pairedType(_ kind: InlineCodeKind) -> String {
        switch kind {
        case .strong: return "bold"
        case .emphasis: return "italic"
        case .link: return "link"
        default: return "x-" + kind.rawValue
        }
    }

    static func standaloneType(_ kind: InlineCodeKind) -> String {
        switch kind {
        case .image: return "image"
        case .lineBreak: return "lb"
        default: return "x-" + kind.rawValue
        }
    }

    private static func appendInline(_ nodes: [InlineNode], to parent: xmlNodePtr, writer: XMLTreeWriter, core: xmlNsPtr) {
        for node in nodes {
            switch node {
            case .text(let text):
                writer.appendText(text, to: parent)
            case .paired(let id, let kind, _, _, let children):
                let g = writer.element("g", in: parent, ns: core, [("id", String(id)), ("ctype", pairedType(kind))])
                appendInline(children, to: g, writer: writer, core: core)
            case .start(let id, let kind, _):
                writer.element("bx", in: parent, ns: core, [("id", String(id)), ("rid", String(id)), ("ctype", pairedType(kind))])
            case .end(let id, _, _):
                writer.element("ex", in: parent, ns: core, [("id", "\(id)-end"), ("rid", String(id))])
            case .standalone(let id, let kind, let markup):
                writer.element("x", in: parent, ns: core, [("id", String(id)), ("ctype", standaloneType(kind)),
                                                           ("equiv-text", XMLTreeWriter.xmlSafe(markup))])
            }
        }
    }

    // MARK: Reading

    /// Reads XLIFF 1.2. Throws `ExchangeError` for a file that is not that.
    public static func read(_ data: Data, pluralCategories: ((String) -> [String])? = nil) throws(ExchangeError) -> ExchangeFile {
        if let file = XLIFF12StreamReader.read(data, pluralCategories: pluralCategories) { return file }
        return try readTree(data, pluralCategories: pluralCategories)
    }

    /// Reads XLIFF 1.2 through libxml2's tree: all of it, other tools' markup kept.
    static func readTree(_ data: Data, pluralCategories: ((String) -> [String])? = nil) throws(ExchangeError) -> ExchangeFile {
        let document = try XMLParsedDocument.parse(data, kind: "XLIFF")
        let format = try XLIFFShared.checkRoot(document.root, data: data)
        guard format == .xliff12 else {
            throw XLIFFShared.error("this is XLIFF 2, not 1.2: read it with XLIFF20.read or XLIFF.read", at: document.root, in: data)
        }
        return try read(document, data: data, pluralCategories: pluralCategories)
    }

    static func read(_ document: XMLParsedDocument, data: Data, pluralCategories: ((String) -> [String])?) throws(ExchangeError) -> ExchangeFile {
        let root = document.root
        var preserved = PreservedMarkup(format: ExchangeFormat.xliff12.rawValue)
        XLIFF20.keepAttributes(of: root, element: "xliff", known: ["version"], unit: nil, into: &preserved)
        let files = root.children("file", namespace: ns)
        guard let firstFile = files.first else {
            throw XLIFFShared.error("<xliff> has no <file>", at: root, in: data)
        }
        for child in root.children where child.namespace != ns {
            preserved.add(element: .init(parent: "xliff", namespace: child.namespace, name: child.name, xml: child.serialized), unit: nil)
        }
        guard let sourceLocale = firstFile.attribute("source-language") else {
            throw XLIFFShared.error("<file> has no source-language attribute", at: firstFile, in: data)
        }
        let targetLocale = firstFile.attribute("target-language") ?? ""
        var read: [XLIFFShared.ReadUnit] = []
        for file in files {
            XLIFF20.keepAttributes(of: file, element: "file",
                                   known: ["original", "source-language", "target-language", "datatype", "product-version"],
                                   unit: nil, into: &preserved)
            if let header = file.child("header", namespace: ns) {
                for child in header.children {
                    preserved.add(element: .init(parent: "header", namespace: child.namespace, name: child.name, xml: child.serialized),
                                  unit: nil)
                }
            }
            if let body = file.child("body", namespace: ns) {
                readContainer(body, plural: nil, into: &read, preserved: &preserved)
            }
        }
        return ExchangeFile(moduleID: firstFile.attribute("original") ?? "", moduleVersion: firstFile.attribute("product-version") ?? "",
                            sourceLocale: sourceLocale, targetLocale: targetLocale,
                            units: XLIFFShared.assemble(read, targetLocale: targetLocale, pluralCategories: pluralCategories),
                            preserved: preserved.isEmpty ? .empty : preserved)
    }

    private static func readContainer(_ container: XMLElement, plural: String?, into read: inout [XLIFFShared.ReadUnit],
                                      preserved: inout PreservedMarkup) {
        for child in container.children {
            guard child.namespace == ns else {
                if let plural {
                    preserved.add(element: .init(parent: "group", namespace: child.namespace, name: child.name, xml: child.serialized),
                                  unit: plural)
                }
                continue
            }
            switch child.name {
            case "trans-unit":
                read.append(readUnit(child, plural: plural, preserved: &preserved))
            case "group":
                if child.attribute("restype") == "x-gettext-plurals" {
                    let base = child.attribute("resname") ?? child.attribute("id") ?? ""
                    XLIFF20.keepAttributes(of: child, element: "group", known: ["id", "resname", "restype"], unit: base, into: &preserved)
                    readContainer(child, plural: base, into: &read, preserved: &preserved)
                } else {
                    readContainer(child, plural: nil, into: &read, preserved: &preserved)
                }
            default:
                break
            }
        }
    }

    private static func readUnit(_ unit: XMLElement, plural: String?, preserved: inout PreservedMarkup) -> XLIFFShared.ReadUnit {
        let key = unitKey(id: unit.attribute("id"), resname: unit.attribute("resname"), inPlural: plural != nil)
        var result = XLIFFShared.ReadUnit(key: key, source: "", target: nil, status: .new)
        if let plural {
            result.pluralBase = plural
            result.category = PluralCategoryNames.split(key)?.category ?? "other"
        }
        if let width = unit.attribute("maxwidth"), unit.attribute("size-unit") == "char" { result.maxLength = Int(width) }
        XLIFF20.keepAttributes(of: unit, element: "trans-unit", known: ["id", "resname", "maxwidth", "size-unit", "approved"],
                               unit: key, into: &preserved)
        // The codes' Markdown from our context group.
        var codes = Codes()
        for group in unit.children("context-group", namespace: ns) {
            for context in group.children("context", namespace: ns) {
                guard let type = context.attribute("context-type"), type.hasPrefix("x-coursepack-") else { continue }
                let parts = type.dropFirst("x-coursepack-".count).split(separator: "-", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let id = String(parts[1])
                switch parts[0] {
                case "open", "code": codes.start[id] = context.textContent
                case "close": codes.end[id] = context.textContent
                default: break
                }
            }
        }
        var limitFromNote: Int?
        var targetElement: XMLElement?
        for child in unit.children {
            guard child.namespace == ns else {
                preserved.add(element: .init(parent: "trans-unit", namespace: child.namespace, name: child.name, xml: child.serialized),
                              unit: key)
                continue
            }
            switch child.name {
            case "source":
                result.source = inlineText(child, codes: codes)
            case "target":
                targetElement = child
                XLIFF20.keepAttributes(of: child, element: "target", known: ["state", "state-qualifier"], unit: key, into: &preserved)
            case "note":
                let text = child.textContent
                switch child.attribute("from") {
                case notePrefix + "-" + XLIFFShared.NoteCategory.location: result.page = text
                case notePrefix + "-" + XLIFFShared.NoteCategory.kind:
                    if let kind = UnitKind(rawValue: text) { result.kind = kind } else { result.notes.append(text) }
                case notePrefix + "-" + XLIFFShared.NoteCategory.limit: limitFromNote = XLIFFShared.parseLimit(text)
                case notePrefix + "-" + XLIFFShared.NoteCategory.previousSource: result.previousSource = text
                case notePrefix + "-" + XLIFFShared.NoteCategory.sourceSingular: result.sourceSingular = text
                case notePrefix + "-" + XLIFFShared.NoteCategory.sourcePlural: result.sourcePlural = text
                case notePrefix: result.notes.append(text)
                default: result.comments.append(text)
                }
            case "context-group":
                let ours = child.children("context", namespace: ns).contains { ($0.attribute("context-type") ?? "").hasPrefix("x-coursepack-") }
                if !ours {
                    preserved.add(element: .init(parent: "trans-unit", namespace: ns, name: child.name, xml: child.serialized), unit: key)
                }
            case "alt-trans", "count-group":
                preserved.add(element: .init(parent: "trans-unit", namespace: ns, name: child.name, xml: child.serialized), unit: key)
            default:
                break   // seg-source: derived from the source, written again by the tool
            }
        }
        if result.maxLength == nil { result.maxLength = limitFromNote }
        if let targetElement {
            let text = inlineText(targetElement, codes: codes)
            result.target = text
            result.status = status(state: targetElement.attribute("state"), approved: unit.attribute("approved") == "yes",
                                   hasTarget: !text.isEmpty, hasPreviousSource: result.previousSource != nil)
        }
        return result
    }

    static func status(state: String?, approved: Bool, hasTarget: Bool, hasPreviousSource: Bool) -> TranslationStatus {
        guard hasTarget else { return .new }
        switch state {
        case nil, "translated": return approved ? .final : .translated
        case "final", "signed-off": return .final
        case "needs-adaptation": return hasPreviousSource ? .stale : .needsReview
        default: return .needsReview   // new, needs-translation, needs-review-*, needs-l10n, x-...
        }
    }

    struct Codes {
        var start: [String: String] = [:]
        var end: [String: String] = [:]
    }

    /// The usual Markdown of a paired code whose markup is not in the file.
    static func defaultMarkup(ctype: String?) -> (String, String) {
        switch ctype {
        case "bold": return ("**", "**")
        case "italic": return ("*", "*")
        case "x-strikethrough": return ("~~", "~~")
        default: return ("", "")
        }
    }

    /// The Markdown of `<source>`/`<target>` content.
    private static func inlineText(_ element: XMLElement, codes: Codes) -> String {
        var text = ""
        for child in element.childNodes {
            switch child {
            case .text(let content):
                text += content
            case .element(let inline):
                guard inline.namespace == ns else {
                    text += inlineText(inline, codes: codes)
                    continue
                }
                let id = inline.attribute("id") ?? ""
                switch inline.name {
                case "g":
                    let fallback = defaultMarkup(ctype: inline.attribute("ctype"))
                    text += (codes.start[id] ?? fallback.0) + inlineText(inline, codes: codes) + (codes.end[id] ?? fallback.1)
                case "x":
                    text += codes.start[id] ?? inline.attribute("equiv-text") ?? ""
                case "bx":
                    let reference = inline.attribute("rid") ?? id
                    text += codes.start[reference] ?? defaultMarkup(ctype: inline.attribute("ctype")).0
                case "ex":
                    let reference = inline.attribute("rid") ?? id
                    text += codes.end[reference] ?? ""
                case "ph", "bpt", "ept", "it":
                    text += inline.textContent   // native code
                case "mrk":
                    text += inlineText(inline, codes: codes)
                default:
                    break
                }
            }
        }
        return text
    }
}
