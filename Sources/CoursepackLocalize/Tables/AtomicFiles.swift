import Foundation

/// Writes several files so that a failure leaves all of them as they were: each is written to a
/// temporary file beside it first, and the temporary files are renamed only when all are written.
public enum AtomicFiles {
    public static func write(_ files: [String: String], under root: URL) throws(ModuleStrings.Failure) {
        try write(files.mapValues { Data($0.utf8) }, under: root)
    }

    public static func write(_ files: [String: Data], under root: URL) throws(ModuleStrings.Failure) {
        let manager = FileManager.default
        var staged: [(temporary: URL, final: URL)] = []
        do {
            for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
                let final = root.appendingPathComponent(path)
                // A file that already says the same is left alone (its date too); the size tells most apart.
                if let size = (try? manager.attributesOfItem(atPath: final.path))?[.size] as? Int, size == contents.count,
                   file(final, holds: contents) { continue }
                try manager.createDirectory(at: final.deletingLastPathComponent(), withIntermediateDirectories: true)
                let temporary = final.deletingLastPathComponent()
                    .appendingPathComponent(".\(final.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
                try contents.write(to: temporary)
                staged.append((temporary, final))
            }
        } catch {
            for file in staged { try? manager.removeItem(at: file.temporary) }
            throw ModuleStrings.Failure("could not write the string tables: \(error.localizedDescription)")
        }
        for file in staged {
            if rename(file.temporary.path, file.final.path) != 0 {
                let reason = String(cString: strerror(errno))
                for rest in staged { try? manager.removeItem(at: rest.temporary) }
                throw ModuleStrings.Failure("could not replace \(file.final.path): \(reason)")
            }
        }
    }

    /// Whether the file at `url` holds exactly `contents`, compared a megabyte at a time: an exchange
    /// file of a large module runs to tens of megabytes, which need not be read into memory whole.
    static func file(_ url: URL, holds contents: Data) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        var offset = contents.startIndex
        while offset < contents.endIndex {
            guard let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty, chunk.count <= contents.endIndex - offset,
                  contents[offset..<(offset + chunk.count)] == chunk else { return false }
            offset += chunk.count
        }
        return (try? handle.read(upToCount: 1))?.isEmpty ?? true
    }
}
