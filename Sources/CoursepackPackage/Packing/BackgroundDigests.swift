import CoursepackVerify
import Foundation

/// Hashes the media and the player on a background thread from the moment the pack starts, so that
/// reading hundreds of megabytes overlaps with loading, checking and rendering instead of coming after
/// them. The files are listed on that thread too; a file that was not hashed ahead (listed
/// differently, or failed) is hashed when asked for.
final class BackgroundDigests: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [String: Result<PackageManifest.FileRecord, PackFailure>] = [:]
    private var cancelled = false
    private let done = DispatchGroup()

    init(_ listing: @escaping @Sendable () -> [URL]) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { done.leave() }
            for url in listing() {
                if isCancelled { return }
                let result: Result<PackageManifest.FileRecord, PackFailure>
                do throws(PackFailure) { result = .success(try FileDigest.record(url)) } catch { result = .failure(error) }
                lock.withLock { results[url.path] = result }
            }
        }
    }

    /// Stops after the file being hashed (the pack failed, or is over).
    func cancel() { lock.withLock { cancelled = true } }

    private var isCancelled: Bool { lock.withLock { cancelled } }

    /// The records of `files`, in the same order: from the background work, or computed now.
    func records(_ files: [URL]) throws(PackFailure) -> [PackageManifest.FileRecord] {
        done.wait()
        let known = lock.withLock { results }
        let missing = files.filter { known[$0.path] == nil }
        let computed = try FileDigest.records(missing)
        var all = known.compactMapValues { try? $0.get() }
        for (url, record) in zip(missing, computed) { all[url.path] = record }
        var records: [PackageManifest.FileRecord] = []
        for url in files {
            if let record = all[url.path] { records.append(record); continue }
            // The background attempt failed: say why.
            if case .failure(let error)? = known[url.path] { throw error }
        }
        return records
    }
}
