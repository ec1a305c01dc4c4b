import ArgumentParser
import CoursepackImport
import Foundation

struct LibraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library",
        abstract: "List, show and remove the packages of a library.",
        subcommands: [List.self, Show.self, Remove.self])

    struct Location: ParsableArguments {
        @Option(help: "The library folder.", completion: .directory)
        var library: String

        func open() throws -> CoursepackImport.Library {
            do { return try CoursepackImport.Library(URL(fileURLWithPath: library), create: false) } catch {
                throw CommandFailure(message: error.description)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every package and version in the library.")

        @OptionGroup var location: Location

        func run() throws {
            let records: [CoursepackImport.Library.Record]
            do { records = try location.open().list() } catch let failure as CoursepackImport.Library.Failure {
                throw CommandFailure(message: failure.description)
            }
            if records.isEmpty { PackageOutput.line("the library is empty"); return }
            for record in records {
                PackageOutput.line("\(record.id) \(record.version)  \(record.edition)  \(record.title ?? "")")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One package: every version, or the one given, with what it launches.")

        @OptionGroup var location: Location

        @Argument(help: "The package's id.")
        var id: String

        @Option(help: "One version only.")
        var version: String?

        func run() throws {
            let library = try location.open()
            do {
                let records = try library.versions(of: id).filter { version == nil || $0.version == version }
                guard !records.isEmpty else { throw CommandFailure(message: "\(id)\(version.map { " \($0)" } ?? "") is not in the library") }
                for record in records {
                    PackageOutput.line("\(record.id) \(record.version)")
                    PackageOutput.line("  kind       \(record.edition)")
                    if let title = record.title { PackageOutput.line("  title      \(title)") }
                    if let identifier = record.identifier { PackageOutput.line("  identifier \(identifier)") }
                    PackageOutput.line("  folder     \(location.library)/\(record.folder)")
                    PackageOutput.line("  files      \(record.files), \(record.size) bytes")
                    PackageOutput.line("  imported   \(record.importedAt)\(record.signedBy.map { ", signed by \($0)" } ?? "")")
                    for launchable in try library.launchables(of: record) {
                        PackageOutput.line("    \(launchable.kind) \(launchable.id): \(launchable.title)\(launchable.launch.map { " -> \($0)" } ?? "")")
                    }
                }
            } catch let failure as CoursepackImport.Library.Failure {
                throw CommandFailure(message: failure.description)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a package: one version, or every version.")

        @OptionGroup var location: Location

        @Argument(help: "The package's id.")
        var id: String

        @Option(help: "The version to remove.")
        var version: String?

        @Flag(help: "Remove every version (needed when --version is not given).")
        var allVersions = false

        func run() throws {
            guard version != nil || allVersions else {
                throw CommandFailure(message: "say which version to remove (--version V), or --all-versions")
            }
            do {
                let removed = try location.open().remove(id: id, version: version)
                for record in removed { PackageOutput.line("removed \(record.id) \(record.version)") }
            } catch let failure as CoursepackImport.Library.Failure {
                throw CommandFailure(message: failure.description)
            }
        }
    }
}
