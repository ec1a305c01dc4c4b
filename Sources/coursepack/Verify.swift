import ArgumentParser
import CoursepackPackage
import CoursepackVerify
import Foundation

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check any package: what it is, whether an LMS will import it, and why not.",
        discussion: """
            Reads a zip, an unpacked folder or a bare cmi5.xml without trusting it (docs/verify.md), \
            says what it is (SCORM 1.2, SCORM 2004 and its edition, cmi5, AICC, Tin Can, web), its \
            title and shape, and every finding with its rule, severity and what it does on each LMS \
            family. Exit status: 0 no findings, 1 findings (or a package refused), 2 could not run.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Argument(help: "Packages: zips, unpacked folders or cmi5.xml files.", completion: .file())
    var packages: [String]

    @Option(help: "Output format: text, json, or sarif (SARIF 2.1.0).")
    var format: Format = .text

    @Option(help: "A folder of the official schemas (laid out as ../shared/xsd) for full XML Schema validation.",
            completion: .directory)
    var schemas: String?

    @Option(help: "A public key (.pub) whose signatures are trusted; repeat for several.", completion: .file(extensions: ["pub"]))
    var trust: [String] = []

    @OptionGroup var limits: ReaderLimitOptions

    func run() throws {
        var options = PackageVerification.Options()
        options.limits = limits.limits
        do {
            for key in trust { options.trust(try SigningKeyFiles.loadPublicKey(URL(fileURLWithPath: key))) }
            options.schemas = try schemas.map { try SchemaSet(folder: URL(fileURLWithPath: $0)) }
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        let results = try Self.verifyAll(packages, options: options)
        switch format {
        case .text: PackageOutput.lines(VerifyReport.text(results))
        case .json: PackageOutput.json(VerifyReport.json(results).joined(separator: "\n"))
        case .sarif: PackageOutput.json(VerifyReport.sarif(results, toolVersion: Coursepack.version).joined(separator: "\n"))
        }
        if results.contains(where: \.hasProblems) { throw ExitCode(ExitStatus.problemsFound) }
    }

    /// Verifies the packages on every core, results in the order given.
    static func verifyAll(_ packages: [String], options: PackageVerification.Options) throws -> [PackageVerification] {
        final class Slots: @unchecked Sendable {
            var results: [Result<PackageVerification, ReadFailure>?]
            let lock = NSLock()
            init(_ count: Int) { results = Array(repeating: nil, count: count) }
        }
        let slots = Slots(packages.count)
        DispatchQueue.concurrentPerform(iterations: packages.count) { index in
            let path = packages[index]
            let outcome: Result<PackageVerification, ReadFailure>
            do throws(ReadFailure) {
                outcome = .success(try PackageVerification.verify(URL(fileURLWithPath: path), displayPath: path, options: options))
            } catch {
                outcome = .failure(error)
            }
            slots.lock.lock()
            slots.results[index] = outcome
            slots.lock.unlock()
        }
        return try slots.results.map { outcome in
            switch outcome! {
            case .success(let result): return result
            case .failure(let failure): throw CommandFailure(message: failure.description)
            }
        }
    }
}
