import Foundation

/// With `COURSEPACK_TIMINGS=1` in the environment, `pack` prints how long each of its phases took to
/// standard error: where a slow pack spends its time, without a profiler.
struct PhaseTimer {
    private let enabled: Bool
    private var last = DispatchTime.now()

    init(environment: [String: String]) {
        enabled = environment["COURSEPACK_TIMINGS"].map { !$0.isEmpty && $0 != "0" } ?? false
    }

    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let milliseconds = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1_000_000
        FileHandle.standardError.write(Data("pack: \(phase): \(String(format: "%.0f", milliseconds)) ms\n".utf8))
        last = now
    }
}
