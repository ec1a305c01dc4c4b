import Foundation

/// Turns a module folder into a `Module`, and everything that stood in the way into diagnostics.
public enum ModuleLoader {
    public struct Result: Sendable {
        /// Nil when the folder is not a module at all (then `diagnostics` says why).
        public let module: Module?
        public let diagnostics: [Diagnostic]
    }

    /// Failures that mean there is nothing to check at all (exit status 2).
    public enum Failure: Error, CustomStringConvertible, Sendable {
        case notFound(String)
        public var description: String {
            switch self {
            case .notFound(let path): return "\(path): no such file or folder"
            }
        }
    }

    public static func load(_ url: URL) throws(Failure) -> Result {
        guard let root = try folder(of: url) else {
            return Result(module: nil, diagnostics: [Diagnostic(
                .notAModule, at: SourceLocation(file: url.standardizedFileURL.lastPathComponent),
                "this is a file, not a module folder",
                hint: "pass the folder that holds module.yaml")])
        }

        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let manifestURL = root.appendingPathComponent(Module.manifestFile)
        guard entries.contains(Module.manifestFile) else {
            let visible = entries.filter { !$0.hasPrefix(".") }
            if visible.isEmpty {
                return Result(module: nil, diagnostics: [Diagnostic(
                    .emptyFolder, at: SourceLocation(file: "."), "this folder is empty",
                    hint: "run `coursepack init NAME` to start a module")])
            }
            return Result(module: nil, diagnostics: [Diagnostic(
                .notAModule, at: SourceLocation(file: Module.manifestFile),
                "this folder is not a module: it has no module.yaml",
                hint: "pass the folder that holds module.yaml, or run `coursepack init NAME` to start a module")])
        }

        var diagnostics: [Diagnostic] = []
        var manifest: SourceValue?
        switch TextFile.read(manifestURL, as: Module.manifestFile) {
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        case .success(let text):
            switch YAMLReader(file: Module.manifestFile).read(text) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let value):
                manifest = value ?? SourceValue(.null, at: SourceLocation(file: Module.manifestFile))
            }
        }

        let pageFiles = FolderWalk.files(in: root, under: "pages", recursive: false, diagnostics: &diagnostics)
            .filter { $0.hasSuffix(".md") }
        let pagesRoot = root
        let loadedPages = pageFiles.concurrentMap { PageLoader.load(pagesRoot.appendingPathComponent($0), as: $0) }
        var pages: [Page] = []
        for (page, pageDiagnostics) in loadedPages {
            if let page { pages.append(page) }
            diagnostics += pageDiagnostics
        }
        let media = FolderWalk.files(in: root, under: "media", recursive: true, diagnostics: &diagnostics)
        for file in media where file.hasSuffix(".vtt") || file.hasSuffix(".txt") {
            if case .failure(let diagnostic) = TextFile.read(root.appendingPathComponent(file), as: file) {
                diagnostics.append(diagnostic)
            }
        }
        let module = Module(root: root, manifest: manifest, pages: pages, mediaFiles: media)
        return Result(module: module, diagnostics: diagnostics)
    }

    /// The files under `media/` of the module at `url`, as `load` lists them in `Module.mediaFiles`,
    /// and the folder they are relative to; nil when `url` is no module folder. For work that can start
    /// before the pages are loaded, such as hashing large media; `load` still reports any problem.
    public static func mediaFiles(ofModuleAt url: URL) -> (root: URL, files: [String])? {
        guard let root = try? folder(of: url) else { return nil }
        var ignored: [Diagnostic] = []
        return (root, FolderWalk.files(in: root, under: "media", recursive: true, diagnostics: &ignored))
    }

    /// The module folder `url` names: itself, or the folder around it when it is a `module.yaml`
    /// (`coursepack validate module.yaml` means that module); nil for any other file.
    private static func folder(of url: URL) throws(Failure) -> URL? {
        let root = url.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw .notFound(url.path)
        }
        if isDirectory.boolValue { return root }
        return root.lastPathComponent == Module.manifestFile ? root.deletingLastPathComponent() : nil
    }
}
