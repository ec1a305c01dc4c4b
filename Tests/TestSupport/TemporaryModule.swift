import Foundation

/// A module folder written for one test and removed after it.
public final class TemporaryModule {
    public let root: URL

    public init(_ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, contents) in files { try write(path, contents) }
    }

    public func write(_ path: String, _ contents: String) throws {
        try write(path, Data(contents.utf8))
    }

    public func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    public static let manifest = """
        id: test-module
        version: 1.0.0
        title: Test module
        language: en
        audience: general
        pages:
          - 01-start
        completion:
          rule: pages-seen

        """

    public static let page = """
        ---
        title: Start
        ---

        # Start

        Hello.

        """
}
