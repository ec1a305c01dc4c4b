@testable import CoursepackPackage
import CoursepackLoad
import CoursepackRender
import Foundation
import TestSupport
import XCTest

/// Whatever goes wrong, the user reads what, where and what to do, and the output folder holds no
/// partial zip (not even a temporary file).
final class BadInputTests: XCTestCase {
    func testModuleWithErrorsIsRefusedWithItsDiagnostics() throws {
        let scratch = try Scratch()
        let out = try scratch.folder("out")
        XCTAssertThrowsError(try Packer.pack(Paths.samples.appendingPathComponent("broken"), options: Packs.options([.scorm12], out: out))) { error in
            guard case PackFailure.moduleHasErrors(let diagnostics) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(diagnostics.hasErrors)
            XCTAssertTrue(String(describing: error).contains("coursepack validate"), String(describing: error))
        }
        XCTAssertEqual(Packs.files(in: out), [])
    }

    func testFailedPackCreatesNoFolder() throws {
        let scratch = try Scratch()
        let out = scratch.root.appendingPathComponent("new/deeper")
        XCTAssertThrowsError(try Packer.pack(Paths.samples.appendingPathComponent("broken"), options: Packs.options([.web], out: out)))
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent("new").path))
        let made = try Packer.pack(Paths.samples.appendingPathComponent("talking-with-newcomers"), options: Packs.options([.web], out: out))
        XCTAssertTrue(FileManager.default.fileExists(atPath: made.packages[0].url.path), "the folder is made when there is something to write")
    }

    func testCommandPrintsTheDiagnosticsOfABrokenModule() throws {
        let scratch = try Scratch()
        let out = try scratch.folder("out")
        let outcome = try Run.coursepack(["pack", "Samples/broken", "--target", "web", "--out", out.path],
                                         environment: ["NO_COLOR": "1"], in: Paths.repository)
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stdout.contains("Samples/broken/pages/07-latin1.md:2:11: error: this file is not valid UTF-8"), outcome.stdout)
        XCTAssertTrue(outcome.stderr.contains("not packed"), outcome.stderr)
        XCTAssertEqual(Packs.files(in: out), [])
    }

    func testMissingMediaFileIsReportedAndNothingIsWritten() throws {
        let scratch = try Scratch()
        let module = try scratch.copy(sample: "first-weeks")
        try FileManager.default.removeItem(at: module.appendingPathComponent("media/welcome.mp3"))
        let out = try scratch.folder("out")
        XCTAssertThrowsError(try Packer.pack(module, options: Packs.options([.scorm12], out: out))) { error in
            guard case PackFailure.moduleHasErrors(let diagnostics) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(diagnostics.contains { $0.severity == .error && $0.message.contains("welcome.mp3") }, "\(diagnostics)")
        }
        XCTAssertEqual(Packs.files(in: out), [])
        // A file that disappears after the check (between `validate` and the zip) is caught too.
        XCTAssertThrowsError(try FileDigest.record(module.appendingPathComponent("media/welcome.mp3"))) { error in
            XCTAssertTrue("\(error)".contains("welcome.mp3 is missing"), "\(error)")
        }
    }

    func testUnwritableOutputFolder() throws {
        let scratch = try Scratch()
        let out = try scratch.folder("read-only")
        let folder: URL
        if getuid() == 0 {
            // Permissions do not stop root: a read-only file system does.
            if TinyDisk.mount(at: out, options: "ro,size=1m") {
                folder = out
            } else {
                folder = URL(fileURLWithPath: "/proc/coursepack-cannot-be-here")
            }
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: out.path)
            folder = out
        }
        defer {
            TinyDisk.unmount(out)
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: out.path)
        }
        XCTAssertThrowsError(try Packer.pack(Paths.samples.appendingPathComponent("first-weeks"), options: Packs.options([.web], out: folder))) { error in
            guard case PackFailure.cannotRun(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains(folder.path), message)
            XCTAssertTrue(message.contains("--out"), message)
        }
        XCTAssertEqual(Packs.files(in: folder), [])
    }

    func testFullDiskLeavesNoPartialFile() throws {
        let scratch = try Scratch()
        let out = try scratch.folder("tiny")
        guard TinyDisk.mount(at: out, options: "size=64k") else {
            // Not allowed to mount here: the file-size limit test below fails a write the same way.
            return try testFileSizeLimitLeavesNoPartialFile()
        }
        defer { TinyDisk.unmount(out) }
        XCTAssertThrowsError(try Packer.pack(Paths.samples.appendingPathComponent("first-weeks"),
                                             options: Packs.options([.scorm12, .web], out: out))) { error in
            XCTAssertTrue(String(describing: error).contains("No space left on device"), String(describing: error))
            XCTAssertTrue(String(describing: error).contains("free some space"), String(describing: error))
        }
        XCTAssertEqual(Packs.files(in: out), [])
    }

    /// The disk fills up in the middle of a media file, whose bytes are written on a second thread:
    /// the failure is still reported as such, and nothing is left behind.
    func testDiskFullInTheMiddleOfAMediaFile() throws {
        let module = try moduleWithLongRecording(bytes: 8 << 20)
        let scratch = try Scratch()
        let out = try scratch.folder("small")
        try XCTSkipUnless(TinyDisk.mount(at: out, options: "size=2m"), "mounting a tmpfs needs root")
        defer { TinyDisk.unmount(out) }
        XCTAssertThrowsError(try Packer.pack(module.root, options: Packs.options([.web], out: out))) { error in
            XCTAssertTrue(String(describing: error).contains("No space left on device"), String(describing: error))
            XCTAssertTrue(String(describing: error).contains("free some space"), String(describing: error))
        }
        XCTAssertEqual(Packs.files(in: out), [])
    }

    /// A write that fails half-way through (here: the shell's file-size limit), in the real command.
    func testFileSizeLimitLeavesNoPartialFile() throws {
        let scratch = try Scratch()
        let out = try scratch.folder("limited")
        let command = Paths.products.appendingPathComponent("coursepack").path
        let outcome = try Run.program("/bin/sh", ["-c", "ulimit -f 100; exec \"$0\" pack Samples/first-weeks --target scorm12 --out \"$1\"",
                                                  command, out.path], in: Paths.repository)
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("could not write"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("File too large"), outcome.stderr)
        XCTAssertEqual(Packs.files(in: out), [])
    }

    func testInterruptedPackLeavesNoPartialFile() throws {
        let module = try moduleWithLongRecording(bytes: 1 << 30)
        let scratch = try Scratch()
        let out = try scratch.folder("out")

        let process = Process()
        process.executableURL = Paths.products.appendingPathComponent("coursepack")
        process.arguments = ["pack", module.root.path, "--target", "web", "--out", out.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline && !Packs.files(in: out).contains(where: { $0.hasSuffix(".partial") }) {
            usleep(2_000)
        }
        XCTAssertTrue(process.isRunning, "the pack ended before it could be interrupted")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(Packs.files(in: out), [])
    }

    /// A one-page module with a recording of `bytes` that costs no disk to make (a sparse file reads as zeros).
    private func moduleWithLongRecording(bytes: UInt64) throws -> TemporaryModule {
        let page = TemporaryModule.page + "\n```audio\nsrc: media/long-recording.mp3\ntranscript: A long silence.\n```\n"
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest, "pages/01-start.md": page])
        let media = module.root.appendingPathComponent("media/long-recording.mp3")
        try FileManager.default.createDirectory(at: media.deletingLastPathComponent(), withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: media.path, contents: nil))
        let handle = try FileHandle(forWritingTo: media)
        try handle.truncate(atOffset: bytes)
        try handle.close()
        return module
    }
}

