import Foundation

/// Reads one page: front matter, Markdown outline, and the YAML of each component.
enum PageLoader {
    static func load(_ url: URL, as file: String) -> (Page?, [Diagnostic]) {
        let text: String
        switch TextFile.read(url, as: file) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let contents): text = contents
        }
        var diagnostics: [Diagnostic] = []
        let id = String(file.split(separator: "/").last!.dropLast(3))
        let split = FrontMatter.split(text, file: file)
        var frontMatter: SourceValue?
        switch split.frontMatter {
        case .missing:
            diagnostics.append(Diagnostic(.frontMatter, at: SourceLocation(file: file),
                                          "this page has no front matter",
                                          hint: "start the page with a YAML block between two '---' lines, with at least a title:\n---\ntitle: Page title\n---"))
        case .unterminated:
            diagnostics.append(Diagnostic(.frontMatter, at: SourceLocation(file: file),
                                          "the front matter that starts here is never closed",
                                          hint: "end it with a line holding only '---'"))
        case .present(let yaml):
            switch YAMLReader(file: file, lineOffset: 1).read(yaml) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let value): frontMatter = value ?? SourceValue(.null, at: SourceLocation(file: file, line: 2))
            }
        }
        let outline = MarkdownReader.outline(of: split.markdown, file: file)
        if let deep = outline.tooDeep {
            diagnostics.append(Diagnostic(.nestingLimit, at: deep,
                                          "the Markdown here is nested more than \(MarkdownLimits.depth) levels deep (block quotes, lists, emphasis and links counted together)",
                                          hint: "flatten it: a page needs a few levels at most"))
        }
        var components: [Component] = []
        for block in outline.fencedBlocks where !ComponentType.codeLanguages.contains(block.info) {
            guard let type = ComponentType(rawValue: block.info) else {
                diagnostics.append(unknownComponent(block, file: file))
                continue
            }
            let reader = YAMLReader(file: file, lineOffset: block.bodyLineOffset, columnOffset: block.bodyColumnOffset)
            var body: SourceValue?
            switch reader.read(block.literal) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let value):
                if let value, value.isObject {
                    body = value
                } else {
                    diagnostics.append(Diagnostic(
                        .componentNotMapping, at: value?.location ?? block.location,
                        value == nil ? "this \(type.rawValue) is empty" : "the body of a \(type.rawValue) must be a set of fields, not \(value!.kindName)",
                        hint: "write the fields as 'name: value' lines, for example 'id: my-\(type.rawValue)'"))
                }
            }
            components.append(Component(type: type, location: block.location, body: body))
        }
        let page = Page(id: id, file: file, frontMatter: frontMatter,
                        frontMatterLocation: SourceLocation(file: file), markdown: split.markdown, outline: outline,
                        components: components)
        return (page, diagnostics)
    }

    private static func unknownComponent(_ block: MarkdownOutline.FencedBlock, file: String) -> Diagnostic {
        let known = ComponentType.allCases.map(\.rawValue)
        let suggestion = Spelling.closest(to: block.info, among: known)
        let location = SourceLocation(file: file, line: block.location.line, column: block.location.column + 3)
        return Diagnostic(.unknownComponent, at: location,
                          "unknown component type '\(block.info)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                          hint: "components are: \(known.joined(separator: ", ")); for code shown as is, use a language such as 'text' or 'yaml'")
    }
}

/// The front matter of a page: the YAML between a first line `---` and the next `---` (or `...`).
enum FrontMatter {
    enum Part { case missing, unterminated, present(String) }

    /// The front matter's YAML, and the Markdown with the front matter's lines blanked, so that
    /// positions in the Markdown are positions in the file.
    static func split(_ text: String, file: String) -> (frontMatter: Part, markdown: String) {
        let utf8 = text.utf8
        guard utf8.starts(with: "---\n".utf8) || text == "---" else { return (.missing, text) }
        // Look for a line that is exactly `---` or `...`, scanning bytes rather than splitting the page.
        var lineStart = utf8.index(utf8.startIndex, offsetBy: 4, limitedBy: utf8.endIndex) ?? utf8.endIndex
        var lines = 1
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let line = utf8[lineStart..<lineEnd]
            lines += 1
            if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                let yaml = String(text[text.utf8.index(text.startIndex, offsetBy: 4)..<lineStart])
                let rest = lineEnd < utf8.endIndex ? text[lineEnd...] : ""
                return (.present(yaml), String(repeating: "\n", count: lines - 1) + rest)
            }
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
        }
        return (.unterminated, "")
    }
}
