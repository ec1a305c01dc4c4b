// The translation-memory benchmark (see Benchmarks/tm-lookup.sh):
//
//   TMBench OUT [--units 200000] [--queries 1000] [--seed 2024] [--runs 5] [--near 0.4] [--reuse]
//
// Generates, deterministically, `units` English→Arabic-looking sentence pairs (words drawn with
// Zipf-like frequencies from 4,060 words: 60 function words and 4,000 made-up content words; short
// headings, sentences and long paragraphs; some **bold**, [links](page.md), {placeholders} and
// numbers) and `queries` new strings: a share `near` are near-duplicates of stored sources (one word
// changed, removed or added per 8 words), the rest new sentences from the same vocabulary.
// Writes OUT/memory.tsv and OUT/queries.txt (for the Python peer), imports the units into a fresh
// OUT/memory.sqlite (kept with --reuse), then times `suggestions(for:)` for all queries, `runs` times, each on a newly
// opened memory (nothing cached). Prints the figures and writes them to OUT/tm-ours.json.
import CoursepackLocalize
import Foundation

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let arabicLetters = Array("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
func fakeArabic(_ word: String) -> String {
    if let number = Int(word) { return String(number) }
    var hash: UInt64 = 1469598103934665603
    for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
    var out = ""
    for _ in 0..<max(2, min(7, word.count - 1)) {
        out.append(arabicLetters[Int(hash % UInt64(arabicLetters.count))])
        hash /= UInt64(arabicLetters.count)
        if hash == 0 { hash = 0x9E37_79B9 }
    }
    return out
}

/// A sentence as words (plain) and as Markdown text with its fake translation.
struct Sentence {
    var words: [String]
    var heading: Bool
    var markup: Int  // which decoration: 0 none, 1 bold, 2 link, 3 placeholder
    var markupAt: Int
    var seed: UInt64

    func render() -> (source: String, target: String) {
        var source: [String] = []
        var target: [String] = []
        for (index, word) in words.enumerated() {
            var s = index == 0 ? word.prefix(1).uppercased() + word.dropFirst() : word
            var t = fakeArabic(word)
            if index == markupAt {
                switch markup {
                case 1: s = "**\(s)**"; t = "**\(t)**"
                case 2: s = "[\(s)](page-\(seed % 500).md)"; t = "[\(t)](page-\(seed % 500).md)"
                case 3: s = "{count}"; t = "{count}"
                default: break
                }
            }
            source.append(s)
            target.append(t)
        }
        let end = heading ? "" : "."
        return (source.joined(separator: " ") + end, target.reversed().joined(separator: " ") + (heading ? "" : "."))
    }
}

func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?")
        .split(separator: " ").prefix(3).joined(separator: " ")
}

/// Wall-clock seconds of `body`; `cpu` gets the process's CPU seconds (user + system) meanwhile.
func seconds(cpu: inout Double, _ body: () throws -> Void) rethrows -> Double {
    func cpuNow() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    let cpuStart = cpuNow()
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    cpu = cpuNow() - cpuStart
    return wall
}