/// A small tmpfs for the tests that need a full or read-only disk; only root may mount one.
enum TinyDisk {
    static func mount(at folder: URL, options: String) -> Bool {
        guard getuid() == 0, let outcome = try? Run.program("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", folder.path]) else {
            return false
        }
        return outcome.status == 0
    }

    static func unmount(_ folder: URL) {
        guard getuid() == 0 else { return }
        _ = try? Run.program("/bin/umount", [folder.path])
    }
}

/// A module whose learner state may not fit SCORM 1.2's suspend_data is packed, with a warning that
/// says so when a SCORM 1.2 package is asked for.
final class LearnerStateWarningTests: XCTestCase {
    func testPackWarnsWhenTheStateMayNotFitSCORM12() throws {
        let scratch = try Scratch()
        let module = try scratch.copy(sample: "talking-with-newcomers")
        let page = module.appendingPathComponent("pages/01-why-it-matters.md")
        let reflections = (1...4).map { "```reflection\nid: long-thought-\($0)\nprompt: Why?\nmax_length: 1500\n```\n" }.joined(separator: "\n")
        try (try String(contentsOf: page, encoding: .utf8) + "\n" + reflections).write(to: page, atomically: true, encoding: .utf8)
        let out = try scratch.folder("out")

        let scorm = try Run.coursepack(["pack", module.path, "--target", "scorm12", "--out", out.path], environment: ["NO_COLOR": "1"])
        XCTAssertEqual(scorm.status, 0, scorm.stderr)
        XCTAssertTrue(scorm.stderr.contains("warning: module.yaml:1:1: the learner state may reach"), scorm.stderr)
        XCTAssertTrue(scorm.stderr.contains("SCORM 1.2's limit the player keeps the place, the pages seen and the results and leaves out the rest on resume"), scorm.stderr)
        XCTAssertTrue(scorm.stderr.contains("[CP601]"), scorm.stderr)

        let web = try Run.coursepack(["pack", module.path, "--target", "web", "--out", out.path], environment: ["NO_COLOR": "1"])
        XCTAssertEqual(web.status, 0, web.stderr)
        XCTAssertFalse(web.stderr.contains("learner state"), "no SCORM 1.2 package, no warning about its limit: \(web.stderr)")
    }

