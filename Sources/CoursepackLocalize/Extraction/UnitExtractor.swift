import CoursepackLoad
import Foundation

/// Extracts every translatable unit of a module, in reading order: module metadata, then each page
/// of the manifest's order (front matter, prose blocks and component fields as they appear), then
/// the player's interface messages.
///
/// Ids made here are provisional: prose blocks are named by a hash of their text, component fields by
/// their path. `UnitReconciler` maps them onto the ids the module's template already uses, so that an
/// edited paragraph keeps its id (and its translations go stale) and a moved one keeps everything.
public enum UnitExtractor {
    public static func units(of module: Module) throws -> [SourceUnit] {
        let shapes = try TranslatableShapes.shared.get()
        var units: [SourceUnit] = []
        if let manifest = module.manifest {
            units += fields(of: manifest, shape: shapes.manifest, prefix: "module", kind: .metadata, page: nil,
                            note: "Module information (module.yaml)")
        }
        let order = module.manifest?["pages"]?.array?.compactMap(\.string) ?? []
        let byID = Dictionary(module.pages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let listed = order.compactMap { byID[$0] }
        let unlisted = module.pages.filter { !order.contains($0.id) }
        // Pages are extracted side by side: each is independent, and a large module has thousands.
        for pageUnits in (listed + unlisted).concurrentMap({ Self.units(of: $0, shapes: shapes) }) {
            units += pageUnits
        }
        units += InterfaceMessages.units
        return units
    }

    static func units(of page: Page, shapes: TranslatableShapes) -> [SourceUnit] {
        var units: [SourceUnit] = []
        if let frontMatter = page.frontMatter {
            units += fields(of: frontMatter, shape: shapes.frontMatter, prefix: page.id, kind: .field, page: page.id,
                            note: "Page \(page.id): front matter")
        }
        // Prose and components interleaved in the order they appear on the page.
        var seen: [String: Int] = [:]
        var prose = page.outline.textBlocks.map { block -> SourceUnit in
            let kind: UnitKind
            switch block.kind {
            case .heading: kind = .heading
            case .paragraph: kind = .paragraph
            case .listItem: kind = .listItem
            case .tableCell: kind = .tableCell
            }
            var id = "\(page.id)/\(prefix(kind))-\(SourceHash.of(block.text).prefix(6))"
            let count = seen[id, default: 0] + 1
            seen[id] = count
            if count > 1 { id += "-\(count)" }
            return SourceUnit(id: id, text: block.text, kind: kind, page: page.id,
                              notes: ["Page \(page.id): \(kind.phrase)"], location: block.location)
        }
        var typeCounts: [ComponentType: Int] = [:]
        var componentUnits: [SourceUnit] = []
        for component in page.components {
            guard let body = component.body, let shape = shapes.components[component.type] else { continue }
            typeCounts[component.type, default: 0] += 1
            let name = component.id ?? "\(page.id)/\(component.type.rawValue)-\(typeCounts[component.type]!)"
            componentUnits += fields(of: body, shape: shape, prefix: name, kind: .field, page: page.id,
                                     note: "Page \(page.id): \(component.type.rawValue) '\(name)'")
        }
        prose += componentUnits
        prose.sort { $0.location < $1.location }
        units += prose
        return units
    }

    private static func prefix(_ kind: UnitKind) -> String {
        switch kind {
        case .heading: return "h"
        case .paragraph: return "p"
        case .listItem: return "li"
        case .tableCell: return "td"
        default: return kind.rawValue
        }
    }

    /// The translatable strings of a YAML document, named `<prefix>/<path>`.
    static func fields(of value: SourceValue, shape: TranslatableShape, prefix: String, kind: UnitKind,
                       page: String?, note: String) -> [SourceUnit] {
        var units: [SourceUnit] = []
        func walk(_ value: SourceValue, _ shape: TranslatableShape, _ path: String, _ label: String) {
            switch (shape, value.kind) {
            case (.text(let maxLength, _, let title), .string(let text)):
                guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
                let described = title.map { $0.lowercased() == label.lowercased() ? $0.lowercased() : "\($0.lowercased()) (\(label))" } ?? label
                var notes = [note + ", " + described]
                if let maxLength { notes.append(limitNote(maxLength)) }
                units.append(SourceUnit(id: prefix + "/" + path, text: normalize(text), kind: kind, page: page,
                                        notes: notes, maxLength: maxLength, location: value.location))
            case (.text, .array(let items)):
                for (index, item) in items.enumerated() { walk(item, shape, "\(path)/\(index)", "\(label) \(index + 1)") }
            case (.object(let fields), .object(let members)):
                for member in members {
                    guard let field = fields[member.key] else { continue }
                    walk(member.value, field, path.isEmpty ? member.key : "\(path)/\(member.key)",
                         label.isEmpty ? member.key : "\(label) › \(member.key)")
                }
            case (.array(let item), .array(let items)):
                for (index, element) in items.enumerated() {
                    walk(element, item, "\(path)/\(index)", "\(label) \(index + 1)")
                }
            default:
                return
            }
        }
        walk(value, shape, "", "")
        return units
    }

    /// YAML block scalars end with a line break; a unit's text does not.
    /// The note that tells the translator a unit's length limit; the template keeps the limit only there.
    static func limitNote(_ maxLength: Int) -> String { "At most \(maxLength) characters." }

    /// The limit in a note written by `limitNote`, nil for any other note.
    static func limit(inNote note: String) -> Int? {
        guard note.hasPrefix("At most "), note.hasSuffix(" characters.") else { return nil }
        return Int(note.dropFirst("At most ".count).dropLast(" characters.".count))
    }

    static func normalize(_ text: String) -> String {
        var text = text
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

extension UnitKind {
    /// How the kind is named in notes for translators.
    public var phrase: String {
        switch self {
        case .heading: return "heading"
        case .paragraph: return "paragraph"
        case .listItem: return "list item"
        case .tableCell: return "table cell"
        case .field: return "field"
        case .metadata: return "module information"
        case .interface: return "player interface"
        }
    }
}
