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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Output format.")
    var format: Format = .text

    func run() throws {
        let report = StatusReport(try module.strings())
        switch format {
        case .json: FileHandle.standardOutput.write(Data(JSONReport.encode(report).utf8))
        default: print(report.text, terminator: "")
        }
    }
}
