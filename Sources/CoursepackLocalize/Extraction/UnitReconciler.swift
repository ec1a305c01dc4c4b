/// Gives freshly extracted units the ids the module already uses, so that ids are stable:
/// a moved paragraph keeps its id, an edited one keeps its id (and its translations go stale), and
/// only a new paragraph gets a new id.
public enum UnitReconciler {
    /// A unit as the template last recorded it.
    public struct Known: Sendable, Hashable {
        public let id: String
        public let text: String
        public let plural: String?
        public let kind: UnitKind
        public let page: String?

        public init(id: String, text: String, plural: String?, kind: UnitKind, page: String?) {
            self.id = id
            self.text = text
            self.plural = plural
            self.kind = kind
            self.page = page
        }
    }

    /// Prose edited less than this (word-level Dice similarity) is the same unit, changed.
    static let editSimilarity = 0.5

    public static func reconcile(_ extracted: [SourceUnit], with known: [Known]) -> [SourceUnit] {
        var result = extracted
        var knownByID: [String: Known] = [:]
        for unit in known { knownByID[unit.id] = unit }
        var taken: Set<String> = []
        var pending: [Int] = []

        // 1. Same id, same text: nothing happened.
        for (index, unit) in result.enumerated() {
            if let old = knownByID[unit.id], old.text == unit.text, old.plural == unit.plural, !taken.contains(unit.id) {
                taken.insert(unit.id)
            } else {
                pending.append(index)
            }
        }
        // 2. Same text elsewhere in the same scope and kind: moved.
        var byText: [String: [Known]] = [:]
        for unit in known where !taken.contains(unit.id) { byText[scope(unit.page, unit.id) + "\u{0}" + unit.text, default: []].append(unit) }
        pending = pending.filter { index in
            let unit = result[index]
            let key = scope(unit.page, unit.id) + "\u{0}" + unit.text
            guard let candidates = byText[key], let match = candidates.first(where: { $0.kind == unit.kind && !taken.contains($0.id) }) else {
                return true
            }
            result[index].id = match.id
            taken.insert(match.id)
            return false
        }
        // 3. Same id, other text: a field whose value was edited.
        pending = pending.filter { index in
            let unit = result[index]
            guard knownByID[unit.id] != nil, !taken.contains(unit.id) else { return true }
            taken.insert(unit.id)
            return false
        }
        // 4. Prose whose text changed: pair with the most similar unmatched unit of the same page and kind.
        // Candidates by page and kind, their words counted once: a first extraction (no template) or
        // a large module would otherwise count the words of every string many times.
        var leftovers: [String: [(known: Known, words: [String: Int])]] = [:]
        for unit in known where !taken.contains(unit.id) {
            leftovers[(unit.page ?? "") + "\u{0}" + unit.kind.rawValue, default: []].append((unit, wordSet(unit.text)))
        }
        for index in pending where !leftovers.isEmpty {
            let unit = result[index]
            guard unit.kind != .field, unit.kind != .metadata, unit.kind != .interface,
                  let candidates = leftovers[(unit.page ?? "") + "\u{0}" + unit.kind.rawValue] else { continue }
            let words = wordSet(unit.text)
            var best: (Known, Double)?
            for candidate in candidates where !taken.contains(candidate.known.id) {
                let similarity = dice(words, candidate.words)
                if similarity >= editSimilarity, similarity > (best?.1 ?? 0) { best = (candidate.known, similarity) }
            }
            if let (match, _) = best {
                result[index].id = match.id
                taken.insert(match.id)
            }
        }
        // 5. What is left is new: make sure its provisional id collides with nothing.
        var used = Set(result.map(\.id))
        used.formUnion(known.map(\.id))
        var assigned: Set<String> = []
        for index in result.indices {
            let id = result[index].id
            if assigned.insert(id).inserted { continue }
            var counter = 2
            while used.contains("\(id)-\(counter)") { counter += 1 }
            result[index].id = "\(id)-\(counter)"
            used.insert(result[index].id)
            assigned.insert(result[index].id)
        }
        return result
    }

    private static func scope(_ page: String?, _ id: String) -> String {
        page ?? String(id.prefix { $0 != "/" })
    }

    static func wordSet(_ text: String) -> [String: Int] {
        var words: [String: Int] = [:]
        for word in InlineMarkup.plainText(text).lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            words[String(word), default: 0] += 1
        }
        return words
    }

    /// Dice's coefficient over word multisets: 1 for the same words, 0 for none in common.
    static func dice(_ a: [String: Int], _ b: [String: Int]) -> Double {
        let total = a.values.reduce(0, +) + b.values.reduce(0, +)
        guard total > 0 else { return 0 }
        var common = 0
        for (word, count) in a { common += min(count, b[word] ?? 0) }
        return Double(2 * common) / Double(total)
    }
}
