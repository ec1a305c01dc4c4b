import Foundation
import TestSupport
import XCTest
@testable import CoursepackPreview

/// The watchers on a real folder: an editor's save (write to a temporary file, rename over the page),
/// a burst of saves coalesced, a deletion; inotify and polling alike.
final class FileWatcherTests: XCTestCase {
    private func next(_ watcher: any FileWatcher, within seconds: Double = 5) async -> Set<String>? {
        await withTaskGroup(of: Set<String>?.self) { group in
            group.addTask {
                var iterator = watcher.changes.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    private func editorSave(_ module: TemporaryModule, _ path: String, _ text: String) throws {
        let target = module.root.appendingPathComponent(path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).swp")
        try text.write(to: temporary, atomically: false, encoding: .utf8)
        XCTAssertEqual(rename(temporary.path, target.path), 0)
    }

    func testInotifySeesAnEditorsSaveAsOneChangeOfThePage() async throws {
        try await checkASave(polling: false, expectedMethod: "inotify")
    }

    func testPollingSeesAnEditorsSaveAsOneChangeOfThePage() async throws {
        try await checkASave(polling: true, expectedMethod: "polling every 250 ms")
    }

    private func checkASave(polling: Bool, expectedMethod: String) async throws {
        let module = try PreviewFixtures.module()
        let watcher = FileWatchers.make(for: module.root, polling: polling)
        defer { watcher.stop() }
        XCTAssertEqual(watcher.method, expectedMethod)
        try await Task.sleep(for: .milliseconds(100))
        try editorSave(module, "pages/01-welcome.md", PreviewFixtures.page("Welcome", body: "Saved by an editor."))
        let batch = await next(watcher)
        XCTAssertEqual(batch, ["pages/01-welcome.md"], "the temporary file is not the module's")
    }

    /// The watcher sleeps until a batch is due, no longer: a save reaches the tabs the quiet time after
    /// the editor's last write, not a polling step later; a save that never stops is cut at `longest`.
    func testABatchIsDueAfterTheQuietTimeOrTheLongest() {
        var collector = BurstCollector(coalescing: Coalescing(quiet: .milliseconds(25), longest: .milliseconds(250)))
        XCTAssertNil(collector.millisecondsUntilDue(now: 10), "nothing pending: nothing due")
        collector.add("pages/a.md", now: 10)
        XCTAssertEqual(collector.millisecondsUntilDue(now: 10.010), 15)
        XCTAssertNil(collector.take(now: 10.010), "not quiet long enough yet")
        XCTAssertEqual(collector.take(now: 10.025), ["pages/a.md"])
        for step in 0..<30 { collector.add("pages/b.md", now: 20 + Double(step) * 0.010) }
        XCTAssertEqual(collector.millisecondsUntilDue(now: 20.240), 10, "the longest wait, 250 ms after the first write")
    }

    func testABurstOfSavesComesAsOneBatch() async throws {
        let module = try PreviewFixtures.module()
        let watcher = FileWatchers.make(for: module.root, coalescing: Coalescing(quiet: .milliseconds(250), longest: .seconds(3)))
        defer { watcher.stop() }
        try await Task.sleep(for: .milliseconds(100))
        for round in 0..<20 {
            try editorSave(module, "pages/01-welcome.md", PreviewFixtures.page("Welcome", body: "Save \(round)."))
            try module.write("pages/02-office.md", PreviewFixtures.page("At the office", body: "Save \(round)."))
        }
        let batch = await next(watcher)
        XCTAssertEqual(batch, ["pages/01-welcome.md", "pages/02-office.md"])
        let more = await next(watcher, within: 0.5)
        XCTAssertNil(more, "forty saves, one batch")
    }

    func testADeletedFileAndANewFolderAreSeen() async throws {
        for polling in [false, true] {
            let module = try PreviewFixtures.module()
            let watcher = FileWatchers.make(for: module.root, polling: polling)
            defer { watcher.stop() }
            try await Task.sleep(for: .milliseconds(100))
            try FileManager.default.removeItem(at: module.root.appendingPathComponent("pages/03-quiz.md"))
            let deleted = await next(watcher)
            XCTAssertEqual(deleted, ["pages/03-quiz.md"], "polling: \(polling)")
            try module.write("media/new/photo.png", "x")
            let created = await next(watcher)
            XCTAssertTrue(created?.contains { $0.hasPrefix("media/new") } == true, "polling: \(polling): \(String(describing: created))")
        }
    }
}
