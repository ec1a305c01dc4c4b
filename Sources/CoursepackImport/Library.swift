import Foundation
import GRDB

/// A library of imported packages: a folder with each package unpacked under its identity and version
/// (`packages/<id>/<version>/`), and an SQLite catalog (`catalog.sqlite`) of what is there. Imports and
/// removals hold a lock on the library and change it atomically: the catalog row and the folder's
/// rename are one transaction, and a failed or interrupted import leaves the library as it was.
public final class Library {
    public let root: URL
    let database: DatabaseQueue

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    public struct Record: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
        public static let databaseTableName = "package"
        public var id: String
        public var version: String
        public var kind: String
        public var edition: String
        public var title: String?
        public var identifier: String?
        /// Relative to the library's root.
        public var folder: String
        public var launch: String?
        public var files: Int
        public var size: Int64
        public var importedAt: String
        public var signedBy: String?
    }

    public struct LaunchableRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
        public static let databaseTableName = "launchable"
        public var packageID: String
        public var version: String
        public var position: Int
        public var id: String
        public var title: String
        public var kind: String
        public var launch: String?
    }

    public init(_ root: URL, create: Bool) throws(Failure) {
        self.root = root
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder) {
            guard create else { throw Failure("\(root.path): no library here (coursepack import creates one)") }
            do { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) } catch {
                throw Failure("cannot create the library \(root.path): \(error.localizedDescription)")
            }
        } else if !isFolder.boolValue {
            throw Failure("\(root.path) is not a folder")
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            database = try DatabaseQueue(path: root.appendingPathComponent("catalog.sqlite").path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw Failure("\(root.path)/catalog.sqlite cannot be opened: \(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "package") { table in
                table.column("id", .text).notNull()
                table.column("version", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("edition", .text).notNull()
                table.column("title", .text)
                table.column("identifier", .text)
                table.column("folder", .text).notNull()
                table.column("launch", .text)
                table.column("files", .integer).notNull()
                table.column("size", .integer).notNull()
                table.column("importedAt", .text).notNull()
                table.column("signedBy", .text)
                table.primaryKey(["id", "version"])
            }
            try db.create(table: "launchable") { table in
                table.column("packageID", .text).notNull()
                table.column("version", .text).notNull()
                table.column("position", .integer).notNull()
                table.column("id", .text).notNull()
                table.column("title", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("launch", .text)
                table.primaryKey(["packageID", "version", "position"])
                table.foreignKey(["packageID", "version"], references: "package", onDelete: .cascade)
            }
        }
        return migrator
    }

    public func list() throws(Failure) -> [Record] {
        do { return try database.read { try Record.order(Column("id"), Column("version")).fetchAll($0) } } catch {
            throw Failure("the catalog cannot be read: \(error)")
        }
    }

    public func versions(of id: String) throws(Failure) -> [Record] {
        do { return try database.read { try Record.filter(Column("id") == id).order(Column("version")).fetchAll($0) } } catch {
            throw Failure("the catalog cannot be read: \(error)")
        }
    }

    public func launchables(of record: Record) throws(Failure) -> [LaunchableRecord] {
        do {
            return try database.read {
                try LaunchableRecord.filter(Column("packageID") == record.id && Column("version") == record.version)
                    .order(Column("position")).fetchAll($0)
            }
        } catch { throw Failure("the catalog cannot be read: \(error)") }
    }

    /// Removes one version (or every version) of a package: the rows and the folders go together.
    public func remove(id: String, version: String?) throws(Failure) -> [Record] {
        try withLock { () throws(Failure) -> [Record] in
            let records = try versions(of: id).filter { version == nil || $0.version == version }
            guard !records.isEmpty else {
                throw Failure(version.map { "\(id) \($0) is not in the library" } ?? "\(id) is not in the library")
            }
            let trash = root.appendingPathComponent(".trash-\(UUID().uuidString)")
            do {
                try database.write { db in
                    try FileManager.default.createDirectory(at: trash, withIntermediateDirectories: true)
                    for (index, record) in records.enumerated() {
                        _ = try Record.deleteOne(db, key: ["id": record.id, "version": record.version])
                        try FileManager.default.moveItem(at: root.appendingPathComponent(record.folder),
                                                         to: trash.appendingPathComponent("\(index)"))
                    }
                }
            } catch {
                // The rows are back (the transaction rolled back); put back any folder already moved.
                for (index, record) in records.enumerated() {
                    try? FileManager.default.moveItem(at: trash.appendingPathComponent("\(index)"), to: root.appendingPathComponent(record.folder))
                }
                try? FileManager.default.removeItem(at: trash)
                throw Failure("cannot remove \(id): \(error)")
            }
            try? FileManager.default.removeItem(at: trash)
            return records
        }
    }

    /// Runs `body` holding the library's lock (an flock on `.lock`), waiting for another command's.
    func withLock<T>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        let path = root.appendingPathComponent(".lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure("cannot lock the library: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw Failure("cannot lock the library: \(String(cString: strerror(errno)))") }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// A name that is safe as one folder name: letters, digits, '.', '-', '_' kept, anything else %XX.
    static func folderName(_ text: String) -> String {
        var name = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || (byte == UInt8(ascii: ".") && !name.isEmpty) {
                name.unicodeScalars.append(scalar)
            } else {
                name += String(format: "%%%02X", byte)
            }
        }
        return name.isEmpty ? "_" : String(name.prefix(200))
    }
}
