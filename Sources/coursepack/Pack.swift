import ArgumentParser
import CoursepackCheck
import CoursepackPackage
import CoursepackRender
import Foundation

extension PackageTarget: ExpressibleByArgument {}

struct Pack: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pack a module into zips for LMSs (SCORM 1.2, SCORM 2004, cmi5) and for the web.",
        discussion: """
            Writes <id>-<version>[-<locale>]-<target>.zip for each --target, each with coursepack.json \
            (identity, locales, SHA-256 of every file) and, with --sign, an Ed25519 signature. The same \
            sources give byte-identical zips (SOURCE_DATE_EPOCH sets their date). A module with errors \
            is refused; a locale with strings new, stale or to review is left out with a warning. \
            Nothing is written unless every zip is: a failure leaves the output folder as it was. \
            Exit status: 0 packed, 1 refused (errors in the module, or --require-complete), 2 could not run. \
            See docs/packages.md.
            """)

    @Argument(help: "The module folder.", completion: .directory)
    var path: String = "."

    @Option(name: .customLong("target"), help: "scorm12, scorm2004, cmi5 or web; repeat for several.")
    var targets: [PackageTarget] = []

    @Option(name: .customLong("locale"),
            help: "A locale to carry (BCP 47 tag); repeat for several. Default: the source and every complete locale.")
    var locales: [String] = []

    @Flag(help: "Refuse to pack when a locale asked for is incomplete, instead of leaving it out.")
    var requireComplete = false

    @Option(help: "The folder to write the zips to (created when missing).", completion: .directory)
    var out: String = "."

    @Option(help: "Sign the packages with this private key (from coursepack keygen).", completion: .file(extensions: ["key"]))
    var sign: String?

    @Option(help: "A folder that holds the module and whose files its links may reach (shared media in one repository). Default: the module folder alone.",
            completion: .directory)
    var root: String?

    func validate() throws {
        guard !targets.isEmpty else {
            throw ValidationError("say which package to make with --target scorm12, scorm2004, cmi5 or web (repeat for several)")
        }
    }

    func run() throws {
        var options = PackOptions(targets: Self.unique(targets), locales: locales.isEmpty ? nil : locales,
                                  requireComplete: requireComplete, outputFolder: URL(fileURLWithPath: out),
                                  toolVersion: Coursepack.version)
        options.boundary = root.map { URL(fileURLWithPath: $0) }
        if let sign {
            do { options.signingKey = try SigningKeyFiles.loadPrivateKey(URL(fileURLWithPath: sign)) } catch {
                throw CommandFailure(message: error.description)
            }
        }
        let result: PackResult
        do { result = try Packer.pack(URL(fileURLWithPath: path), options: options) } catch {
            switch error {
            case .moduleHasErrors(let diagnostics):
                Output.colouredReport(TextReport(colors: Terminal.wantsColor, escape: TerminalText.value)
                    .render([ModuleReport(displayPath: path, diagnostics: diagnostics)]))
                Output.error("coursepack: error: \(path): not packed: \(error.description)")
                throw ExitCode(ExitStatus.problemsFound)
            case .incompleteLocales:
                Output.error("coursepack: error: \(path): \(error.description)")
                throw ExitCode(ExitStatus.problemsFound)
            case .cannotRun(let message):
                throw CommandFailure(message: message)
            }
        }
        KeptUntilExit.keep(result.workingSet)
        for warning in result.warnings {
            Output.error("coursepack: warning: \(warning)")
        }
        // SCORM 1.2 keeps 4,096 characters of suspend_data: say so in full when a package for it may not
        // keep a learner's answers (the other targets have room enough).
        if targets.contains(.scorm12) {
            for diagnostic in result.diagnostics where diagnostic.code == .learnerStateTooLarge {
                Output.error("coursepack: warning: \(diagnostic.location): \(diagnostic.message); in an LMS that enforces SCORM 1.2's limit the player keeps the place, the pages seen and the results and leaves out the rest on resume (the SCORM 2004 and cmi5 packages have room) [\(diagnostic.code.rawValue)]")
            }
        }
        let warnings = result.diagnostics.count
        if warnings > 0 {
            Output.error("coursepack: note: the module has \(warnings) warning\(warnings == 1 ? "" : "s"); coursepack validate \(path) shows \(warnings == 1 ? "it" : "them")")
        }
        for package in result.packages {
            let size = ByteCountFormatter.string(fromByteCount: package.size, countStyle: .file)
            Output.line("wrote \(display(package.url)) (\(size); \(package.locales.joined(separator: ", "))\(package.signed ? "; signed" : ""))")
        }
    }

    /// The path as the user gave the folder, not the absolute one.
    private func display(_ url: URL) -> String {
        (out == "." ? "" : (out.hasSuffix("/") ? out : out + "/")) + url.lastPathComponent
    }

    private static func unique(_ targets: [PackageTarget]) -> [PackageTarget] {
        var seen = Set<PackageTarget>()
        return targets.filter { seen.insert($0).inserted }
    }
}
