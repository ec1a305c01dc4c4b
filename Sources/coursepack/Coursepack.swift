import ArgumentParser
import Foundation
#if os(Linux)
import CMalloc
#endif

/// `coursepack`: the workbench for multilingual training modules.
@main
struct Coursepack: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "coursepack",
        abstract: "Write, check, translate and pack multilingual training modules.",
        discussion: """
            A module is a folder: module.yaml, pages/*.md (Markdown with components as fenced YAML \
            blocks) and media/. See docs/format.md for the format and docs/diagnostics.md for every \
            diagnostic code.

            Shell completions: coursepack --generate-completion-script bash|zsh|fish
            """,
        version: version,
        subcommands: [Validate.self, Init.self, Strings.self, Pack.self, Keygen.self, Verify.self, Import.self, LibraryCommand.self, Inspect.self, Diff.self, Preview.self, Serve.self])

    /// Exit statuses: 0 clean, 1 problems found, 2 could not run (bad arguments, unreadable paths).
    static func main() {
        #if os(Linux)
        // Large modules mean tables of tens of megabytes read into many growing buffers. glibc gives
        // every large buffer its own mapping and unmaps it on free, so the next one faults in fresh
        // pages; keeping freed memory in the heap reuses pages already touched (a tenth of the time
        // of `strings export` on 100,000 strings).
        mallopt(M_MMAP_THRESHOLD, 256 << 20)
        mallopt(M_TRIM_THRESHOLD, 512 << 20)
        mallopt(M_TOP_PAD, 16 << 20)
        // No fastbins (the per-thread cache still serves small blocks): with them, every large request
        // after many small frees first sweeps the fastbins into the free lists (malloc_consolidate),
        // several percent of an import of 100,000 strings.
        mallopt(M_MXFAST, 0)
        #endif
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CommandFailure {
            Output.error("coursepack: error: \(failure.message)")
            Foundation.exit(ExitStatus.couldNotRun)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Output.errorLines(fullMessage(for: error))
            Foundation.exit(ExitStatus.couldNotRun)
        }
    }
}

enum ExitStatus {
    static let clean: Int32 = 0
    static let problemsFound: Int32 = 1
    static let couldNotRun: Int32 = 2
}

/// A reason the command could not do its work at all, said in one sentence.
struct CommandFailure: Error {
    let message: String
}

/// Values kept until the process exits. A command that holds a large module's strings ends right
/// after its work; freeing a hundred thousand strings one by one, just before the operating system
/// takes the whole address space back, would cost it a tenth of a second.
enum KeptUntilExit {
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ value: Any) { values.append(value) }
}
