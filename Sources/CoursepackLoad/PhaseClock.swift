import Foundation
// TEMPORARY profiling aid
public enum PhaseClock {
    nonisolated(unsafe) static var last = Date()
    public static func mark(_ label: String) {
        guard ProcessInfo.processInfo.environment["CP_PHASES"] != nil else { return }
        let now = Date()
        FileHandle.standardError.write(Data(String(format: "%-28@ %7.3f s\n", label as NSString, now.timeIntervalSince(last)).utf8))
        last = now
    }
}
