import Foundation

/// Timestamps of the steps of a change, on standard error, when `COURSEPACK_PREVIEW_TRACE=1`: for the
/// benchmark (Benchmarks/preview/measure.py --breakdown), which lines them up with the browser's.
/// Off by default; a line is `preview-trace <step> <ms since 1970> [<ms the step took>]`.
enum PreviewTrace {
    static let enabled = ProcessInfo.processInfo.environment["COURSEPACK_PREVIEW_TRACE"] == "1"

    static func note(_ step: String, took milliseconds: Double? = nil) {
        guard enabled else { return }
        let now = Date().timeIntervalSince1970 * 1000
        let line = "preview-trace \(step) \(String(format: "%.1f", now))" + (milliseconds.map { String(format: " %.1f", $0) } ?? "") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
