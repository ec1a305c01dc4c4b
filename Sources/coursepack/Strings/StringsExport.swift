import ArgumentParser
import CoursepackLoad
import CoursepackLocalize
import Foundation

struct StringsExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a file for a translator: PO (Poedit, Weblate, OmegaT), XLIFF 1.2 or XLIFF 2.0 (CAT tools).",
        discussion: """
            The file carries every string of the module with its id, notes, length limit, status and, for a \
            changed string, the previous source. In XLIFF, Markdown and HTML inline codes travel as protected \
            codes so that a translator cannot break a link.
            """)

    @OptionGroup var module: ModuleOption

    @Option(help: "The file format: po, xliff12 or xliff20.")
    var format: ExchangeFormat = .po

    @Option(help: "The target locale, one of the module's locales.")
    var locale: String

    @Option(help: "Where to write the file (default: <module-id>-<locale>.<po|xlf> in the current folder).", completion: .file())
    var out: String?

    func run() throws {
        let strings = try module.strings()
        let tag = try ModuleFolder.locale(locale, of: strings)
        var file = ExchangeBuilder.file(for: strings, locale: tag)
        defer { KeptUntilExit.keep((strings, file)) }
        file.preserved = ExchangeFiles.preserved(for: tag, format: format, in: strings.root)
        let path = out ?? "\(strings.identity.id)-\(tag).\(format.fileExtension)"
        let data = ExchangeFiles.write(file, as: format)
        do {
            try AtomicFiles.write([URL(fileURLWithPath: path).lastPathComponent: data],
                                  under: URL(fileURLWithPath: path).deletingLastPathComponent())
        } catch {
            throw CommandFailure(message: error.description)
        }
        let report = strings.tables[tag] == nil ? nil : StatusReport.locale(of: file)
        print("wrote \(path): \(file.units.count) strings" + (report.map { ", \(String(format: "%.1f", $0.percent))% done, \($0.wordsLeft) words left" } ?? ""))
    }
}

extension ExchangeFormat: ExpressibleByArgument {}
