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
        /// The module folder is not inside the folder given as its boundary (`--root`).
        case outsideRoot(module: String, root: String)
        public var description: String {
            switch self {
            case .notFound(let path): return "\(path): no such file or folder"
            case .outsideRoot(let module, let root):
                return "\(module): the module folder is not inside --root \(root); pass a --root that holds it"
            }
        }
    }

    /// Loads the module at `url`. Nothing outside the module folder is read, unless `root` names a wider
    /// folder (a repository with shared media) that holds it: then links may lead anywhere inside `root`.
    public static func load(_ url: URL, root wider: URL? = nil) throws(Failure) -> Result {
        guard let root = try folder(of: url) else {
            return Result(module: nil, diagnostics: [Diagnostic(
                .notAModule, at: SourceLocation(file: url.standardizedFileURL.lastPathComponent),
                "this is a file, not a module folder",
                hint: "pass the folder that holds module.yaml")])
        }

        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
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

        let boundary = try self.boundary(of: root, wider: wider, given: url)
        var diagnostics: [Diagnostic] = []
        var manifest: SourceValue?
        switch read(Module.manifestFile, of: root, boundary: boundary) {
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        case .success(let text):
            switch YAMLReader(file: Module.manifestFile).read(text) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let value):
                manifest = value ?? SourceValue(.null, at: SourceLocation(file: Module.manifestFile))
            }
        }

        let pageFiles = FolderWalk.files(in: root, under: "pages", recursive: false, boundary: boundary, diagnostics: &diagnostics)
            .filter { $0.hasSuffix(".md") }
        let pagesRoot = root
        let loadedPages = pageFiles.concurrentMap { PageLoader.load(pagesRoot.appendingPathComponent($0), as: $0) }
        var pages: [Page] = []
        for (page, pageDiagnostics) in loadedPages {
            if let page { pages.append(page) }
            diagnostics += pageDiagnostics
        }
        let media = FolderWalk.files(in: root, under: "media", recursive: true, boundary: boundary, diagnostics: &diagnostics)
        for file in media where file.hasSuffix(".vtt") || file.hasSuffix(".txt") {
            if case .failure(let diagnostic) = TextFile.read(root.appendingPathComponent(file), as: file) {
                diagnostics.append(diagnostic)
            }
        }
        let module = Module(root: root, manifest: manifest, pages: pages, mediaFiles: media, boundary: boundary)
        return Result(module: module, diagnostics: diagnostics)
    }

    /// One page of a loaded module read again (`pages/<id>.md`), as `load` reads it, for a tool that
    /// follows the module's changes (the live preview) without loading every page again. Nil with a
    /// diagnostic when the file is gone or refused (a link out of the module, not a file).
    public static func loadPage(_ file: String, of module: Module) -> (page: Page?, diagnostics: [Diagnostic]) {
        guard let boundary = module.boundary ?? ModuleBoundary(module.root) else {
            return (nil, [Diagnostic(.unreadablePath, at: SourceLocation(file: file), "the module folder is gone")])
        }
        switch boundary.check(file, in: module.root) {
        case .success((.file, _)): return PageLoader.load(module.root.appendingPathComponent(file), as: file)
        case .success((.folder, _)): return (nil, [ModuleBoundary.diagnostic(.special("a folder"), at: file)])
        case .failure(let refusal): return (nil, [ModuleBoundary.diagnostic(refusal, at: file)])
        }
    }

    /// The files under `media/` of the module at `url`, as `load` lists them in `Module.mediaFiles`,
    /// and the folder they are relative to; nil when `url` is no module folder. For work that can start
    /// before the pages are loaded, such as hashing large media; `load` still reports any problem.
    public static func mediaFiles(ofModuleAt url: URL, root wider: URL? = nil) -> (root: URL, files: [String])? {
        guard let root = try? folder(of: url), let boundary = try? boundary(of: root, wider: wider, given: url) else { return nil }
        var ignored: [Diagnostic] = []
        return (root, FolderWalk.files(in: root, under: "media", recursive: true, boundary: boundary, diagnostics: &ignored))
    }

    /// The folder nothing of the module may be read outside of.
    private static func boundary(of root: URL, wider: URL?, given url: URL) throws(Failure) -> ModuleBoundary {
        guard let own = ModuleBoundary(root) else { throw .notFound(url.path) }
        guard let wider else { return own }
        guard let boundary = ModuleBoundary(wider) else { throw .notFound(wider.path) }
        guard boundary.contains(realPath: own.realRoot) else { throw .outsideRoot(module: url.path, root: wider.path) }
        return boundary
    }

    /// A file of the module by its relative path, when the boundary allows it to be read.
    static func read(_ relative: String, of root: URL, boundary: ModuleBoundary) -> Swift.Result<String, Diagnostic> {
        switch boundary.check(relative, in: root) {
        case .success((.file, _)): return TextFile.read(root.appendingPathComponent(relative), as: relative)
        case .success((.folder, _)): return .failure(ModuleBoundary.diagnostic(.special("a folder"), at: relative))
        case .failure(let refusal): return .failure(ModuleBoundary.diagnostic(refusal, at: relative))
        }
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
