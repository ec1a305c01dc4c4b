import CoursepackCheck
import CoursepackLoad
import CoursepackLocalize
import CoursepackPackaging
import CoursepackRender
import CoursepackVerify
import Foundation

/// `coursepack pack`: load and check the module, decide the locales, render, and write one zip per
/// target. Every zip is written under a temporary name and renamed into place only when all of them
/// are written: a failure, or an interruption, leaves the output folder as it was.
public enum Packer {
    public static func pack(_ moduleURL: URL, options: PackOptions) throws(PackFailure) -> PackResult {
        InterruptCleanup.install()
        var timer = PhaseTimer(environment: options.environment)
        var output = try OutputFolder(options.outputFolder)
        let allPlayerFiles = try PlayerFiles.list()
        let boundary = options.boundary
        // Hashing the media is most of a large pack's work that does not depend on the pages: it starts first.
        let digests = BackgroundDigests {
            let player = allPlayerFiles.map(\.url)
            guard let media = ModuleLoader.mediaFiles(ofModuleAt: moduleURL, root: boundary) else { return player }
            return player + media.files.map { media.root.appendingPathComponent($0) }
        }
        defer { digests.cancel() }
        let (loaded, module) = try load(moduleURL, boundary: options.boundary, timer: &timer)
        let sourceDate = try SourceDate.resolve(module: module.root, environment: options.environment)
        let (strings, diagnostics) = try check(loaded, module, timer: &timer)
        if options.targets.contains(.scorm12) { try fitsSCORM12(module) }
        let selection = try LocaleSelection(strings, requested: options.locales, requireComplete: options.requireComplete)
        let locales = selection.carried.map(\.tag)
        // Fonts only for the scripts the carried locales are written in.
        let player = PlayerFiles.keeping(fonts: BundledFont.carried(for: locales), of: allPlayerFiles)
        let missingFonts = BundledFont.needed(by: locales).filter { !$0.isInstalled }.map { font in
            "the \(font.scriptName) font is not installed with this coursepack (scripts/make-fonts.sh makes it): the packages rely on the learners' own fonts for that text"
        }
        guard let description = ModuleDescription(strings, module: module, locales: locales) else {
            throw .cannotRun("\(moduleURL.path): module.yaml has no valid completion rule; run coursepack validate")
        }
        let date = sourceDate()
        let build = PackageManifest.BuildRecord(tool: "coursepack", toolVersion: options.toolVersion, date: date.iso8601,
                                                dateSource: date.source, zipLibrary: PackageAssembler.zipLibrary)
        timer.mark("locales and description")
        // The pages' and strings' digests (for coursepack.json) are made while the targets render.
        let recordsOfPages = Background { () -> Result<[PackageManifest.PageRecord], PackFailure> in
            do throws(PackFailure) { return .success(try pageRecords(module)) } catch { return .failure(error) }
        }
        let digestsOfStrings = Background { StringDigests.of(strings, locales: locales) }
        // The targets are rendered side by side: each rendering works one locale after the other.
        let renderings = options.targets.concurrentMap { target in
            Result { () throws(RenderError) in try ModuleRenderer.render(strings, locales: locales, target: target) }
        }
        var rendered: [(PackageTarget, RenderedModule)] = []
        for (target, rendering) in zip(options.targets, renderings) {
            do { rendered.append((target, try rendering.get())) } catch {
                throw .cannotRun("\(moduleURL.path): could not render for \(target.rawValue): \(error.description)")
            }
        }
        timer.mark("render")
        let files = try fileRecords(player: player, media: Set(rendered.flatMap { $0.1.media }), module: module.root,
                                    digests: digests)
        let assembler = PackageAssembler(description: description, selection: selection, pages: try recordsOfPages.value.get(),
                                         strings: digestsOfStrings.value, build: build, files: files,
                                         playerPaths: player.map(\.path), signingKey: options.signingKey)
        timer.mark("hash player, media and pages, string digests")
        var pending: [(PendingFile, WrittenPackage)] = []
        do {
            try output.create()
            // A pack killed with SIGKILL (which no handler sees) left its temporary zips behind.
            PendingFile.removeAbandoned(in: output.url)
            for (target, module) in rendered {
                let entries = try assembler.entries(for: target, rendered: module)
                timer.mark("assemble \(target.rawValue)")
                let name = fileName(description, locales: locales, moduleLocales: strings.identity.locales.count + 1, target: target)
                let destination = output.url.appendingPathComponent(name)
                let file = try write(entries, to: destination, modificationTime: date.seconds)
                timer.mark("zip \(target.rawValue)")
                let size = (try? FileManager.default.attributesOfItem(atPath: file.temporary.path)[.size] as? NSNumber)?.int64Value ?? 0
                pending.append((file, WrittenPackage(url: destination, target: target, locales: locales, size: size,
                                                     signed: options.signingKey != nil)))
            }
            for (file, _) in pending { try commit(file) }
            timer.mark("rename into place")
        } catch {
            for (file, _) in pending { file.discard() }
            output.removeCreated()
            throw error
        }
        return PackResult(packages: pending.map(\.1), warnings: selection.warnings + missingFonts,
                          diagnostics: diagnostics.filter { $0.severity != .error },
                          workingSet: .init(values: [loaded, module, strings, rendered, assembler]))
    }

