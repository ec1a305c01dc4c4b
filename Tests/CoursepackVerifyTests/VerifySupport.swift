import Foundation
import XCTest

enum VerifyPaths {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = here.deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repository.appendingPathComponent("Samples")
    static let schemas = repository.deletingLastPathComponent().appendingPathComponent("shared/xsd")
    static let hostileZip = here.appendingPathComponent("hostile_zip.py")

    /// The built `coursepack` executable, beside the test bundle.
    static var executable: String {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("coursepack").path
        }
        return Bundle.main.bundleURL.appendingPathComponent("coursepack").path
    }
}

struct Outcome {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs a program to the end, reading both pipes while it runs.
@discardableResult
func runProgram(_ path: String, _ arguments: [String], in directory: URL? = nil) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    final class Box: @unchecked Sendable { var data = Data() }
    let errors = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errors.data = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let output = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                   stderr: String(decoding: errors.data, as: UTF8.self))
}

func coursepack(_ arguments: [String], in directory: URL? = nil) throws -> Outcome {
    try runProgram(VerifyPaths.executable, arguments, in: directory)
}

/// A folder for one test, removed after it.
final class TestFolder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func url(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// Writes `text` (or bytes) to `name`, creating folders.
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL { try write(name, Data(text.utf8)) }

    /// A hostile zip from hostile_zip.py.
    func hostile(_ kind: String) throws -> URL {
        let url = root.appendingPathComponent("\(kind.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ":", with: "_")).zip")
        let outcome = try runProgram("/usr/bin/env", ["python3", VerifyPaths.hostileZip.path, kind, url.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        return url
    }

    /// Zips the contents of `folder` (entries relative to it) with Python's zipfile.
    func zip(_ folder: URL, to name: String) throws -> URL {
        let url = root.appendingPathComponent(name)
        let script = """
            import os, sys, zipfile
            root = sys.argv[1]
            with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
                for base, dirs, files in os.walk(root):
                    dirs.sort()
                    for f in sorted(files):
                        path = os.path.join(base, f)
                        z.write(path, os.path.relpath(path, root))
            """
        let outcome = try runProgram("/usr/bin/env", ["python3", "-c", script, folder.path, url.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        return url
    }

    /// Unzips with Python's zipfile (our own reader is what is under test).
    func unzip(_ zip: URL, to name: String) throws -> URL {
        let url = root.appendingPathComponent(name)
        let outcome = try runProgram("/usr/bin/env", ["python3", "-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
                                                      zip.path, url.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        return url
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}
