import Foundation

/// libFuzzer's entry point over the module loader: the input is split at the first NUL byte into a
/// `module.yaml` and a page (or all `module.yaml` when there is none), written into a module folder, and
/// loaded as `validate` loads it. Every input must give diagnostics, never a crash, a hang or a runaway
/// allocation (libFuzzer's -rss_limit_mb and -timeout catch those).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0) ?? size
    let manifest = Data(bytes[0..<split])
    let page = split < size ? Data(bytes[(split + 1)...]) : nil
    do {
        try FuzzFolder.shared.write(manifest: manifest, page: page)
        let result = try ModuleLoader.load(FuzzFolder.shared.root)
        // Touch what later stages read, so that a malformed value is noticed here.
        for page in result.module?.pages ?? [] { _ = page.outline.textBlocks.count + page.components.count }
        for diagnostic in result.diagnostics { _ = diagnostic.location.description + diagnostic.message }
    } catch {
        // A folder that cannot be written is the machine's problem, not the input's.
    }
    return 0
}

/// One module folder reused for every input.
final class FuzzFolder: @unchecked Sendable {
    static let shared = FuzzFolder()
    let root: URL

    private init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: root.appendingPathComponent("pages"), withIntermediateDirectories: true)
    }

    func write(manifest: Data, page: Data?) throws {
        try manifest.write(to: root.appendingPathComponent("module.yaml"))
        let pageURL = root.appendingPathComponent("pages/01-page.md")
        if let page { try page.write(to: pageURL) } else { try? FileManager.default.removeItem(at: pageURL) }
    }
}
