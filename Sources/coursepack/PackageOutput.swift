import ArgumentParser
import CoursepackVerify
import Foundation

/// Every line the package commands (verify, import, library, inspect, diff) print goes through here,
/// so that one place decides how text from a package reaches the terminal.
enum PackageOutput {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func lines(_ texts: [String]) {
        var joined = texts.joined(separator: "\n")
        if !texts.isEmpty { joined += "\n" }
        FileHandle.standardOutput.write(Data(joined.utf8))
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
