import Foundation
import GRDB

/// The per-user translation memory: translations of earlier modules, found again for new texts.
///
/// One SQLite file (WAL, so several `coursepack` processes can read while one writes) with:
/// - `segment`: one row per distinct source text in a source language (its normalized text, the
///   hash of it, its number of words);
/// - `unit`: one row per translation of a segment, unique on (segment, target language, hash of
///   the normalized target);
/// - `segment_words`: a contentless FTS5 index over each segment's plain words (folded:
///   lowercase, without diacritics), where fuzzy matching finds its candidates;
/// - `segment_vocab`: the index's vocabulary, whose document counts pick a query's rarest words
///   and weigh them.
///
/// Exact matches compare the normalized source (NFC, whitespace collapsed, case and markup kept)
/// by its hash. Fuzzy matches: FTS5 lists the segments holding each of the text's rarest words
/// (within a budget of postings), the segments are ranked by the summed bm25 IDF of the words
/// they share, and the best 30 are scored by a word-level Levenshtein ratio over the plain words
/// (markup stripped with `InlineMarkup.plainText`), less small penalties when the markup or the
/// numbers differ.
public final class TranslationMemory: Sendable {
    private let writer: any DatabaseWriter
    private let path: String?
    private let frequencies = FrequencyCache()

    /// How many segments the ranking passes on to scoring, at least.
    static let candidateCount = 30
    /// How many ranked segments scoring may go through, looking for `candidateCount` with a
    /// translation in the pair asked for.
    static let rankedCount = 4 * candidateCount
    /// Most words looked up for one text.
    static let maximumTerms = 32
    /// The postings (segments listed for the words looked up, summed) one text may read: words
    /// join, rarest first, while the total stays under this; the rarest word always does. A
    /// text's d + 1 rarest words, d = n(1 − t)/t for n words and threshold t, are enough for
    /// every segment that can reach the threshold to share one; the budget trades that certainty
    /// for speed only when all of them are common words.
    static let postingBudget = 6_000

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
            // Lookups read pages all over the file: mapped, they cost no system call each.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 1073741824")
        }
        // Two commands creating the same new memory at once would both create its tables: the
        // memory's lock makes the second wait and find them made.
        let lock: FileLock
        do { lock = try FileLock.memory(url) } catch { throw TranslationMemoryError(error.description, path: path) }
        defer { withExtendedLifetime(lock) {} }
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
        migrator.registerMigration("v1: segments, units, words") { db in
            try db.execute(sql: """
                CREATE TABLE segment (
                    id INTEGER PRIMARY KEY,
                    source_language TEXT NOT NULL,  -- the source locale, lowercased
                    source_hash TEXT NOT NULL,      -- of the normalized source
                    source TEXT NOT NULL,           -- normalized
                    word_count INTEGER NOT NULL     -- of its plain words
                );
                CREATE UNIQUE INDEX segment_identity ON segment(source_hash, source_language);
                CREATE TABLE unit (
                    id INTEGER PRIMARY KEY,
                    segment_id INTEGER NOT NULL REFERENCES segment(id),
                    source TEXT NOT NULL,           -- as added
                    target TEXT NOT NULL,
                    source_locale TEXT NOT NULL,
                    target_locale TEXT NOT NULL,
                    target_language TEXT NOT NULL,  -- the target locale, lowercased
                    target_hash TEXT NOT NULL,      -- of the normalized target
                    origin TEXT,
                    created TEXT
                );
                CREATE UNIQUE INDEX unit_identity ON unit(segment_id, target_language, target_hash);
                CREATE VIRTUAL TABLE segment_words USING fts5(
                    words, content = '', detail = none,
                    tokenize = 'unicode61 remove_diacritics 2 categories ''L* N* Co M*''');
                CREATE VIRTUAL TABLE segment_vocab USING fts5vocab(segment_words, row);
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
    /// locale pair and normalized target) is kept as it is. Entries with an empty source, target or
    /// locale are skipped.
    @discardableResult
    public func add(_ entries: [TranslationMemoryEntry]) throws -> Int {
        let rows = Self.prepare(entries)
        guard !rows.isEmpty else { return 0 }
        do {
            let added = try writer.write { db -> Int in
                let insertSegment = try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO segment (source_language, source_hash, source, word_count) VALUES (?, ?, ?, ?)
                    """)
                let findSegment = try db.cachedStatement(sql: """
                    SELECT id FROM segment WHERE source_hash = ? AND source_language = ?
                    """)
                let insertWords = try db.cachedStatement(sql: "INSERT INTO segment_words (rowid, words) VALUES (?, ?)")
                let insertUnit = try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO unit (segment_id, source, target, source_locale, target_locale,
                                                target_language, target_hash, origin, created)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                var added = 0
                for row in rows {
                    let entry = row.entry
                    try insertSegment.execute(arguments: [row.sourceLanguage, row.sourceHash, row.source, row.wordCount])
                    let segment: Int64
                    if db.changesCount > 0 {
                        segment = db.lastInsertedRowID
                        try insertWords.execute(arguments: [segment, row.words])
                    } else {
                        segment = try Int64.fetchOne(findSegment, arguments: [row.sourceHash, row.sourceLanguage]) ?? 0
                    }
                    try insertUnit.execute(arguments: [
                        segment, entry.source, entry.target, entry.sourceLocale, entry.targetLocale,
                        row.targetLanguage, row.targetHash, entry.origin, entry.created,
                    ])
                    if db.changesCount > 0 { added += 1 }
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
        var source: String
        var sourceLanguage: String
        var targetLanguage: String
        var sourceHash: String
        var targetHash: String
        var words: String
        var wordCount: Int
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
            let words = MemoryText.words(ofPlain: MemoryText.plainText(source)).map(\.folded)
            slots[index] = PreparedRow(entry: entry, source: source,
                                       sourceLanguage: LanguageTag.normalized(entry.sourceLocale),
                                       targetLanguage: LanguageTag.normalized(entry.targetLocale),
                                       sourceHash: MemoryText.hash(ofNormalized: source),
                                       targetHash: MemoryText.hash(ofNormalized: target),
                                       words: words.joined(separator: " "), wordCount: words.count)
        }
        return slots.values.compactMap { $0 }
    }

    // MARK: Looking up

    /// The units whose normalized source is `source`'s, in the locale pair (tags compared
    /// case-insensitively, whole), newest first; score 100.
    public func exact(_ source: String, from sourceLocale: String, to targetLocale: String) throws -> [MemoryMatch] {
        let query = Query(source)
        let pair = LocalePair(sourceLocale, targetLocale)
        return try read("search") { db in try exactMatches(db, query, pair: pair) }
    }

    /// Units whose source is close to `source` (score at least `threshold`, 0...100), best first,
    /// at most `limit`; exact matches are left out (see `exact`).
    public func fuzzy(_ source: String, from sourceLocale: String, to targetLocale: String,
                      threshold: Int = 75, limit: Int = 5) throws -> [MemoryMatch] {
        guard limit > 0 else { return [] }
        let query = Query(source)
        let pair = LocalePair(sourceLocale, targetLocale)
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
        let pair = LocalePair(sourceLocale, targetLocale)
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

    /// The score fuzzy matching gives `text` against `other`: 100 when they are equal once
    /// normalized (an exact match), else 0...99 (0 when either has no words).
    public static func similarity(_ text: String, _ other: String) -> Int {
        let a = MemoryText.normalized(text)
        let b = MemoryText.normalized(other)
        if a == b { return 100 }
        var dictionary: [String: Int] = [:]
        let words = MemoryText.words(ofPlain: MemoryText.plainText(a))
        let vector = WordVector(words, dictionary: &dictionary)
        var codes: [String]? = nil
        let score = MemoryText.score(query: vector, queryNumbers: MemoryText.numbers(in: words), queryText: a,
                                     queryCodes: &codes, candidate: MemoryText.words(ofPlain: MemoryText.plainText(b)),
                                     candidateText: b, dictionary: &dictionary, threshold: 0)
        return max(score ?? 0, 0)
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

    /// A locale pair as looked up (`LanguageTag`): a stored source language matches when either tag
    /// covers the other (`en`, `en-US`: both English sources); a stored target matches when the
    /// pair's target covers it (`ar` takes `ar-SA` and `ar-EG`; `fa-AF` does not take `fa`). The SQL
    /// narrows by prefix (`LIKE 'ar_%'`, `_` standing for `-` or `_`); `matches` decides.
    private struct LocalePair: Sendable {
        var source: String
        var target: String
        /// The source's language subtag, for the SQL prefix: any tag of the language may match.
        var sourceLanguage: String

        init(_ source: String, _ target: String) {
            self.source = LanguageTag.normalized(source)
            self.target = LanguageTag.normalized(target)
            sourceLanguage = String(self.source.prefix { $0 != "-" })
        }

        var sourcePattern: String { sourceLanguage + "_%" }
        var targetPattern: String { target + "_%" }

        func matches(source stored: String, target storedTarget: String) -> Bool {
            (stored == source || LanguageTag.sameSource(source, stored))
                && (storedTarget == target || LanguageTag.covers(target, storedTarget))
        }

        /// Matches in the pair's own tags first.
        func rank(source stored: String, target storedTarget: String) -> Int {
            (LanguageTag.normalized(storedTarget) == target ? 0 : 2) + (LanguageTag.normalized(stored) == source ? 0 : 1)
        }
    }

    /// A text looked up: its normalized form, hash and plain words.
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

    private func exactMatches(_ db: Database, _ query: Query, pair: LocalePair) throws -> [MemoryMatch] {
        guard !query.normalized.isEmpty else { return [] }
        let statement = try db.cachedStatement(sql: """
            SELECT s.source AS normalized, s.source_language, u.target_language,
                   u.source, u.target, u.source_locale, u.target_locale, u.origin, u.created
            FROM segment AS s JOIN unit AS u ON u.segment_id = s.id
            WHERE s.source_hash = ? AND (s.source_language = ? OR s.source_language LIKE ?)
              AND (u.target_language = ? OR u.target_language LIKE ?)
            ORDER BY u.id DESC
            """)
        let rows = try Row.fetchAll(statement, arguments: [query.hash, pair.sourceLanguage, pair.sourcePattern,
                                                           pair.target, pair.targetPattern])
        var ranked: [(match: MemoryMatch, rank: Int)] = []
        for row in rows {
            let normalized: String = row["normalized"]
            guard normalized == query.normalized else { continue }  // a hash collision
            let source: String = row["source_language"], target: String = row["target_language"]
            guard pair.matches(source: LanguageTag.normalized(source), target: LanguageTag.normalized(target)) else { continue }
            ranked.append((MemoryMatch(entry: Self.entry(row), score: 100, isExact: true), pair.rank(source: source, target: target)))
        }
        // Stable: newest first within each rank.
        return ranked.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.match)
    }

    private func fuzzyMatches(_ db: Database, _ query: Query, pair: LocalePair,
                              threshold: Int, limit: Int) throws -> [MemoryMatch] {
        guard limit > 0, !query.words.isEmpty else { return [] }
        let threshold = min(max(threshold, 0), 100)
        let ranked = try rankedSegments(db, query, pair: pair, threshold: threshold)
        guard !ranked.isEmpty else { return [] }

        var dictionary: [String: Int] = [:]
        let queryVector = WordVector(query.words, dictionary: &dictionary)
        let queryNumbers = MemoryText.numbers(in: query.words)
        var queryCodes: [String]? = nil
        let n = query.words.count

        // Segments in rank order, a batch at a time, until enough of them have a translation in
        // the pair (segments of other pairs share the index).
        let batchSize = Self.candidateCount
        let statement = try db.cachedStatement(sql: """
            SELECT s.id AS segment, s.source AS normalized, s.source_hash, s.word_count, s.source_language, u.target_language,
                   u.id, u.source, u.target, u.source_locale, u.target_locale, u.origin, u.created
            FROM segment AS s JOIN unit AS u ON u.segment_id = s.id
            WHERE s.id IN (\(Array(repeating: "?", count: batchSize).joined(separator: ", ")))
              AND (s.source_language = ? OR s.source_language LIKE ?) AND (u.target_language = ? OR u.target_language LIKE ?)
            """)
        var scored: [(match: MemoryMatch, rank: Int, id: Int64)] = []
        var segmentsInPair = 0
        var start = 0
        while start < ranked.count && segmentsInPair < Self.candidateCount && start < Self.rankedCount {
            let batch = ranked[start..<min(start + batchSize, ranked.count)]
            var arguments = StatementArguments(batch.map(\.segment))
            arguments += StatementArguments(Array(repeating: Int64(0), count: batchSize - batch.count))
            arguments += [pair.sourceLanguage, pair.sourcePattern, pair.target, pair.targetPattern]
            let rows = try Row.fetchAll(statement, arguments: arguments).filter { row in
                pair.matches(source: LanguageTag.normalized(row["source_language"]), target: LanguageTag.normalized(row["target_language"]))
            }
            var rankOf: [Int64: Int] = [:]
            for (offset, candidate) in batch.enumerated() { rankOf[candidate.segment] = start + offset }
            var scores: [Int64: Int?] = [:]  // per segment: its score, nil when under the threshold
            for row in rows {
                let segment: Int64 = row["segment"]
                let score: Int?
                if let known = scores[segment] {
                    score = known
                } else {
                    segmentsInPair += 1
                    score = try similarity(row, query: query, queryVector: queryVector, n: n,
                                           numbers: queryNumbers, codes: &queryCodes,
                                           dictionary: &dictionary, threshold: threshold)
                    scores[segment] = score
                }
                guard let score else { continue }
                scored.append((MemoryMatch(entry: Self.entry(row), score: score, isExact: false),
                               rankOf[segment] ?? 0, row["id"]))
            }
            start += batchSize
        }
        scored.sort {
            if $0.match.score != $1.match.score { return $0.match.score > $1.match.score }
            if $0.rank != $1.rank { return $0.rank < $1.rank }
            return $0.id > $1.id
        }
        return scored.prefix(limit).map(\.match)
    }

    /// The score of a candidate segment's source against the query; nil under the threshold or
    /// for the query itself (an exact match).
    private func similarity(_ row: Row, query: Query, queryVector: WordVector, n: Int, numbers: [String],
                            codes queryCodes: inout [String]?, dictionary: inout [String: Int],
                            threshold: Int) throws -> Int? {
        let wordCount: Int = row["word_count"]
        let longest = max(wordCount, n)
        // No score can reach the threshold when the lengths alone differ too much.
        guard wordCount > 0, 100 * (longest - min(wordCount, n)) <= (100 - threshold) * longest else { return nil }
        let normalized: String = row["normalized"]
        let sourceHash: String = row["source_hash"]
        if sourceHash == query.hash && normalized == query.normalized { return nil }  // exact, not fuzzy
        let words = MemoryText.words(ofPlain: MemoryText.plainText(normalized))
        return MemoryText.score(query: queryVector, queryNumbers: numbers, queryText: query.normalized,
                                queryCodes: &queryCodes, candidate: words, candidateText: normalized,
                                dictionary: &dictionary, threshold: threshold)
    }

    /// Segments sharing the query's rarest words, best first by the summed IDF (as in bm25) of
    /// the words they share, at most `rankedCount`.
    ///
    /// Words are read rarest first: always the rarest, then more while their postings fit in
    /// `postingBudget`. When the words read are more than the `d` words a segment reaching the
    /// threshold may lack, a segment must share at least (read − d) of them.
    private func rankedSegments(_ db: Database, _ query: Query, pair: LocalePair,
                                threshold: Int) throws -> [(segment: Int64, weight: Double)] {
        var seen = Set<String>()
        var terms: [(term: String, documents: Int)] = []
        for word in query.words where seen.insert(word.folded).inserted {
            let documents = try documentCount(db, word.folded)
            if documents > 0 { terms.append((word.folded, documents)) }
        }
        guard !terms.isEmpty else { return [] }
        terms.sort { $0.documents != $1.documents ? $0.documents < $1.documents : $0.term.count > $1.term.count }

        var chosen = [terms[0]]
        var postings = terms[0].documents
        for term in terms.dropFirst() {
            guard chosen.count < Self.maximumTerms, postings + term.documents <= Self.postingBudget else { break }
            chosen.append(term)
            postings += term.documents
        }
        let n = query.words.count
        let misses = threshold <= 0 ? n : (n * (100 - threshold)) / threshold  // d, rounded down
        let required = max(1, chosen.count - misses)

        let total = Double(max(try segmentCount(db), 1))
        let statement = try db.cachedStatement(sql: "SELECT rowid FROM segment_words WHERE segment_words MATCH ? ORDER BY rowid")
        // Each word's segments, in rowid order (FTS5's order), then merged: the lists are read
        // and merged in order, where adding into a table by segment id would jump all over memory.
        var merge = PostingMerge()
        merge.postings.reserveCapacity(postings)
        for term in chosen {
            let documents = Double(term.documents)
            let start = merge.postings.count
            // Words are letters, marks and digits only; quoted, FTS5 reads them as words, never as operators.
            let cursor = try Int64.fetchCursor(statement, arguments: ["\"" + term.term + "\""])
            while let segment = try cursor.next() { merge.postings.append(segment) }
            merge.lists.append((start, merge.postings.count, log(1 + (total - documents + 0.5) / (documents + 0.5))))
        }
        return merge.best(required: required, capacity: Self.rankedCount)
    }


    /// In how many segments a folded word appears (0 when it is in none).
    private func documentCount(_ db: Database, _ term: String) throws -> Int {
        if let known = frequencies[term] { return known }
        let statement = try db.cachedStatement(sql: "SELECT doc FROM segment_vocab WHERE term = ?")
        let count = try Int.fetchOne(statement, arguments: [term]) ?? 0
        frequencies[term] = count
        return count
    }

    /// How many segments there are.
    private func segmentCount(_ db: Database) throws -> Int {
        let key = "\u{0}segments"
        if let known = frequencies[key] { return known }
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM segment") ?? 0
        frequencies[key] = count
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

/// A k-way merge of posting lists sorted by segment id (all in one array): for each segment in at
/// least `required` lists, the summed weight of the lists holding it; the best `capacity` kept.
struct PostingMerge {
    var postings: [Int64] = []
    /// Each list: its range in `postings` and its weight.
    var lists: [(start: Int, end: Int, weight: Double)] = []

    func best(required: Int, capacity: Int) -> [(segment: Int64, weight: Double)] {
        var best = TopSegments(capacity: capacity)
        postings.withUnsafeBufferPointer { postings in
            // A min-heap of (segment, list) over the lists' current heads.
            var heap: [(segment: Int64, list: Int)] = []
            heap.reserveCapacity(lists.count)
            var positions = lists.map(\.start)
            for (index, list) in lists.enumerated() where list.start < list.end {
                heap.append((postings[list.start], index))
            }
            func siftDown(_ start: Int) {
                var parent = start
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var least = parent
                    if left < heap.count && heap[left].segment < heap[least].segment { least = left }
                    if right < heap.count && heap[right].segment < heap[least].segment { least = right }
                    if least == parent { return }
                    heap.swapAt(parent, least)
                    parent = least
                }
            }
            for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
            while let top = heap.first {
                let segment = top.segment
                var weight = 0.0
                var count = 0
                while let head = heap.first, head.segment == segment {
                    weight += lists[head.list].weight
                    count += 1
                    let next = positions[head.list] + 1
                    positions[head.list] = next
                    if next < lists[head.list].end {
                        heap[0] = (postings[next], head.list)
                    } else {
                        heap[0] = heap[heap.count - 1]
                        heap.removeLast()
                    }
                    if heap.count > 1 { siftDown(0) }
                }
                if count >= required { best.insert(segment: segment, weight: weight) }
            }
        }
        return best.sorted()
    }
}

/// The best segments by weight (ties: the newer first), kept in a min-heap of fixed capacity.
struct TopSegments {
    typealias Item = (segment: Int64, weight: Double)
    let capacity: Int
    private var heap: [Item] = []

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    private static func less(_ a: Item, _ b: Item) -> Bool {
        a.weight != b.weight ? a.weight < b.weight : a.segment < b.segment
    }

    mutating func insert(segment: Int64, weight: Double) {
        let item = (segment: segment, weight: weight)
        if heap.count < capacity {
            heap.append(item)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.less(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        } else if let smallest = heap.first, Self.less(smallest, item) {
            heap[0] = item
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var least = parent
                if left < heap.count && Self.less(heap[left], heap[least]) { least = left }
                if right < heap.count && Self.less(heap[right], heap[least]) { least = right }
                guard least != parent else { break }
                heap.swapAt(parent, least)
                parent = least
            }
        }
    }

    /// Best first.
    func sorted() -> [Item] {
        heap.sorted { Self.less($1, $0) }
    }
}
