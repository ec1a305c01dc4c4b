import ArgumentParser
import CoursepackVerify
import Foundation

/// Every line the package commands (verify, import, library, inspect, diff) print goes through here,
/// and from here through `Output`, which escapes what a package could use to fake a line on the
/// terminal (docs/trust-model.md).
enum PackageOutput {
    static func line(_ text: String) {
        Output.line(text)
    }

    /// Lines of a text report, each escaped as one value.
    static func lines(_ texts: [String]) {
        guard !texts.isEmpty else { return }
        Output.report(lines: texts)
    }

    /// JSON or SARIF, whose strings already escape control characters.
    static func json(_ text: String) {
        Output.json(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Progress on standard error, only for a person at a terminal.
    static func progress(_ text: String) {
        guard isatty(STDERR_FILENO) != 0 else { return }
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
    }

    static func endProgress() {
        guard isatty(STDERR_FILENO) != 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// The limits of the safe reader, as flags shared by verify and import.
struct ReaderLimitOptions: ParsableArguments {
    @Option(help: "Refuse a package of more files than this.")
    var maxEntries = 50_000

    @Option(help: "Refuse a package that unpacks to more bytes than this.")
    var maxSize: Int64 = 8 << 30

    @Option(help: "Refuse an entry or a zip that unpacks to more than this many times its packed size.")
    var maxRatio: Int64 = 1_000

    var limits: ReadLimits {
        var limits = ReadLimits()
        limits.maxEntries = maxEntries
        limits.maxUnpackedSize = maxSize
        limits.maxRatio = maxRatio
        return limits
    }
}
