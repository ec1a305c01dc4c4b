import Foundation

/// The one date every entry of a package carries, so that packing twice, or after touching the files,
/// gives the same bytes: `SOURCE_DATE_EPOCH` when set (reproducible-builds.org), else the date of the
/// module folder's last git commit (what that convention recommends as the fallback), else
/// 1980-01-01, the earliest date a zip can hold. Never the files' modification times.
struct SourceDate: Sendable {
    let seconds: Int
    let source: String

    /// Zip dates run from 1980 to 2107.
    static let earliest = 315_532_800
    static let latest = 4_354_819_198

    /// Decides the date; asking git runs in the background (a process to start, and a walk through the
    /// history), and the returned function waits for it.
    static func resolve(module: URL, environment: [String: String]) throws(PackFailure) -> @Sendable () -> SourceDate {
        if let value = environment["SOURCE_DATE_EPOCH"], !value.isEmpty {
            guard let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
                throw .cannotRun("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970; found '\(value)'")
            }
            let date = SourceDate(seconds: min(max(seconds, earliest), latest), source: "SOURCE_DATE_EPOCH")
            return { date }
        }
        final class Slot: @unchecked Sendable { var date = SourceDate(seconds: SourceDate.earliest, source: "default") }
        let slot = Slot()
        let done = DispatchGroup()
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            if let seconds = lastCommit(of: module) {
                slot.date = SourceDate(seconds: min(max(seconds, earliest), latest), source: "git")
            }
            done.leave()
        }
        return {
            done.wait()
            return slot.date
        }
    }

    var iso8601: String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// `git log -1 --format=%ct -- .` in the module folder; nil when git is missing or the folder is not
    /// in a repository (or not committed yet).
    private static func lastCommit(of module: URL) -> Int? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", module.path, "log", "-1", "--format=%ct", "--", "."]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
