/// The inline codes of a text laid out for the exchange formats: paired codes that nest become one
/// element around their content (`<pc>`, `<g>`), pairs that overlap become a start and an end
/// (`<sc>`/`<ec>`, `<bx>`/`<ex>`), and the codes of a translation get the ids of the same codes in
/// the source so that tools can match them.
enum InlineNode: Hashable {
    case text(String)
    case paired(id: Int, kind: InlineCodeKind, open: String, close: String, children: [InlineNode])
    case start(id: Int, kind: InlineCodeKind, markup: String)
    case end(id: Int, kind: InlineCodeKind, markup: String)
    case standalone(id: Int, kind: InlineCodeKind, markup: String)
}

/// One code of a unit (source and target together) with its markup.
struct InlineCode: Hashable {
    var id: Int
    var kind: InlineCodeKind
    /// The markup of a standalone code, or the opening of a pair.
    var open: String
    /// The closing of a pair, nil for a standalone code.
    var close: String?
}

enum InlineLayout {
    /// The codes of a token list, in order of first appearance.
    static func codes(of tokens: [InlineToken]) -> [InlineCode] {
        // A string holds a few codes: looking them up in a list costs less than hashing.
        var codes: [InlineCode] = []
        for token in tokens {
            switch token {
            case .text: break
            case .open(let id, let kind, let markup):
                if let index = codes.firstIndex(where: { $0.id == id }) { codes[index].open = markup }
                else { codes.append(InlineCode(id: id, kind: kind, open: markup, close: nil)) }
            case .close(let id, let kind, let markup):
                if let index = codes.firstIndex(where: { $0.id == id }) { codes[index].close = markup }
                else { codes.append(InlineCode(id: id, kind: kind, open: "", close: markup)) }
            case .standalone(let id, let kind, let markup):
                if !codes.contains(where: { $0.id == id }) { codes.append(InlineCode(id: id, kind: kind, open: markup, close: nil)) }
            }
        }
        return codes
    }

    /// The target's tokens with the ids of the matching source codes (same kind and markup, first
    /// unused); codes the source does not have get ids after `firstFreeID`.
    static func align(_ target: [InlineToken], to source: [InlineToken]) -> [InlineToken] {
        // A target without codes (most) has no ids to change.
        guard target.contains(where: { !$0.isText }) else { return target }
        let sourceCodes = codes(of: source)
        var unused = sourceCodes
        var nextID = (sourceCodes.map(\.id).max() ?? 0) + 1
        var mapping: [Int: Int] = [:]
        for code in codes(of: target) {
            if let index = unused.firstIndex(where: { $0.kind == code.kind && $0.open == code.open && $0.close == code.close }) {
                mapping[code.id] = unused[index].id
                unused.remove(at: index)
            } else {
                mapping[code.id] = nextID
                nextID += 1
            }
        }
        return target.map { token in
            switch token {
            case .text: return token
            case .open(let id, let kind, let markup): return .open(id: mapping[id] ?? id, kind: kind, markup: markup)
            case .close(let id, let kind, let markup): return .close(id: mapping[id] ?? id, kind: kind, markup: markup)
            case .standalone(let id, let kind, let markup): return .standalone(id: mapping[id] ?? id, kind: kind, markup: markup)
            }
        }
    }

    /// Nests the tokens: a pair whose close comes while it is the innermost open pair becomes
    /// `.paired`; a pair crossing another becomes `.start`/`.end`; an opening or closing without its
    /// partner becomes `.standalone`.
    static func nest(_ tokens: [InlineToken]) -> [InlineNode] {
        // Without paired codes (most strings) nothing nests: each token is a node as it is.
        guard tokens.contains(where: { if case .open = $0 { return true } else if case .close = $0 { return true } else { return false } }) else {
            return tokens.map { token in
                if case .standalone(let id, let kind, let markup) = token { return .standalone(id: id, kind: kind, markup: markup) }
                return .text(token.markup)
            }
        }
        // Which pairs nest properly.
        var openIDs = Set<Int>()
        var closeIDs = Set<Int>()
        for token in tokens {
            if case .open(let id, _, _) = token { openIDs.insert(id) }
            if case .close(let id, _, _) = token { closeIDs.insert(id) }
        }
        let complete = openIDs.intersection(closeIDs)
        var stack: [Int] = []
        var crossing = Set<Int>()
        for token in tokens {
            switch token {
            case .open(let id, _, _) where complete.contains(id):
                stack.append(id)
            case .close(let id, _, _) where complete.contains(id):
                if stack.last == id {
                    stack.removeLast()
                } else if let position = stack.lastIndex(of: id) {
                    crossing.insert(id)
                    stack.remove(at: position)
                } else {
                    crossing.insert(id)   // closed before it opened
                }
            default: break
            }
        }
        // Build the tree.
        var frames: [(id: Int, kind: InlineCodeKind, open: String, children: [InlineNode])] = [(0, .html, "", [])]
        for token in tokens {
            switch token {
            case .text(let text):
                frames[frames.count - 1].children.append(.text(text))
            case .standalone(let id, let kind, let markup):
                frames[frames.count - 1].children.append(.standalone(id: id, kind: kind, markup: markup))
            case .open(let id, let kind, let markup):
                if !complete.contains(id) {
                    frames[frames.count - 1].children.append(.standalone(id: id, kind: kind, markup: markup))
                } else if crossing.contains(id) {
                    frames[frames.count - 1].children.append(.start(id: id, kind: kind, markup: markup))
                } else {
                    frames.append((id, kind, markup, []))
                }
            case .close(let id, let kind, let markup):
                if !complete.contains(id) {
                    frames[frames.count - 1].children.append(.standalone(id: id, kind: kind, markup: markup))
                } else if crossing.contains(id) {
                    frames[frames.count - 1].children.append(.end(id: id, kind: kind, markup: markup))
                } else {
                    let frame = frames.removeLast()
                    frames[frames.count - 1].children.append(
                        .paired(id: frame.id, kind: frame.kind, open: frame.open, close: markup, children: frame.children))
                }
            }
        }
        // Unclosed frames cannot remain (pairs are complete and nested), but stay safe.
        while frames.count > 1 {
            let frame = frames.removeLast()
            frames[frames.count - 1].children.append(.start(id: frame.id, kind: frame.kind, markup: frame.open))
            frames[frames.count - 1].children.append(contentsOf: frame.children)
        }
        return frames[0].children
    }
}
