import CoursepackImport
import Foundation

/// The packages learners can open: the library's catalog, the version the admin chose for each (the
/// newest otherwise), and each version's course structure. The library is read on every call (another
/// instance, or `coursepack import`, may have added to it); structures of an installed version never
/// change, so they are kept once read.
public final class Catalog: @unchecked Sendable {
    public let libraryRoot: URL
    private let lock = NSLock()
    private var structures: [String: CourseStructure] = [:]

    public struct Package: Sendable {
        public let record: Library.Record
        public let structure: CourseStructure
        /// Every version in the library, oldest first.
        public let versions: [String]
        public var id: String { record.id }
        public var version: String { record.version }
    }

    public init(libraryRoot: URL) {
        self.libraryRoot = libraryRoot
    }

    private var opened: Library?

    /// The library, opened once (its catalog is read again on every call).
    func library() throws -> Library {
        lock.lock()
        defer { lock.unlock() }
        if let opened { return opened }
        let library = try Library(libraryRoot, create: true)
        opened = library
        return library
    }

    /// Every package at the version learners get.
    public func packages(choices: [String: String]) throws -> [Package] {
        let records = try library().list()
        let byID = Dictionary(grouping: records, by: \.id)
        return try byID.keys.sorted().compactMap { id in
            let versions = byID[id]!.sorted { Self.versionOrder($0.version, $1.version) }
            guard let chosen = versions.first(where: { $0.version == choices[id] }) ?? versions.last else { return nil }
            return Package(record: chosen, structure: try structure(of: chosen), versions: versions.map(\.version))
        }
    }

    public func package(id: String, choices: [String: String]) throws -> Package? {
        try packages(choices: choices).first { $0.id == id }
    }

    /// One exact version (a learner's attempt stays on the version it started with).
    public func package(id: String, version: String) throws -> Package? {
        let versions = try library().versions(of: id)
        guard let record = versions.first(where: { $0.version == version }) else { return nil }
        return Package(record: record, structure: try structure(of: record), versions: versions.map(\.version))
    }

    /// The course structure of one exact version. An installed version never changes, so once read it
    /// is answered from memory, without the library's catalog: an AU's statements ask on every request.
    public func structure(id: String, version: String) throws -> CourseStructure? {
        if let known = lock.withLock({ structures[Self.key(id, version)] }) { return known }
        return try package(id: id, version: version)?.structure
    }

    public func folder(of record: Library.Record) -> URL {
        libraryRoot.appendingPathComponent(record.folder)
    }

    func structure(of record: Library.Record) throws -> CourseStructure {
        let key = Self.key(record.id, record.version)
        lock.lock()
        if let known = structures[key] { lock.unlock(); return known }
        lock.unlock()
        let structure = try CourseStructure.read(folder: folder(of: record))
        lock.lock()
        structures[key] = structure
        lock.unlock()
        return structure
    }

    private static func key(_ id: String, _ version: String) -> String { id + "\u{0}" + version }

    /// Semantic versions by their numbers, anything else as text.
    static func versionOrder(_ a: String, _ b: String) -> Bool {
        let left = a.split(whereSeparator: { $0 == "." || $0 == "-" }).map { Int($0) }
        let right = b.split(whereSeparator: { $0 == "." || $0 == "-" }).map { Int($0) }
        if !left.contains(nil), !right.contains(nil) { return left.map { $0! }.lexicographicallyPrecedes(right.map { $0! }) }
        return a < b
    }
}
