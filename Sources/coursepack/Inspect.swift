import ArgumentParser
import CoursepackPackage
import CoursepackVerify
import Foundation

/// Output formats of the commands that report on packages.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a package is: identity, version, target, locales, size, files, signature.",
        discussion: """
            Reads any zip without trusting it, runs the checks an LMS applies on upload, and compares \
            the files with coursepack.json and its signature. Exit status: 0 fine, 1 problems found \
            (or a signature that does not verify, or not by the --key given), 2 could not read it.
            """)

    @Argument(help: "The package zip.", completion: .file(extensions: ["zip"]))
    var package: String

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Option(help: "The public key (.pub) the package should be signed with.", completion: .file(extensions: ["pub"]))
    var key: String?

    func run() throws {
        let trusted: CoursepackVerify.PublicSigningKey?
        do { trusted = try key.map { try SigningKeyFiles.loadPublicKey(URL(fileURLWithPath: $0)) } } catch {
            throw CommandFailure(message: "\(error)")
        }
        let inspection: PackageInspection
        do { inspection = try PackageInspection.inspect(URL(fileURLWithPath: package), displayPath: package, trustedKey: trusted) } catch {
            throw CommandFailure(message: error.description)
        }
        PackageOutput.lines((format == .json ? inspection.json : inspection.text).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init))
        if inspection.hasErrors { throw ExitCode(ExitStatus.problemsFound) }
    }
}
