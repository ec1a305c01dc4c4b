import ArgumentParser
import CoursepackCheck
import CoursepackLoad
import CoursepackLocalize
import Foundation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check modules against the format's schemas and rules.",
        discussion: """
            Prints compiler-style diagnostics (file:line:column). Exit status: 0 when clean, 1 when \
            problems were found (errors, or warnings with --strict), 2 when it could not run.
            Colours are used only on a terminal, and never when NO_COLOR is set.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Argument(help: "Module folders to check.", completion: .directory)
    var paths: [String] = ["."]

    @Option(help: "Output format: text, json, or sarif (SARIF 2.1.0, for code scanning in CI).")
    var format: Format = .text

    @Flag(help: "Treat warnings as errors: exit with status 1 when there are any.")
    var strict = false

    @Option(help: "A folder that holds the module and whose files its links may reach (shared media in one repository). Default: the module folder alone.",
            completion: .directory)
    var root: String?

    func run() throws {
        var reports: [ModuleReport] = []
        for path in paths {
            do {
                let diagnostics = try ModuleChecker.validate(URL(fileURLWithPath: path), root: root.map { URL(fileURLWithPath: $0) },
                                                         later: TableChecker.diagnostics(for:))
                reports.append(ModuleReport(displayPath: path, diagnostics: diagnostics))
            } catch let failure as ModuleLoader.Failure {
                throw CommandFailure(message: "\(failure.description)")
            } catch {
                throw CommandFailure(message: "\(path): \(error)")
            }
        }
        switch format {
        case .text: Output.colouredReport(TextReport(colors: Terminal.wantsColor, escape: TerminalText.value).render(reports))
        case .json: Output.json(JSONReport.render(reports))
        case .sarif: Output.json(SARIFReport.render(reports, toolVersion: Coursepack.version))
        }
        let summary = ReportSummary(reports)
        if summary.errors > 0 || (strict && summary.warnings > 0) {
            throw ExitCode(ExitStatus.problemsFound)
        }
    }
}

enum Terminal {
    /// Colour only for a person at a terminal: not in pipes, files or CI logs, and never with NO_COLOR
    /// (no-color.org: set and not empty).
    static var wantsColor: Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) != 0
    }
}
