import Foundation
import GRDB

/// The per-user translation memory: translations of earlier modules, found again for new texts.
///
/// One SQLite file (WAL, so several `coursepack` processes can read while one writes) with:
/// - `unit`: one row per translation, unique on (hash of the normalized source, locale pair,
///   hash of the normalized target);
/// - `unit_words`: a contentless FTS5 index over each unit's source words (folded) and its locale
///   pair (one token), where fuzzy matching finds its candidates;
/// - `unit_vocab`: the FTS5 vocabulary, whose document counts choose the query's rarest words.
///
/// Exact matches compare the normalized source (NFC, whitespace collapsed, case and markup kept)
/// by its hash. Fuzzy matches: the source's distinct words OR'ed in an FTS5 query (rarest first,
/// enough of them that every unit able to reach the threshold shares one), the best ~30 units by
/// bm25, each scored by a word-level Levenshtein ratio over the plain words (markup stripped with
/// `InlineMarkup.plainText`), less small penalties when the markup or the numbers differ.
public final class TranslationMemory: Sendable {
    private let writer: any DatabaseWriter
    private let path: String?
    private let frequencies = FrequencyCache()

    /// How many units bm25 passes on to scoring, at least.
    static let candidateCount = 30
    /// Most terms in one FTS5 query.
    static let maximumTerms = 32
    /// Beyond the words a match must share, further words join the query while the units they
    /// appear in, summed, stay under this: they refine bm25's order at little cost.
    static let termBudget = 4_000

