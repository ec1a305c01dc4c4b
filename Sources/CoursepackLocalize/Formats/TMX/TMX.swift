import CLibXML2
import Foundation

/// TMX, the translation-memory exchange format of CAT tools.
///
/// The writer produces TMX 1.4b: one `<tu>` per entry with a `<tuv xml:lang>` for each side, inline
/// codes as `<bpt i x>`/`<ept i>` (pairs) and `<ph x>` (standalone) holding the Markdown they stand for.
/// The reader takes TMX 1.4b (Trados, memoQ, Phrase: `xml:lang`, `<bpt>`/`<ept>`/`<ph>`/`<it>`/`<hi>`/`<ut>`)
/// and the TMX 1.1 that OmegaT writes (`lang=` instead of `xml:lang`), and rebuilds Markdown from the
/// codes' contents.
public enum TMX {
    // MARK: Writing

    /// A TMX 1.4b document for `entries`. `sourceLocale` goes to the header's `srclang` (entries of
    /// another source language keep theirs on their `<tu>`); by default the entries' common source
    /// locale, or `*all*` when they have several. Entries keep their order; `tuid` is their position,
    /// so the same entries give the same bytes.
    public static func write(_ entries: [TranslationMemoryEntry], sourceLocale: String? = nil,
                             creationTool: String = "Coursepack", creationToolVersion: String = "1") -> Data {
        let locales = Set(entries.map(\.sourceLocale))
        let sourceLocale = sourceLocale ?? (locales.count == 1 ? locales.first! : "*all*")
        let writer = XMLTreeWriter()
        let root = XMLTreeWriter.with("tmx") { xmlNewDocNode(writer.doc, nil, $0, nil)! }
        xmlDocSetRootElement(writer.doc, root)
        writer.setAttribute(root, "version", "1.4")
        writer.element("header", in: root, ns: nil, [
            ("creationtool", creationTool), ("creationtoolversion", creationToolVersion), ("segtype", "sentence"),
            ("o-tmf", "Coursepack"), ("adminlang", "en"), ("srclang", sourceLocale), ("datatype", "plaintext"),
        ])
        let body = writer.element("body", in: root, ns: nil)
        for (index, entry) in entries.enumerated() {
            let tu = writer.element("tu", in: body, ns: nil, [
                ("tuid", String(index + 1)),
                ("srclang", entry.sourceLocale == sourceLocale ? nil : entry.sourceLocale),
                ("creationdate", entry.created.flatMap(tmxDate)),
            ])
            if let origin = entry.origin { writer.textElement("prop", in: tu, ns: nil, [("type", "x-origin")], text: origin) }
            if let created = entry.created, tmxDate(created) == nil {
                writer.textElement("prop", in: tu, ns: nil, [("type", "x-created")], text: created)
            }
            let sourceTokens = InlineMarkup.tokenize(entry.source)
            let targetTokens = InlineLayout.align(InlineMarkup.tokenize(entry.target), to: sourceTokens)
            for (locale, tokens) in [(entry.sourceLocale, sourceTokens), (entry.targetLocale, targetTokens)] {
                let tuv = writer.element("tuv", in: tu, ns: nil, [("xml:lang", locale)])
                let seg = writer.mixedElement("seg", in: tuv, ns: nil)
                appendInline(tokens, to: seg, writer: writer)
            }
        }
        return writer.data()
    }

    /// A TMX date (`20261122T101500Z`) as it is, or nil for a date in another form.
    private static func tmxDate(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 16, scalars[8] == "T", scalars[15] == "Z",
              scalars.enumerated().allSatisfy({ $0.offset == 8 || $0.offset == 15 || ("0"..."9").contains($0.element) })
        else { return nil }
        return text
    }

    private static func appendInline(_ tokens: [InlineToken], to seg: xmlNodePtr, writer: XMLTreeWriter) {
        for token in tokens {
            switch token {
            case .text(let text):
                writer.appendText(text, to: seg)
            case .open(let id, let kind, let markup):
                writer.textElement("bpt", in: seg, ns: nil, [("i", String(id)), ("x", String(id)), ("type", type(kind))], text: markup)
            case .close(let id, _, let markup):
                writer.textElement("ept", in: seg, ns: nil, [("i", String(id))], text: markup)
            case .standalone(let id, let kind, let markup):
                writer.textElement("ph", in: seg, ns: nil, [("x", String(id)), ("type", type(kind))], text: markup)
            }
        }
    }

    /// TMX's recommended `type` values where one fits.
    private static func type(_ kind: InlineCodeKind) -> String {
        switch kind {
        case .strong: return "bold"
        case .emphasis: return "italic"
        case .link, .autolink: return "link"
        case .lineBreak: return "lb"
        case .image: return "image"
        case .placeholder: return "x-placeholder"
        case .code: return "x-code"
        case .html: return "x-html"
        case .strikethrough: return "x-strikethrough"
        }
    }