    /// SCORM 1.2 keeps 4,096 characters of suspend_data: a module whose place, pages seen and results
    /// alone need more would lose learners' answers in an LMS that enforces the limit (CP602).
    static func fitsSCORM12(_ module: Module) throws(PackFailure) {
        let estimate = LearnerStateRule.estimate(module)
        let limit = LearnerStateRule.suspendDataLimit
        guard estimate.minimum > limit else { return }
        let kept = estimate.parts.prefix(2).map { "\($0.what) \($0.characters)" }.joined(separator: ", ")
        throw .moduleHasErrors([Diagnostic(.learnerStateNeverFitsSCORM12, at: SourceLocation(file: Module.manifestFile),
            "not packed for scorm12: the learner state of this module needs at least \(estimate.minimum) characters (\(kept)), more than SCORM 1.2's \(limit) for suspend_data, so an LMS that enforces the limit would refuse learners' answers",
            hint: "pack it with --target scorm2004 (64,000 characters) or --target cmi5, or split the module")])
    }

    /// `<id>-<version>[-<locale>]-<target>.zip`: the locale is named when the package carries one
    /// locale of a module that has several.
    static func fileName(_ module: ModuleDescription, locales: [String], moduleLocales: Int, target: PackageTarget) -> String {
        let locale = locales.count == 1 && moduleLocales > 1 ? "-\(locales[0])" : ""
        return "\(module.id)-\(module.version)\(locale)-\(target.rawValue).zip"
    }

    /// Loads the module; one whose files cannot be read at all is refused with the loader's findings.
    private static func load(_ url: URL, boundary: URL?, timer: inout PhaseTimer) throws(PackFailure) -> (ModuleLoader.Result, Module) {
        let loaded: ModuleLoader.Result
        do { loaded = try ModuleLoader.load(url, root: boundary) } catch { throw .cannotRun(error.description) }
        guard let module = loaded.module else { throw .moduleHasErrors(loaded.diagnostics.sorted()) }
        timer.mark("load")
        return (loaded, module)
    }

    /// Runs every check `validate` runs; a module with errors is refused.
    private static func check(_ loaded: ModuleLoader.Result, _ module: Module, timer: inout PhaseTimer) throws(PackFailure)
        -> (ModuleStrings, [Diagnostic])
    {
        var diagnostics = loaded.diagnostics
        // The strings are extracted while the module is checked: both only read it.
        let loading = Background { () -> Result<ModuleStrings, ModuleStrings.Failure> in
            do throws(ModuleStrings.Failure) { return .success(try ModuleStrings.load(module)) } catch { return .failure(error) }
        }
        do { diagnostics += try ModuleChecker.check(module) } catch { throw .cannotRun(error.description) }
        timer.mark("check")
        guard !diagnostics.hasErrors, module.manifest != nil else { throw .moduleHasErrors(diagnostics.sorted()) }
        let strings: ModuleStrings
        do { strings = try loading.value.get() } catch {
            diagnostics += TableChecker.diagnostics(for: module)
            if diagnostics.hasErrors { throw .moduleHasErrors(diagnostics.sorted()) }
            throw .cannotRun("\(module.root.path): \(error.description)")
        }
        timer.mark("strings")
        diagnostics += TableChecker.diagnostics(for: strings)
        timer.mark("check translations")
        if diagnostics.hasErrors { throw .moduleHasErrors(diagnostics.sorted()) }
        return (strings, diagnostics.sorted())
    }

    /// Hashes the player and the media once for every target.
    private static func fileRecords(player: [(path: String, url: URL)], media: Set<String>, module: URL,
                                    digests: BackgroundDigests) throws(PackFailure)
        -> [String: (url: URL, record: PackageManifest.FileRecord)]
    {
        var files = player
        for path in media.sorted() {
            if let problem = PackageAssembler.pathProblem(path), !path.hasPrefix("media/") {
                throw .cannotRun("internal error: the renderer asked for \(path): \(problem)")
            }
            files.append((path, module.appendingPathComponent(path)))
        }
        let records = try digests.records(files.map(\.url))
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
