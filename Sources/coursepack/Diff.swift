import ArgumentParser
import CoursepackVerify
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two packages: structure (kind, SCOs or AUs), pages, strings per locale and media.",
        discussion: """
            The release note for whoever installs the new version. Pages and strings are compared \
            through the packages' coursepack.json, files by their SHA-256. Exit status: 0 compared \
            (with or without differences), 2 could not read a package.
            """)

    @Argument(help: "The older package.", completion: .file(extensions: ["zip"]))
    var old: String

    @Argument(help: "The newer package.", completion: .file(extensions: ["zip"]))
    var new: String

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    func run() throws {
        let diff: PackageDiff
        do {
            diff = try PackageDiff.compare(old: URL(fileURLWithPath: old), oldDisplay: old, new: URL(fileURLWithPath: new), newDisplay: new)
        } catch {
            throw CommandFailure(message: error.description)
        }
        if format == .json { Output.json(diff.json) } else { Output.report(lines: diff.textLines) }
    }
}