    // MARK: Reading

    /// The entries of a TMX 1.1–1.4b document: for each `<tu>`, one entry per language other than
    /// the source (`srclang` of the `<tu>` or the header; `*all*` or missing: the first `<tuv>`).
    /// `origin` is the `x-origin` or `file` property, else the tool that made the unit or the file.
    /// Languages are normalised to BCP 47 case (`EN-US` → `en-US`). Units with an empty side are skipped.
    public static func read(_ data: Data) throws(ExchangeError) -> [TranslationMemoryEntry] {
        let document = try XMLParsedDocument.parse(data, kind: "TMX")
        let root = document.root
        guard root.name == "tmx", root.namespace.isEmpty else {
            throw XLIFFShared.error("not a TMX file: the root element is <\(XLIFFShared.qualifiedName(root))>, expected <tmx>",
                                    at: root, in: data)
        }
        let version = root.attribute("version") ?? ""
        guard ["1.1", "1.2", "1.3", "1.4", "1.4b"].contains(version) else {
            throw XLIFFShared.error("TMX version \"\(version)\" is not supported: Coursepack reads TMX 1.1 to 1.4b", at: root, in: data)
        }
        guard let body = root.child("body", namespace: "") else {
            throw XLIFFShared.error("<tmx> has no <body>", at: root, in: data)
        }
        let header = root.child("header", namespace: "")
        let headerSource = header?.attribute("srclang")
        // Coursepack writes the origin of each unit; another tool's name says where the units come from.
        let headerTool = header?.attribute("creationtool").flatMap { $0 == "Coursepack" ? nil : $0 }
        let headerDate = header?.attribute("creationdate")
        var entries: [TranslationMemoryEntry] = []
        for tu in body.children("tu", namespace: "") {
            var properties: [String: String] = [:]
            for prop in tu.children("prop", namespace: "") {
                if let type = prop.attribute("type"), properties[type] == nil { properties[type] = prop.textContent }
            }
            let variants: [(locale: String, text: String, created: String?)] = tu.children("tuv", namespace: "").compactMap { tuv in
                guard let language = tuv.attribute("lang", namespace: XLIFFShared.namespaceXML) ?? tuv.attribute("lang"),
                      let seg = tuv.child("seg", namespace: "") else { return nil }
                return (normalizedLocale(language), segText(seg), tuv.attribute("creationdate") ?? tuv.attribute("changedate"))
            }
            guard !variants.isEmpty else { continue }
            let declared = (tu.attribute("srclang") ?? headerSource).flatMap { $0 == "*all*" ? nil : normalizedLocale($0) }
            let sourceIndex = declared.flatMap { locale in
                variants.firstIndex { $0.locale.lowercased() == locale.lowercased() }
                    ?? variants.firstIndex { $0.locale.lowercased().hasPrefix(locale.lowercased() + "-") }
            } ?? 0
            let source = variants[sourceIndex]
            guard !source.text.isEmpty else { continue }
            let origin = properties["x-origin"] ?? properties["file"] ?? tu.attribute("creationtool") ?? headerTool
            for (index, variant) in variants.enumerated() where index != sourceIndex && !variant.text.isEmpty {
                entries.append(TranslationMemoryEntry(
                    source: source.text, target: variant.text, sourceLocale: source.locale, targetLocale: variant.locale,
                    origin: origin,
                    created: variant.created ?? tu.attribute("creationdate") ?? properties["x-created"] ?? headerDate))
            }
        }
        return entries
    }

    /// The Markdown of a `<seg>`: text, and the native code inside `<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`;
    /// `<hi>` (highlighted text) and `<sub>` (text inside a code) contribute their text.
    private static func segText(_ element: XMLElement) -> String {
        var text = ""
        for child in element.childNodes {
            switch child {
            case .text(let content): text += content
            case .element(let inline):
                switch inline.name {
                case "bpt", "ept", "ph", "it", "ut": text += inline.textContent
                default: text += segText(inline)   // hi, sub, and anything unknown: its text
                }
            }
        }
        return text
    }

    /// `EN-US` → `en-US`, `zh-hant-tw` → `zh-Hant-TW`, `pt_BR` → `pt-BR`.
    static func normalizedLocale(_ tag: String) -> String {
        let parts = tag.replacingOccurrences(of: "_", with: "-").split(separator: "-")
        return parts.enumerated().map { index, part in
            if index == 0 { return part.lowercased() }
            if part.count == 4, part.allSatisfy(\.isLetter) { return part.prefix(1).uppercased() + part.dropFirst().lowercased() }
            if part.count == 2, part.allSatisfy(\.isLetter) { return part.uppercased() }
            return part.lowercased()
        }.joined(separator: "-")
    }
}

/// The same as `TMX`, named like `XLIFFExchange`.
public typealias TMXExchange = TMX
