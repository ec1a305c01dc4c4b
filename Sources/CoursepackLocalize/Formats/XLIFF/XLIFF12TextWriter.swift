import CoursepackLoad
import Foundation

/// XLIFF 1.2 written as text in one pass (see `XLIFF12.write`): the layout, order and escapes of
/// `XLIFF12.writeTree` without building a tree, for files without other tools' markup.
enum XLIFF12TextWriter {
    static func write(_ file: ExchangeFile, pluralCategories: (String) -> [String]) -> Data {
        var writer = XMLTextWriter()
        writer.open("xliff", [("xmlns", XLIFF12.ns), ("version", "1.2")])
        writer.raw(">\n")
        writer.indent(1)
        writer.open("file", [
            ("original", file.moduleID), ("source-language", file.sourceLocale), ("target-language", file.targetLocale),
            ("datatype", "x-markdown"), ("product-version", file.moduleVersion.isEmpty ? nil : file.moduleVersion),
        ])
        writer.raw(">\n")
        writer.indent(2)
        guard !file.units.isEmpty else {
            writer.raw("<body/>\n  </file>\n</xliff>\n")
            return writer.data
        }
        writer.raw("<body>\n")
        let categories = pluralCategories(file.targetLocale)
        // The units are written in slices on every core, then put together in order.
        let units = file.units
        let parts = Slices.of(units.count).concurrentMap { range in writeUnits(units[range], categories: categories) }
        var closing = XMLTextWriter(fragment: true)
        closing.raw("    </body>\n  </file>\n</xliff>\n")
        return JoinedBytes.data([writer.bytes] + parts.map(\.bytes) + [closing.bytes])
    }

    private static func writeUnits(_ units: ArraySlice<ExchangeUnit>, categories: [String]) -> XMLTextWriter {
        var writer = XMLTextWriter(capacity: 700 * units.count, fragment: true)
        for unit in units {
            if let plural = unit.sourcePlural {
                writer.indent(3)
                writer.open("group", [("id", unit.id), ("resname", unit.id), ("restype", "x-gettext-plurals")])
                writer.raw(">\n")
                for (index, form) in XLIFFShared.forms(of: unit, categories: categories).enumerated() {
                    var extra: [(String, String)] = []
                    if form.source != unit.source { extra.append((XLIFFShared.NoteCategory.sourceSingular, unit.source)) }
                    if form.source != plural { extra.append((XLIFFShared.NoteCategory.sourcePlural, plural)) }
                    writeUnit(unit, key: form.key, source: form.source, target: form.target, extraNotes: extra,
                              comments: index == 0 ? unit.comments : [], level: 4, into: &writer)
                }
                writer.indent(3)
                writer.raw("</group>\n")
            } else {
                writeUnit(unit, key: unit.id, source: unit.source, target: unit.target.first ?? "", extraNotes: [],
                          comments: unit.comments, level: 3, into: &writer)
            }
        }
        return writer
    }

    private static func writeUnit(_ unit: ExchangeUnit, key: String, source: String, target: String,
                                  extraNotes: [(String, String)], comments: [String] = [], level: Int, into writer: inout XMLTextWriter) {
        let (state, qualifier) = XLIFF12.stateAttributes(unit.status)
        writer.indent(level)
        writer.open("trans-unit")
        writer.attribute("id", key)
        writer.attribute("resname", key)
        if let limit = unit.maxLength {
            writer.attribute("maxwidth", String(limit))
            writer.attribute("size-unit", "char")
        }
        if unit.status == .final { writer.attribute("approved", "yes") }
        writer.raw(">\n")

        let sourceTokens = InlineMarkup.tokenize(source)
        let targetTokens = target.isEmpty ? [] : InlineLayout.align(InlineMarkup.tokenize(target), to: sourceTokens)
        writer.indent(level + 1)
        writer.raw("<source>")
        appendInline(InlineLayout.nest(sourceTokens), into: &writer)
        writer.raw("</source>\n")
        if !target.isEmpty || unit.status != .new {
            writer.indent(level + 1)
            writer.open("target")
            writer.attribute("state", state)
            writer.attribute("state-qualifier", qualifier)
            writer.raw(">")
            appendInline(InlineLayout.nest(targetTokens), into: &writer)
            writer.raw("</target>\n")
        }

        // The codes' Markdown, source codes first, then codes only the target has.
        let sourceCodes = InlineLayout.codes(of: sourceTokens)
        let codes = sourceCodes + InlineLayout.codes(of: targetTokens).filter { code in !sourceCodes.contains { $0.id == code.id } }
        if !codes.isEmpty {
            writer.indent(level + 1)
            writer.raw("<context-group purpose=\"information\">\n")
            for code in codes {
                if let close = code.close {
                    writer.textElement("context", level: level + 2, attribute: "context-type", "x-coursepack-open-\(code.id)", text: code.open)
                    writer.textElement("context", level: level + 2, attribute: "context-type", "x-coursepack-close-\(code.id)", text: close)
                } else {
                    writer.textElement("context", level: level + 2, attribute: "context-type", "x-coursepack-code-\(code.id)", text: code.open)
                }
            }
            writer.indent(level + 1)
            writer.raw("</context-group>\n")
        }

        let from = XLIFF12.notePrefix + "-"
        if let page = unit.page { writer.textElement("note", level: level + 1, attribute: "from", from + XLIFFShared.NoteCategory.location, text: page) }
        writer.textElement("note", level: level + 1, attribute: "from", from + XLIFFShared.NoteCategory.kind, text: unit.kind.rawValue)
        if let limit = unit.maxLength {
            writer.textElement("note", level: level + 1, attribute: "from", from + XLIFFShared.NoteCategory.limit, text: XLIFFShared.limitNote(limit))
        }
        if let previous = unit.previousSource {
            writer.textElement("note", level: level + 1, attribute: "from", from + XLIFFShared.NoteCategory.previousSource, text: previous)
        }
        for (category, text) in extraNotes {
            writer.textElement("note", level: level + 1, attribute: "from", from + category, text: text)
        }
        for text in unit.notes {
            writer.textElement("note", level: level + 1, attribute: "from", XLIFF12.notePrefix, text: text)
        }
        for text in comments {
            writer.textElement("note", level: level + 1, attribute: "from", XLIFF12.translatorNote, text: text)
        }
        writer.indent(level)
        writer.raw("</trans-unit>\n")
    }

    private static func appendInline(_ nodes: [InlineNode], into writer: inout XMLTextWriter) {
        for node in nodes {
            switch node {
            case .text(let text):
                writer.escape(text, attribute: false)
            case .paired(let id, let kind, _, _, let children):
                writer.open("g")
                writer.attribute("id", String(id))
                writer.attribute("ctype", XLIFF12.pairedType(kind))
                if children.isEmpty {
                    writer.raw("/>")
                } else {
                    writer.raw(">")
                    appendInline(children, into: &writer)
                    writer.close("g")
                }
            case .start(let id, let kind, _):
                writer.open("bx", [("id", String(id)), ("rid", String(id)), ("ctype", XLIFF12.pairedType(kind))])
                writer.raw("/>")
            case .end(let id, _, _):
                writer.open("ex", [("id", "\(id)-end"), ("rid", String(id))])
                writer.raw("/>")
            case .standalone(let id, let kind, let markup):
                writer.open("x", [("id", String(id)), ("ctype", XLIFF12.standaloneType(kind)), ("equiv-text", markup)])
                writer.raw("/>")
            }
        }
    }
}