@main
struct TMBench {
    static func main() throws {
        // MARK: Arguments

        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let outPath = arguments.first, !outPath.hasPrefix("--") else {
            FileHandle.standardError.write("usage: TMBench OUT [--units N] [--queries N] [--seed N] [--runs N] [--near F]\n".data(using: .utf8)!)
            exit(2)
        }
        arguments.removeFirst()
        func option(_ name: String, _ fallback: Double) -> Double {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
                  let value = Double(arguments[index + 1]) else { return fallback }
            return value
        }
        let unitCount = Int(option("--units", 200_000))
        let queryCount = Int(option("--queries", 1_000))
        let seed = UInt64(option("--seed", 2024))
        let runs = max(1, Int(option("--runs", 5)))
        let nearShare = option("--near", 0.4)
        let out = URL(fileURLWithPath: outPath, isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)

        // MARK: Vocabulary

        var rng = SplitMix64(seed: seed)
        let functionWords = """
        the of to and a in is you that for it on with as your this be are or by at from can an not will \
        have if all each before after when which more this these into then must should use them their one \
        two new how what where any may out up about only other also select click open check
        """.split(separator: " ").map(String.init)
        let onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
                      "br", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "st", "th", "tr", "ch"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
        let codas = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "ng"]
        var seen = Set(functionWords)
        var contentWords: [String] = []
        while contentWords.count < 4_000 {
            let syllables = Int.random(in: 1...4, using: &rng)
            var word = ""
            for _ in 0..<syllables {
                word += onsets.randomElement(using: &rng)! + vowels.randomElement(using: &rng)! + codas.randomElement(using: &rng)!
            }
            if seen.insert(word).inserted { contentWords.append(word) }
        }
        let vocabulary = functionWords + contentWords
        // Zipf-like: weight 1 / (rank + 2.7).
        var cumulative: [Double] = []
        var total = 0.0
        for rank in vocabulary.indices {
            total += 1.0 / (Double(rank) + 2.7)
            cumulative.append(total)
        }
        func randomWord(_ rng: inout SplitMix64) -> String {
            let x = Double.random(in: 0..<total, using: &rng)
            var low = 0, high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] < x { low = mid + 1 } else { high = mid }
            }
            return vocabulary[low]
        }

        func randomSentence(_ rng: inout SplitMix64) -> Sentence {
            let kind = Double.random(in: 0..<1, using: &rng)
            let length = kind < 0.25 ? Int.random(in: 2...6, using: &rng)
                : kind < 0.75 ? Int.random(in: 7...16, using: &rng) : Int.random(in: 17...30, using: &rng)
            var words = (0..<length).map { _ in randomWord(&rng) }
            if Double.random(in: 0..<1, using: &rng) < 0.08 {
                words[Int.random(in: 0..<length, using: &rng)] = String(Int.random(in: 1...120, using: &rng))
            }
            let decoration = Double.random(in: 0..<1, using: &rng)
            let markup = decoration < 0.10 ? 1 : decoration < 0.14 ? 2 : decoration < 0.18 ? 3 : 0
            return Sentence(words: words, heading: kind < 0.25, markup: markup,
                            markupAt: Int.random(in: 0..<length, using: &rng), seed: rng.next())
        }

        // MARK: Data

        let generationStart = Date()
        var sentences: [Sentence] = []
        sentences.reserveCapacity(unitCount)
        for _ in 0..<unitCount { sentences.append(randomSentence(&rng)) }
        let entries = sentences.map { sentence -> TranslationMemoryEntry in
            let (source, target) = sentence.render()
            return TranslationMemoryEntry(source: source, target: target, sourceLocale: "en", targetLocale: "ar",
                                          origin: "bench", created: nil)
        }

        var queryRNG = SplitMix64(seed: seed &+ 1)
        var queries: [(text: String, original: String?)] = []
        let nearCount = Int((Double(queryCount) * nearShare).rounded())
        for _ in 0..<nearCount {
            var sentence = sentences[Int.random(in: 0..<sentences.count, using: &queryRNG)]
            let original = sentence.render().source
            let edits = max(1, sentence.words.count / 8)
            for _ in 0..<edits {
                let position = Int.random(in: 0..<sentence.words.count, using: &queryRNG)
                let action = Double.random(in: 0..<1, using: &queryRNG)
                if action < 0.6 || sentence.words.count < 3 {
                    sentence.words[position] = randomWord(&queryRNG)
                } else if action < 0.8 {
                    sentence.words.remove(at: position)
                    if sentence.markupAt >= sentence.words.count { sentence.markupAt = 0 }
                } else {
                    sentence.words.insert(randomWord(&queryRNG), at: position)
                }
            }
            queries.append((sentence.render().source, original))
        }
        while queries.count < queryCount {
            queries.append((randomSentence(&queryRNG).render().source, nil))
        }
        queries.shuffle(using: &queryRNG)
        let sources = queries.map(\.text)

        func clean(_ text: String) -> String {
            guard text.utf8.contains(where: { $0 == 9 || $0 == 10 }) else { return text }
            return text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        }
        try entries.map { clean($0.source) + "\t" + clean($0.target) }.joined(separator: "\n")
            .appending("\n").write(to: out.appendingPathComponent("memory.tsv"), atomically: true, encoding: .utf8)
        try sources.map(clean).joined(separator: "\n").appending("\n")
            .write(to: out.appendingPathComponent("queries.txt"), atomically: true, encoding: .utf8)
        let distinctWords = Set(sentences.flatMap(\.words)).count
        print(String(format: "data: %d units (%d distinct words), %d queries (%d near-duplicates), generated in %.1f s",
                     entries.count, distinctWords, sources.count, nearCount, Date().timeIntervalSince(generationStart)))

        // MARK: Import

        let file = out.appendingPathComponent("memory.sqlite")
        // --reuse: keep the memory of an earlier run with the same arguments (to time lookups only).
        let reuse = arguments.contains("--reuse") && FileManager.default.fileExists(atPath: file.path)
        if !reuse {
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: file.path + suffix)
            }
        }
        
        var added = 0
        var importCPU = 0.0
        let importSeconds = try seconds(cpu: &importCPU) {
            let memory = try TranslationMemory(url: file)
            added = reuse ? try memory.count : try memory.add(entries)
        }
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        print(String(format: "import: %d units added (of %d) in %.2f s (CPU %.2f s), %.0f units/s; memory.sqlite %.1f MB",
                     added, entries.count, importSeconds, importCPU, Double(entries.count) / importSeconds, Double(fileBytes) / 1e6))

        // MARK: Lookups

        var times: [Double] = []
        var cpuTimes: [Double] = []
        var results: [[MemoryMatch]] = []
        for run in 1...runs {
            let memory = try TranslationMemory(url: file)  // a new memory: no cached word counts
            var cpu = 0.0
            let time = try seconds(cpu: &cpu) {
                results = try memory.suggestions(for: sources, from: "en", to: "ar", threshold: 75, limit: 3)
            }
            times.append(time)
            cpuTimes.append(cpu)
            print(String(format: "lookup run %d: %.3f s (CPU %.3f s; load average %@)", run, time, cpu, loadAverage()))
        }
        let sorted = times.sorted()
        let median = sorted[sorted.count / 2]

        var withSuggestion = 0, exact = 0, nearFound = 0, nearWithAny = 0, novelWithAny = 0, nearEligible = 0
        for (index, matches) in results.enumerated() {
            if !matches.isEmpty { withSuggestion += 1 }
            if matches.contains(where: \.isExact) { exact += 1 }
            if let original = queries[index].original {
                if !matches.isEmpty { nearWithAny += 1 }
                // Recall: a near-duplicate whose original scores at least 75 should get it, or
                // something at least as close.
                let expected = TranslationMemory.similarity(sources[index], original)
                if expected >= 75 {
                    nearEligible += 1
                    if matches.contains(where: { $0.entry.source == original || $0.score >= expected }) { nearFound += 1 }
                }
            } else if !matches.isEmpty {
                novelWithAny += 1
            }
        }
        let scores = results.compactMap { $0.first?.score }
        print("suggestions: \(withSuggestion) of \(sources.count) strings got at least one (\(exact) exact); "
              + "near-duplicates: \(nearWithAny) of \(nearCount) got one; recall: \(nearFound) of the \(nearEligible) whose original scores 75 or more got it (or a closer unit); "
              + "new strings: \(novelWithAny) of \(sources.count - nearCount) got one")
        if !scores.isEmpty {
            print("best scores: min \(scores.min()!), median \(scores.sorted()[scores.count / 2]), max \(scores.max()!)")
        }
        print(String(format: "lookup: median %.3f s (min %.3f, max %.3f) over %d runs for %d strings against %d units",
                     median, sorted.first!, sorted.last!, runs, sources.count, added))

        let report: [String: Any] = [
            "units": entries.count, "added": added, "queries": sources.count, "near_duplicates": nearCount,
            "import_s": importSeconds, "import_cpu_s": importCPU, "lookup_s": times, "lookup_cpu_s": cpuTimes, "lookup_median_s": median,
            "with_suggestion": withSuggestion, "exact": exact, "near_with_suggestion": nearWithAny,
            "near_original_found": nearFound, "near_eligible": nearEligible, "novel_with_suggestion": novelWithAny, "file_bytes": fileBytes,
        ]
        let json = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
        try json.write(to: out.appendingPathComponent("tm-ours.json"))
    }
}
