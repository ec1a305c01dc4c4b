import Yams

/// Reads YAML text into a `SourceValue`, or into a diagnostic that says what is wrong and where.
///
/// `origin` is where the YAML text starts inside its file, so that YAML embedded in a Markdown page
/// (front matter, a component's body) reports the page's own line and column.
public struct YAMLReader: Sendable {
    public let file: String
    public let lineOffset: Int
    public let columnOffset: Int

    public init(file: String, lineOffset: Int = 0, columnOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
    }

    public func read(_ text: String) -> Result<SourceValue?, Diagnostic> {
        switch YAMLLimits.check(text) {
        case .aliases(let line, let column):
            return .failure(Diagnostic(.yamlAliasLimit, at: location(line: line, column: column),
                                       "the aliases of this YAML would expand to more than \(YAMLLimits.aliasedValues) values; it is not read",
                                       hint: "write the values out, or use fewer aliases of aliases"))
        case .depth(let line, let column):
            return .failure(Diagnostic(.nestingLimit, at: location(line: line, column: column),
                                       "this YAML is nested more than \(YAMLLimits.depth) levels deep; it is not read",
                                       hint: "flatten the structure: no part of the format needs more than a few levels"))
        case nil:
            break
        }
        let node: Node?
        do {
            // The basic resolver runs no regular expressions: scalars are resolved by `YAMLScalar`
            // (YAML 1.2 core schema). Naming the encoding spares Yams a read of the whole environment
            // on every call; both matter with tens of thousands of components.
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, in: text))
        } catch {
            return .failure(Diagnostic(.invalidYAML, at: location(line: 1, column: 1),
                                       "this YAML cannot be read: \(error)"))
        }
        guard let node else { return .success(Optional<SourceValue>.none) }
        return .success(convert(node))
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: column + columnOffset)
    }

    private func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return location(line: 1, column: 1) }
        return location(line: mark.line, column: mark.column)
    }

    private func convert(_ node: Node) -> SourceValue {
        let here = location(of: node)
        switch node {
        case .scalar(let scalar):
            return SourceValue(YAMLScalar.resolve(scalar), at: here)
        case .sequence(let sequence):
            return SourceValue(.array(sequence.map(convert)), at: here)
        case .mapping(let mapping):
            var members: [SourceValue.Member] = []
            members.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                let keyText = key.scalar?.string ?? "\(key)"
                members.append(.init(key: keyText, keyLocation: location(of: key), value: convert(value)))
            }
            return SourceValue(.object(members), at: here)
        case .alias:
            // Aliases are resolved by Yams while composing; an unresolved one reads as nothing.
            return SourceValue(.null, at: here)
        }
    }
}
