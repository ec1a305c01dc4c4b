import ArgumentParser
import CoursepackCheck
import CoursepackLocalize
import Foundation

struct StringsStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show, per locale, how many strings are new, translated, to review, final or stale, and the words left.",
        discussion: "Compares the tables with the source as it is now; writes nothing.")

    @OptionGroup var module: ModuleOption

    @Option(help: "Output format: text or json.")
    var format: Validate.Format = .text

    func validate() throws {
        guard format != .sarif else { throw ValidationError("--format must be text or json") }
    }

    func run() throws {
        let report = StatusReport(try module.strings())
        switch format {
        case .json: FileHandle.standardOutput.write(Data(JSONReport.encode(report).utf8))
        default: print(report.text, terminator: "")
        }
    }
}