    /// The per-user memory shared across modules: `$COURSEPACK_TM` if set, else
    /// `$XDG_DATA_HOME/coursepack/memory.sqlite`, else `~/.local/share/coursepack/memory.sqlite`.
    /// `init(url:)` creates it, with its folder, when missing.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        if let explicit = environment["COURSEPACK_TM"], !explicit.isEmpty {
            var path = explicit
            if path == "~" { path = home } else if path.hasPrefix("~/") { path = home + path.dropFirst(1) }
            return URL(fileURLWithPath: path).standardizedFileURL
        }
        // The XDG base directory specification: a relative XDG_DATA_HOME is invalid and ignored.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return URL(fileURLWithPath: data, isDirectory: true)
                .appendingPathComponent("coursepack", isDirectory: true)
                .appendingPathComponent("memory.sqlite").standardizedFileURL
        }
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/coursepack", isDirectory: true)
            .appendingPathComponent("memory.sqlite").standardizedFileURL
    }

    /// Opens the memory at `url`, creating the file and its folder when missing and bringing an
    /// older file's tables up to date. Throws `TranslationMemoryError` for a file that is not a
    /// translation memory (or is damaged), made by a newer coursepack, or cannot be written.
    public init(url: URL) throws {
        let path = url.path
        self.path = path
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
        } catch {
            throw TranslationMemoryError("cannot create the folder of the translation memory \(path): \(error.localizedDescription)", path: path)
        }
        var configuration = Configuration()
        configuration.label = "coursepack.memory"
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrate(pool, path: path)
            writer = pool
        } catch {
            throw TranslationMemoryError.cannotOpen(path, error)
        }
    }

    /// An empty memory that lives as long as the object: for tests.
    public init(inMemory: ()) throws {
        path = nil
        do {
            let queue = try DatabaseQueue()
            try Self.migrate(queue, path: nil)
            writer = queue
        } catch {
            throw TranslationMemoryError.failed("create", nil, error)
        }
    }

    // MARK: Schema

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: units, words, vocabulary") { db in
            try db.execute(sql: """
                CREATE TABLE unit (
                    id INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,
                    target TEXT NOT NULL,
                    source_locale TEXT NOT NULL,
                    target_locale TEXT NOT NULL,
                    pair TEXT NOT NULL,          -- lowercased "source>target"
                    source_hash TEXT NOT NULL,   -- of the normalized source
                    target_hash TEXT NOT NULL,   -- of the normalized target
                    origin TEXT,
                    created TEXT
                );
                CREATE UNIQUE INDEX unit_identity ON unit(source_hash, pair, target_hash);
                CREATE VIRTUAL TABLE unit_words USING fts5(
                    words, pair, content = '',
                    tokenize = 'unicode61 remove_diacritics 2 categories ''L* N* Co M*''');
                CREATE VIRTUAL TABLE unit_vocab USING fts5vocab(unit_words, row);
                """)
        }
        return migrator
    }

    private static func migrate(_ writer: some DatabaseWriter, path: String?) throws {
        let migrator = Self.migrator
        try writer.write { db in
            // Reading the schema is the first real read: a file that is not SQLite fails here.
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                """)
            if !tables.isEmpty && !tables.contains("grdb_migrations") {
                throw TranslationMemoryError(
                    "cannot open the translation memory \(path ?? ""): it is an SQLite database of something else (tables \(tables.prefix(5).joined(separator: ", "))); point COURSEPACK_TM at another file",
                    path: path)
            }
            if try migrator.hasBeenSuperseded(db) {
                throw TranslationMemoryError(
                    "cannot open the translation memory \(path ?? ""): it was written by a newer version of coursepack",
                    path: path)
            }
        }
        try migrator.migrate(writer)
    }

    // MARK: Adding

    /// Adds translations; returns how many were new. A unit already there (same normalized source,
    /// locale pair and normalized target) is kept as it is. Entries with an empty source or target
    /// are skipped.
    @discardableResult
    public func add(_ entries: [TranslationMemoryEntry]) throws -> Int {
        let rows = Self.prepare(entries)
        guard !rows.isEmpty else { return 0 }
        do {
            let added = try writer.write { db -> Int in
                let insertUnit = try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO unit
                        (source, target, source_locale, target_locale, pair, source_hash, target_hash, origin, created)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let insertWords = try db.cachedStatement(sql: "INSERT INTO unit_words (rowid, words, pair) VALUES (?, ?, ?)")
                var added = 0
                for row in rows {
                    let entry = row.entry
                    try insertUnit.execute(arguments: [
                        entry.source, entry.target, entry.sourceLocale, entry.targetLocale, row.pair,
                        row.sourceHash, row.targetHash, entry.origin, entry.created,
                    ])
                    guard db.changesCount > 0 else { continue }
                    try insertWords.execute(arguments: [db.lastInsertedRowID, row.words, row.pairToken])
                    added += 1
                }
                return added
            }
            if added > 0 { frequencies.removeAll() }
            return added
        } catch {
            throw TranslationMemoryError.failed("add to", path, error)
        }
    }

    private struct PreparedRow: Sendable {
        var entry: TranslationMemoryEntry
        var pair: String
        var pairToken: String
        var sourceHash: String
        var targetHash: String
        var words: String
    }

    /// Hashes and words of new entries, on every core for large imports.
    private static func prepare(_ entries: [TranslationMemoryEntry]) -> [PreparedRow] {
        let slots = Slots<PreparedRow?>(count: entries.count, initial: nil)
        concurrently(entries.count, minimumPerWorker: 2_000) { index in
            let entry = entries[index]
            let source = MemoryText.normalized(entry.source)
            let target = MemoryText.normalized(entry.target)
            guard !source.isEmpty, !target.isEmpty,
                  !entry.sourceLocale.isEmpty, !entry.targetLocale.isEmpty else { return }
            let pair = MemoryText.pairKey(from: entry.sourceLocale, to: entry.targetLocale)
            let words = MemoryText.words(ofPlain: MemoryText.plainText(source)).map(\.folded)
            slots[index] = PreparedRow(entry: entry, pair: pair, pairToken: MemoryText.pairToken(pair),
                                       sourceHash: MemoryText.hash(ofNormalized: source),
                                       targetHash: MemoryText.hash(ofNormalized: target),
                                       words: words.joined(separator: " "))
        }
        return slots.values.compactMap { $0 }
    }

    // MARK: Looking up

    /// The units whose normalized source is `source`'s, in the locale pair (tags compared
    /// case-insensitively, whole), newest first; score 100.
    public func exact(_ source: String, from sourceLocale: String, to targetLocale: String) throws -> [MemoryMatch] {
        let query = Query(source)
        let pair = MemoryText.pairKey(from: sourceLocale, to: targetLocale)
        return try read("search") { db in try exactMatches(db, query, pair: pair) }
    }

    /// Units whose source is close to `source` (score at least `threshold`, 0...100), best first,
    /// at most `limit`; exact matches are left out (see `exact`).
    public func fuzzy(_ source: String, from sourceLocale: String, to targetLocale: String,
                      threshold: Int = 75, limit: Int = 5) throws -> [MemoryMatch] {
        guard limit > 0 else { return [] }
        let query = Query(source)
        let pair = MemoryText.pairKey(from: sourceLocale, to: targetLocale)
        return try read("search") { db in
            try fuzzyMatches(db, query, pair: pair, threshold: threshold, limit: limit)
        }
    }

    /// For each source, its exact matches then its best fuzzy ones, at most `limit` in all: the
    /// suggestions for a batch of new texts, looked up on every core.
    public func suggestions(for sources: [String], from sourceLocale: String, to targetLocale: String,
                            threshold: Int = 75, limit: Int = 3) throws -> [[MemoryMatch]] {
        guard !sources.isEmpty else { return [] }
        guard limit > 0 else { return sources.map { _ in [] } }
        let pair = MemoryText.pairKey(from: sourceLocale, to: targetLocale)
        let results = Slots<[MemoryMatch]>(count: sources.count, initial: [])
        let failure = Slots<(any Error)?>(count: 1, initial: nil)
        let workers = Self.workerCount(sources.count, minimumPerWorker: 8)
        Self.concurrently(workers, minimumPerWorker: 1) { worker in
            do {
                try self.writer.read { db in
                    var index = worker
                    while index < sources.count {
                        let query = Query(sources[index])
                        var matches = try self.exactMatches(db, query, pair: pair)
                        if matches.count > limit { matches.removeLast(matches.count - limit) }
                        if matches.count < limit {
                            matches += try self.fuzzyMatches(db, query, pair: pair, threshold: threshold,
                                                             limit: limit - matches.count)
                        }
                        results[index] = matches
                        index += workers
                    }
                }
            } catch {
                failure[0] = error
            }
        }
        if let error = failure[0] { throw TranslationMemoryError.failed("search", path, error) }
        return results.values
    }

    /// Every unit, oldest first; `from`/`to` keep one source or target locale (case-insensitively).
    public func entries(from sourceLocale: String?, to targetLocale: String?) throws -> [TranslationMemoryEntry] {
        try read("read") { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let sourceLocale {
                conditions.append("lower(source_locale) = ?")
                arguments += [sourceLocale.lowercased()]
            }
            if let targetLocale {
                conditions.append("lower(target_locale) = ?")
                arguments += [targetLocale.lowercased()]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: """
                SELECT source, target, source_locale, target_locale, origin, created FROM unit \(filter) ORDER BY id
                """, arguments: arguments).map(Self.entry)
        }
    }

    /// How many units the memory holds.
    public var count: Int {
        get throws {
            try read("read") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit") ?? 0 }
        }
    }

    // MARK: Matching

    /// A text looked up: its normalized form, hash, plain words, numbers and (lazily) codes.
    private struct Query {
        var normalized: String
        var hash: String
        var words: [MemoryText.Word]

        init(_ source: String) {
            normalized = MemoryText.normalized(source)
            hash = MemoryText.hash(ofNormalized: normalized)
            words = MemoryText.words(ofPlain: MemoryText.plainText(normalized))
        }
    }

    private static func entry(_ row: Row) -> TranslationMemoryEntry {
        TranslationMemoryEntry(source: row["source"], target: row["target"],
                               sourceLocale: row["source_locale"], targetLocale: row["target_locale"],
                               origin: row["origin"], created: row["created"])
    }

    private func exactMatches(_ db: Database, _ query: Query, pair: String) throws -> [MemoryMatch] {
        guard !query.normalized.isEmpty else { return [] }
        let statement = try db.cachedStatement(sql: """
            SELECT source, target, source_locale, target_locale, origin, created
            FROM unit WHERE source_hash = ? AND pair = ? ORDER BY id DESC
            """)
        return try Row.fetchAll(statement, arguments: [query.hash, pair]).compactMap { row in
            let entry = Self.entry(row)
            guard MemoryText.normalized(entry.source) == query.normalized else { return nil }  // a hash collision
            return MemoryMatch(entry: entry, score: 100, isExact: true)
        }
    }

    private func fuzzyMatches(_ db: Database, _ query: Query, pair: String,
                              threshold: Int, limit: Int) throws -> [MemoryMatch] {
        guard limit > 0, !query.words.isEmpty else { return [] }
        let threshold = min(max(threshold, 0), 100)
        guard let match = try ftsQuery(db, query, pair: pair, threshold: threshold) else { return [] }

        let statement = try db.cachedStatement(sql: """
            SELECT u.id, u.source, u.target, u.source_locale, u.target_locale, u.origin, u.created,
                   u.source_hash, u.pair
            FROM (SELECT rowid AS hit, bm25(unit_words, 1.0, 0.0) AS rank
                  FROM unit_words WHERE unit_words MATCH ? ORDER BY rank LIMIT ?) AS m
            JOIN unit AS u ON u.id = m.hit
            ORDER BY m.rank
            """)
        let rows = try Row.fetchAll(statement, arguments: [match, max(Self.candidateCount, 6 * limit)])

        var dictionary: [String: Int] = [:]
        let queryVector = WordVector(query.words, dictionary: &dictionary)
        let queryNumbers = MemoryText.numbers(in: query.words)
        var queryCodes: [String]? = nil
        var scored: [(match: MemoryMatch, id: Int64)] = []
        for row in rows {
            let source: String = row["source"]
            let sourceHash: String = row["source_hash"]
            let rowPair: String = row["pair"]
            guard rowPair == pair else { continue }
            let normalized = MemoryText.normalized(source)
            if sourceHash == query.hash && normalized == query.normalized { continue }  // exact, not fuzzy
            let words = MemoryText.words(ofPlain: MemoryText.plainText(normalized))
            guard !words.isEmpty else { continue }
            let longest = max(words.count, queryVector.ids.count)
            // No score can reach the threshold when the lengths alone differ too much.
            if 100 * (longest - min(words.count, queryVector.ids.count)) > (100 - threshold) * longest { continue }
            let vector = WordVector(words, dictionary: &dictionary)
            let distance = MemoryText.distance(queryVector.ids, queryVector.raw, vector.ids, vector.raw)
            let scale = MemoryText.wordCost * longest
            var score = (100 * (scale - distance)) / scale  // rounded down
            if score < threshold { continue }
            if MemoryText.numbers(in: words) != queryNumbers { score -= MemoryText.numberPenalty }
            if queryCodes == nil { queryCodes = MemoryText.codes(query.normalized) }
            if MemoryText.codes(normalized) != queryCodes { score -= MemoryText.markupPenalty }
            score = min(score, 99)
            guard score >= threshold else { continue }
            let id: Int64 = row["id"]
            scored.append((MemoryMatch(entry: Self.entry(row), score: score, isExact: false), id))
        }
        scored.sort { $0.match.score != $1.match.score ? $0.match.score > $1.match.score : $0.id > $1.id }
        return scored.prefix(limit).map(\.match)
    }

    /// The FTS5 query for a text: its distinct folded words, quoted, rarest first. Every unit that
    /// can score `threshold` lacks at most `d` of the text's n words, d = n(1 − t)/t (t the threshold
    /// as a fraction), so the d + 1 rarest words find all of them; more words join while they are
    /// rare enough to be cheap. At most `maximumTerms`. Nil when the text has no words.
    private func ftsQuery(_ db: Database, _ query: Query, pair: String, threshold: Int) throws -> String? {
        var seen = Set<String>()
        var terms: [(term: String, documents: Int)] = []
        for word in query.words where seen.insert(word.folded).inserted {
            terms.append((word.folded, try documentCount(db, word.folded)))
        }
        guard !terms.isEmpty else { return nil }
        terms.sort { $0.documents != $1.documents ? $0.documents < $1.documents : $0.term.count > $1.term.count }

        let n = query.words.count
        let needed: Int
        if threshold <= 0 {
            needed = terms.count
        } else {
            let misses = (n * (100 - threshold)) / threshold  // rounded down
            needed = min(terms.count, misses + 1)
        }
        var chosen = Array(terms.prefix(min(needed, Self.maximumTerms)))
        var total = chosen.reduce(0) { $0 + $1.documents }
        for term in terms.dropFirst(chosen.count) {
            guard chosen.count < Self.maximumTerms, total + term.documents <= Self.termBudget else { break }
            chosen.append(term)
            total += term.documents
        }
        let words = chosen.map { "\"" + $0.term.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return "words : (" + words.joined(separator: " OR ") + ") AND pair : \"" + MemoryText.pairToken(pair) + "\""
    }

    /// In how many units a folded word appears (0 when it is in none).
    private func documentCount(_ db: Database, _ term: String) throws -> Int {
        if let known = frequencies[term] { return known }
        let statement = try db.cachedStatement(sql: "SELECT doc FROM unit_vocab WHERE term = ?")
        let count = try Int.fetchOne(statement, arguments: [term]) ?? 0
        frequencies[term] = count
        return count
    }

    // MARK: Plumbing

    private func read<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch {
            throw TranslationMemoryError.failed(action, path, error)
        }
    }

    private static func workerCount(_ items: Int, minimumPerWorker: Int) -> Int {
        max(1, min(ProcessInfo.processInfo.activeProcessorCount, items / max(minimumPerWorker, 1)))
    }

    /// Runs `body` for 0..<count on the machine's cores (in order on one thread for small counts).
    private static func concurrently(_ count: Int, minimumPerWorker: Int, _ body: (Int) -> Void) {
        let workers = workerCount(count, minimumPerWorker: minimumPerWorker)
        if workers <= 1 {
            for index in 0..<count { body(index) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < count {
                    box.value(index)
                    index += workers
                }
            }
        }
    }
}

/// An array written from several threads, each index by one thread only.
private final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value]
    private let lock = NSLock()

    init(count: Int, initial: Value) { storage = Array(repeating: initial, count: count) }

    subscript(index: Int) -> Value {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value] { lock.withLock { storage } }
}

private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Document counts of words, shared by lookups until the next addition.
private final class FrequencyCache: @unchecked Sendable {
    private var counts: [String: Int] = [:]
    private let lock = NSLock()

    subscript(term: String) -> Int? {
        get { lock.withLock { counts[term] } }
        set {
            lock.withLock {
                if counts.count >= 500_000 { counts.removeAll(keepingCapacity: true) }
                counts[term] = newValue
            }
        }
    }

    func removeAll() { lock.withLock { counts.removeAll() } }
}
