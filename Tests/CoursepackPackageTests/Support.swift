import CoursepackLoad
import CoursepackLocalize
import CoursepackPackage
import CoursepackRender
import CoursepackVerify
import Foundation
import XCTest

/// A tool a test checks against is missing: the test fails and says what to install, rather than
/// skipping and passing unnoticed.
struct MissingTool: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

enum Paths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repository.appendingPathComponent("Samples")
    static let schemaCheck = repository.deletingLastPathComponent().appendingPathComponent("shared/xsd/check")

    /// The folder of the built products: the test bundle sits beside the `coursepack` executable.
    static var products: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }
}

/// A folder for one test, removed after it.
final class Scratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// A copy of a sample module, to change or pack without touching the repository.
    func copy(sample: String) throws -> URL {
        let destination = root.appendingPathComponent(sample)
        try FileManager.default.copyItem(at: Paths.samples.appendingPathComponent(sample), to: destination)
        return destination
    }

    func folder(_ name: String) throws -> URL {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

struct ProcessOutcome {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum Run {
    @discardableResult
    static func program(_ path: String, _ arguments: [String], environment: [String: String] = [:],
                        in directory: URL? = nil) throws -> ProcessOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting: a full pipe would block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let stderrBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stderrBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let stderrData = stderrBox.data
        process.waitUntilExit()
        return ProcessOutcome(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                              stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// The `coursepack` executable built beside the tests.
    static func coursepack(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> ProcessOutcome {
        try program(Paths.products.appendingPathComponent("coursepack").path, arguments, environment: environment, in: directory)
    }

    /// `../shared/xsd/check KIND FILE`; a missing checker or xmllint fails the test.
    static func schemaCheck(_ kind: String, _ file: URL) throws -> ProcessOutcome {
        guard FileManager.default.isExecutableFile(atPath: Paths.schemaCheck.path) else {
            throw MissingTool(message: "the schema checker \(Paths.schemaCheck.path) is missing: the official schemas live in ../shared/xsd beside the checkout")
        }
        let outcome = try program("/usr/bin/env", ["bash", Paths.schemaCheck.path, kind, file.path])
        if outcome.stderr.contains("xmllint missing") {
            throw MissingTool(message: "xmllint is missing: apt-get install libxml2-utils (scripts/test.sh does)")
        }
        return outcome
    }

    /// `unzip -tq ZIP` (Info-ZIP): tests every entry of the zip.
    static func unzipTest(_ zip: URL) throws -> ProcessOutcome {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") else {
            throw MissingTool(message: "unzip is missing: apt-get install unzip")
        }
        return try program("/usr/bin/unzip", ["-tq", zip.path])
    }

    static func python(_ script: String, _ arguments: [String]) throws -> ProcessOutcome {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw MissingTool(message: "python3 is missing: apt-get install python3")
        }
        return try program(python, ["-c", script] + arguments)
    }
}

enum Packs {
    static let fixedEnvironment = ["SOURCE_DATE_EPOCH": "1700000000"]

    static func options(_ targets: [PackageTarget], out: URL, locales: [String]? = nil, requireComplete: Bool = false,
                        environment: [String: String] = fixedEnvironment) -> PackOptions {
        PackOptions(targets: targets, locales: locales, requireComplete: requireComplete, outputFolder: out,
                    toolVersion: "test", environment: environment)
    }

    /// Every file in `folder`, hidden ones included (a temporary file left behind would be hidden).
    static func files(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    static func read(_ zip: URL) throws -> PackageArchive {
        try ZipReader.read(zip) { path in
            UploadCheck.needsContents(path) || path.hasSuffix(".html") || path.hasSuffix(".css") || path.hasSuffix(".js")
        }
    }
}

/// A small module whose target locales are complete by construction: every string, the player's
/// interface messages included, gets a translation through the string tables' own code. Tests of the
/// locale rules use it, so that they do not depend on how far the samples' translations are.
enum TranslatedModule {
    static let page1 = """
        ---
        title: Start
        ---

        # Start

        Hello. Register your address in the first two weeks.

        ```image
        src: media/office.png
        alt: The office counter
        ```

        """

    static let page2 = """
        ---
        title: Next steps
        ---

        # Next steps

        Find a doctor near you.

        """

    /// Writes the module into `folder` with complete tables for `locales`.
    static func make(in folder: URL, locales: [String] = ["fr", "de"]) throws -> URL {
        let manifest = """
            id: translated-module
            version: 1.0.0
            title: Translated module
            language: en
            locales: [\(locales.joined(separator: ", "))]
            audience: general
            pages:
              - 01-start
              - 02-next
            completion:
              rule: pages-seen

            """
        let files: [String: Data] = [
            "module.yaml": Data(manifest.utf8), "pages/01-start.md": Data(page1.utf8), "pages/02-next.md": Data(page2.utf8),
            // The PNG signature and a few bytes: enough for a file the checker takes as a picture.
            "media/office.png": Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)),
        ]
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        try translateEverything(folder)
        return folder
    }

    /// Gives every string of every locale a translation ("fr: <source>", one per plural form).
    static func translateEverything(_ folder: URL) throws {
        let module = try XCTUnwrap(try ModuleLoader.load(folder).module)
        var strings = try ModuleStrings.load(module)
        for (locale, var table) in strings.tables {
            let forms = PluralRules.forLocale(locale).categories.count
            for unit in strings.units {
                var entry = table.entries[unit.id] ?? TranslationEntry(id: unit.id, source: unit.text, sourcePlural: unit.plural)
                let text = "\(locale): \(unit.text)"
                entry.translation = unit.plural == nil ? [text] : Array(repeating: "\(locale): \(unit.plural ?? unit.text)", count: forms)
                entry.status = .translated
                entry.previousSource = nil
                table.entries[unit.id] = entry
            }
            strings.tables[locale] = table
        }
        try strings.write()
    }
}
