import CoursepackCheck
import CoursepackLoad
import CoursepackLocalize
import CoursepackRender
import CoursepackVerify
import Foundation

/// `coursepack pack`: load and check the module, decide the locales, render, and write one zip per
/// target. Every zip is written under a temporary name and renamed into place only when all of them
/// are written: a failure, or an interruption, leaves the output folder as it was.
public enum Packer {
    public static func pack(_ moduleURL: URL, options: PackOptions) throws(PackFailure) -> PackResult {
        InterruptCleanup.install()
        try prepareOutputFolder(options.outputFolder)
        let (module, strings, diagnostics) = try loadChecked(moduleURL)
        let selection = try LocaleSelection(report: StatusReport(strings), requested: options.locales,
                                            requireComplete: options.requireComplete)
        let locales = selection.carried.map(\.tag)
        guard let description = ModuleDescription(strings, module: module, locales: locales) else {
            throw .cannotRun("\(moduleURL.path): module.yaml has no valid completion rule; run coursepack validate")
        }
        let date = try SourceDate.resolve(module: module.root, environment: options.environment)
        let build = PackageManifest.BuildRecord(tool: "coursepack", toolVersion: options.toolVersion, date: date.iso8601,
                                                dateSource: date.source, zipLibrary: PackageAssembler.zipLibrary)
        var rendered: [(PackageTarget, RenderedModule)] = []
        for target in options.targets {
            do { rendered.append((target, try ModuleRenderer.render(strings, locales: locales, target: target))) } catch {
                throw .cannotRun("\(moduleURL.path): could not render for \(target.rawValue): \(error.description)")
            }
        }
        let player = try PlayerFiles.list()
        let files = try fileRecords(player: player, media: Set(rendered.flatMap { $0.1.media }), module: module.root)
        let assembler = PackageAssembler(description: description, selection: selection, pages: try pageRecords(module),
                                         strings: StringDigests.of(strings, locales: locales), build: build, files: files,
                                         playerPaths: player.map(\.path), signingKey: options.signingKey)
        var pending: [(PendingFile, WrittenPackage)] = []
        do {
            for (target, module) in rendered {
                let entries = try assembler.entries(for: target, rendered: module)
                let name = fileName(description, locales: locales, moduleLocales: strings.identity.locales.count + 1, target: target)
                let destination = options.outputFolder.appendingPathComponent(name)
                let file = try write(entries, to: destination, modificationTime: date.seconds)
                let size = (try? FileManager.default.attributesOfItem(atPath: file.temporary.path)[.size] as? NSNumber)?.int64Value ?? 0
                pending.append((file, WrittenPackage(url: destination, target: target, locales: locales, size: size,
                                                     signed: options.signingKey != nil)))
            }
            for (file, _) in pending { try commit(file) }
        } catch {
            for (file, _) in pending { file.discard() }
            throw error
        }
        return PackResult(packages: pending.map(\.1), warnings: selection.warnings,
                          diagnostics: diagnostics.filter { $0.severity != .error })
    }

    /// `<id>-<version>[-<locale>]-<target>.zip`: the locale is named when the package carries one
    /// locale of a module that has several.
    static func fileName(_ module: ModuleDescription, locales: [String], moduleLocales: Int, target: PackageTarget) -> String {
        let locale = locales.count == 1 && moduleLocales > 1 ? "-\(locales[0])" : ""
        return "\(module.id)-\(module.version)\(locale)-\(target.rawValue).zip"
    }

    private static func prepareOutputFolder(_ folder: URL) throws(PackFailure) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .cannotRun("\(folder.path) is a file, not a folder; choose a folder with --out") }
        } else {
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw .cannotRun("could not create the folder \(folder.path): \(error.localizedDescription); choose another one with --out")
            }
        }
        // Fail before the work when the folder cannot be written; the real write reports anything else.
        if access(folder.path, W_OK) != 0 {
            throw .cannotRun(PackageError.system("write to", folder.path, errno: errno).description)
        }
    }

    /// Loads the module and runs every check `validate` runs; a module with errors is refused.
    private static func loadChecked(_ url: URL) throws(PackFailure) -> (Module, ModuleStrings, [Diagnostic]) {
        let loaded: ModuleLoader.Result
        do { loaded = try ModuleLoader.load(url) } catch { throw .cannotRun(error.description) }
        var diagnostics = loaded.diagnostics
        guard let module = loaded.module else { throw .moduleHasErrors(diagnostics.sorted()) }
        do { diagnostics += try ModuleChecker.check(module) } catch { throw .cannotRun(error.description) }
        guard !diagnostics.hasErrors, module.manifest != nil else { throw .moduleHasErrors(diagnostics.sorted()) }
        let strings: ModuleStrings
        do { strings = try ModuleStrings.load(module) } catch {
            diagnostics += TableChecker.diagnostics(for: module)
            if diagnostics.hasErrors { throw .moduleHasErrors(diagnostics.sorted()) }
            throw .cannotRun("\(url.path): \(error.description)")
        }
        diagnostics += TableChecker.diagnostics(for: strings)
        if diagnostics.hasErrors { throw .moduleHasErrors(diagnostics.sorted()) }
        return (module, strings, diagnostics.sorted())
    }

    /// Hashes the player and the media once for every target.
    private static func fileRecords(player: [(path: String, url: URL)], media: Set<String>, module: URL) throws(PackFailure)
        -> [String: (url: URL, record: PackageManifest.FileRecord)]
    {
        var files = player
        for path in media.sorted() {
            if let problem = PackageAssembler.pathProblem(path), !path.hasPrefix("media/") {
                throw .cannotRun("internal error: the renderer asked for \(path): \(problem)")
            }
            files.append((path, module.appendingPathComponent(path)))
        }
        let records = try FileDigest.records(files.map(\.url))
        var result: [String: (url: URL, record: PackageManifest.FileRecord)] = [:]
        for (file, record) in zip(files, records) { result[file.path] = (file.url, record) }
        return result
    }

    /// The pages in reading order, each with its title and the hash of its source file.
    private static func pageRecords(_ module: Module) throws(PackFailure) -> [PackageManifest.PageRecord] {
        let order = module.manifest?["pages"]?.array?.compactMap(\.string) ?? module.pages.map(\.id)
        let byID = Dictionary(module.pages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var records: [PackageManifest.PageRecord] = []
        for id in order {
            guard let page = byID[id] else { continue }
            let url = module.root.appendingPathComponent(page.file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .cannotRun("could not read \(url.path); pack again once it is back")
            }
            records.append(.init(id: id, title: page.frontMatter?["title"]?.string ?? id, sha256: FileDigest.sha256(data)))
        }
        return records
    }

    private static func write(_ entries: [StagedEntry], to destination: URL, modificationTime: Int) throws(PackFailure) -> PendingFile {
        do {
            let writer = try ZipWriter(destination: destination, modificationTime: modificationTime)
            for entry in entries { try writer.add(entry) }
            return try writer.finish()
        } catch {
            throw .cannotRun(error.description)
        }
    }

    private static func commit(_ file: PendingFile) throws(PackFailure) {
        do { try file.commit() } catch { throw .cannotRun(error.description) }
    }
}