    /// 4,100 questions need 4,100 characters of results alone: no SCORM 1.2 package (CP602), nothing
    /// written, and the message names the targets that have room; SCORM 2004 packs the same module.
    func testPackRefusesSCORM12WhenEvenTheResultsCannotFit() throws {
        let scratch = try Scratch()
        let module = try scratch.copy(sample: "talking-with-newcomers")
        let page = module.appendingPathComponent("pages/01-why-it-matters.md")
        let quizzes = (1...4_100).map { "```quiz\nid: fact-\($0)\nkind: true-false\nquestion: Is \($0) a number?\nanswer: true\n```\n" }.joined(separator: "\n")
        try (try String(contentsOf: page, encoding: .utf8) + "\n" + quizzes).write(to: page, atomically: true, encoding: .utf8)
        let out = try scratch.folder("out")

        let scorm = try Run.coursepack(["pack", module.path, "--target", "scorm12", "--target", "web", "--out", out.path],
                                       environment: ["NO_COLOR": "1"])
        XCTAssertEqual(scorm.status, 1, scorm.stderr)
        XCTAssertTrue(scorm.stdout.contains("module.yaml:1:1: error: not packed for scorm12: the learner state of this module needs at least "),
                      scorm.stdout)
        XCTAssertTrue(scorm.stdout.contains("more than SCORM 1.2's 4096 for suspend_data"), scorm.stdout)
        XCTAssertTrue(scorm.stdout.contains("--target scorm2004") && scorm.stdout.contains("[CP602]"), scorm.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [], "nothing written, not even the web package")

        let scorm2004 = try Run.coursepack(["pack", module.path, "--target", "scorm2004", "--out", out.path], environment: ["NO_COLOR": "1"])
        XCTAssertEqual(scorm2004.status, 0, scorm2004.stderr)
    }
}
