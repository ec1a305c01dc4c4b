import CYaml
import Foundation

/// Limits on what a YAML text may make the loader build. An alias repeats its anchor's whole tree, so an
/// 800-byte text of aliases of aliases describes billions of values ("billion laughs"); building them
/// took gigabytes. Deep nesting makes every recursive step (composing, converting, checking, freeing)
/// recurse as deep. Both are measured on libyaml's event stream, before any tree is built, in time and
/// memory linear in the text.
public enum YAMLLimits {
    /// Values that aliases may add to one YAML document (module.yaml, a front matter, a component).
    /// Hand-written modules reuse a few settings this way, never thousands of values.
    public static let aliasedValues = 10_000
    /// Levels of nested mappings and lists; module.yaml and components need fewer than ten.
    public static let depth = 64

    enum Excess: Equatable {
        case aliases(line: Int, column: Int)
        case depth(line: Int, column: Int)
    }

    /// Whether `text` stays within the limits; a text libyaml cannot parse passes, so that the reader
    /// reports its syntax error as before.
    static func check(_ text: String) -> Excess? {
        guard mayExceed(text) else { return nil }
        var text = text
        return text.withUTF8 { utf8 in scan(utf8) }
    }

    /// A cheap bound that spares the event scan for ordinary YAML: without `&` there is no anchor and
    /// so no alias; nesting deeper than the limit needs that many opening brackets or a line with that
    /// much indentation and that many indicators.
    static func mayExceed(_ text: String) -> Bool {
        // Over the contiguous bytes: iterating `String.UTF8View` cost this scan 3% of `validate`.
        var text = text
        return text.withUTF8 { mayExceed($0) }
    }

    // memchr (the C library's vectorised search) finds the rare bytes; only a line long enough to reach
    // the limit is walked byte by byte. The pre-scan cost `validate` 1.5% when it walked every byte.
    private static func mayExceed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        if memchr(base, Int32(UInt8(ascii: "&")), bytes.count) != nil { return true }
        let brackets = count(UInt8(ascii: "["), in: bytes) + count(UInt8(ascii: "{"), in: bytes)
        if brackets >= depth { return true }
        // A line's indentation plus its indicators never exceed its length: shorter lines cannot matter.
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = memchr(base + lineStart, Int32(UInt8(ascii: "\n")), bytes.count - lineStart)
                .map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
            if lineEnd - lineStart + brackets >= depth,
               brackets + bound(ofLine: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])) >= depth {
                return true
            }
            lineStart = lineEnd + 1
        }
        return false
    }

    /// A line's leading spaces plus its `-`, `:` and `?`: how deep its block nesting could go.
    private static func bound(ofLine line: UnsafeBufferPointer<UInt8>) -> Int {
        var indent = 0
        while indent < line.count, line[indent] == UInt8(ascii: " ") { indent += 1 }
        var indicators = 0
        for byte in line[indent...] where byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "?") {
            indicators += 1
        }
        return indent + indicators
    }

    private static func count(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var found = 0, position = 0
        while position < bytes.count, let hit = memchr(base + position, Int32(byte), bytes.count - position) {
            found += 1
            position = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
        }
        return found
    }

    private static func scan(_ utf8: UnsafeBufferPointer<UInt8>) -> Excess? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, utf8.baseAddress, utf8.count)

        /// An open mapping or list: how many values it holds so far (itself and everything under it,
        /// aliases expanded) and how many levels of lists and mappings its deepest value has.
        struct Open { var anchor: String?; var values: Int; var levels: Int }
        var open: [Open] = []
        // Per anchor: the values and the levels one alias of it adds (0 for a scalar).
        var anchors: [String: (values: Int, levels: Int)] = [:]
        var aliased = 0

        func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
        /// Adds a finished value (`values` and `depth` of its own) to the collection it belongs to.
        func add(values: Int, levels: Int) {
            guard !open.isEmpty else { return }
            open[open.count - 1].values += values
            open[open.count - 1].levels = max(open[open.count - 1].levels, levels)
        }

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                // libyaml's scanner reads a flow collection's brackets ahead of the events and stops
                // at its own limit (1,000 levels) first.
                if let problem = parser.problem, String(cString: problem).contains("nesting level") {
                    return .depth(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
                }
                return nil
            }
            defer { yaml_event_delete(&event) }
            let mark = event.start_mark
            let line = Int(mark.line) + 1, column = Int(mark.column) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_DOCUMENT_START_EVENT:
                open = []; anchors = [:]; aliased = 0
            case YAML_SCALAR_EVENT:
                if let anchor = string(event.data.scalar.anchor) { anchors[anchor] = (1, 0) }
                add(values: 1, levels: 0)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = event.type == YAML_SEQUENCE_START_EVENT ? string(event.data.sequence_start.anchor)
                                                                      : string(event.data.mapping_start.anchor)
                open.append(Open(anchor: anchor, values: 1, levels: 0))
                if open.count > depth { return .depth(line: line, column: column) }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { continue }
                if let anchor = closed.anchor { anchors[anchor] = (closed.values, closed.levels + 1) }
                add(values: closed.values, levels: closed.levels + 1)
            case YAML_ALIAS_EVENT:
                // An unknown alias is the composer's error to report.
                guard let name = string(event.data.alias.anchor), let target = anchors[name] else { continue }
                // Every count stays below the limits checked here, so no sum can overflow.
                aliased += target.values
                if aliased > aliasedValues { return .aliases(line: line, column: column) }
                if open.count + target.levels > depth { return .depth(line: line, column: column) }
                add(values: target.values, levels: target.levels)
            default:
                continue
            }
        }
    }
}
