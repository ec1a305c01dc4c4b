import ArgumentParser
import CoursepackImport
import CoursepackPackage
import CoursepackVerify
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Verify a package and install it into a library, keeping earlier versions.",
        discussion: """
            The package is read once: unpacked into a staging folder inside the library while the \
            safe reader checks it, then verified; only a package Coursepack's host accepts is moved \
            to packages/<id>/<version>/ and recorded in the catalog (catalog.sqlite), in one step. A \
            failed or interrupted import leaves the library as it was. Exit status: 0 imported, 1 \
            refused (the findings are printed), 2 could not run.
            """)

    @Argument(help: "The package zip.", completion: .file(extensions: ["zip"]))
    var package: String

    @Option(help: "The library folder (created when missing).", completion: .directory)
    var library: String

    @Option(help: "A public key (.pub) whose signatures are trusted; repeat for several.", completion: .file(extensions: ["pub"]))
    var trust: [String] = []

    @Option(help: "A folder of the official schemas for full XML Schema validation.", completion: .directory)
    var schemas: String?

    @OptionGroup var limits: ReaderLimitOptions

    func run() throws {
        var options = PackageVerification.Options()
        options.limits = limits.limits
        let target: CoursepackImport.Library
        do {
            for key in trust { options.trust(try SigningKeyFiles.loadPublicKey(URL(fileURLWithPath: key))) }
            options.schemas = try schemas.map { try SchemaSet(folder: URL(fileURLWithPath: $0)) }
            target = try CoursepackImport.Library(URL(fileURLWithPath: library), create: true)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        let started = Date()
        do {
            let outcome = try PackageImport.run(URL(fileURLWithPath: package), displayPath: package, into: target, options: options) { done, total in
                // A bar only for packages large enough to wait for.
                guard total > 50 << 20, Date().timeIntervalSince(started) > 0.5 else { return }
                let width = 30
                let filled = Int(Double(done) / Double(max(total, 1)) * Double(width))
                PackageOutput.progress("importing [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                                       + "] \(done * 100 / max(total, 1))%")
            }
            PackageOutput.endProgress()
            let record = outcome.record
            PackageOutput.line("imported \(record.id) \(record.version) (\(record.edition)\(record.title.map { ": \($0)" } ?? "")) into \(library)/\(record.folder)")
            let remaining = outcome.verification.findings
            if !remaining.isEmpty {
                PackageOutput.line("with \(remaining.count) finding\(remaining.count == 1 ? "" : "s") that do not stop Coursepack's host:")
                for finding in remaining { PackageOutput.line("  " + finding.text) }
            }
        } catch {
            PackageOutput.endProgress()
            switch error {
            case .refused(let verification):
                PackageOutput.lines(VerifyReport.text([verification]))
                PackageOutput.line("not imported: Coursepack's host refuses this package (\(verification.verdicts.first { $0.family == .coursepack }?.rules.joined(separator: ", ") ?? ""))")
                throw ExitCode(ExitStatus.problemsFound)
            case .failed(let message):
                throw CommandFailure(message: message)
            }
        }
    }
}
