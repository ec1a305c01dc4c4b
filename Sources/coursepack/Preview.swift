import ArgumentParser
import CoursepackCheck
import CoursepackLoad
import CoursepackPreview
import Dispatch
import Foundation

struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the module in a browser as the web package would, live while you write it.",
        discussion: """
            Starts a local web server (127.0.0.1 unless --host says otherwise) and prints its address. \
            Every open tab follows the module's files: a changed page is rendered again and put in place \
            on the same page and scroll position; the checker's findings are shown on the page, next to \
            what they concern, and printed here. A language switch offers every locale and the \
            pseudo-locales en-XA and ar-XB; a translator's review mode marks every string with its status \
            and id. Nothing is written into the module folder. Stop it with Ctrl-C. See docs/preview.md.
            """)

    @Argument(help: "The module folder.", completion: .directory)
    var path: String = "."

    @Option(help: "The port to listen on (0: any free port).")
    var port: Int = 4949

    @Option(help: "The address to listen on. Other machines can reach the preview only if this is not a loopback address.")
    var host: String = "127.0.0.1"

    @Option(help: "The locale to open in (BCP 47 tag): the source, one of the module's locales, en-XA or ar-XB.")
    var locale: String?

    @Flag(help: "Look for changes by polling every 250 ms instead of inotify (for shared folders that do not report changes).")
    var poll = false

    @Option(help: "A folder that holds the module and whose files its links may reach (shared media in one repository). Default: the module folder alone.",
            completion: .directory)
    var root: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: path)
        let session = PreviewSession(root: folder, boundary: root.map { URL(fileURLWithPath: $0) })
        let terminal = PreviewTerminal(displayPath: path)
        let events = session.events()
        let (host, port, locale, poll, display) = (self.host, self.port, self.locale, self.poll, path)
        Task {
            do throws(PreviewError) { try await session.start() } catch {
                Output.error("coursepack: error: \(error.description)")
                Foundation.exit(ExitStatus.couldNotRun)
            }
            let locales = await session.locales
            if let locale, !locales.isEmpty, !locales.contains(where: { $0.lowercased() == locale.lowercased() }) {
                Output.error("coursepack: error: --locale \(locale): the module has no such locale; it has \(locales.joined(separator: ", "))")
                Foundation.exit(ExitStatus.couldNotRun)
            }
            Task { await terminal.follow(events, session: session) }
            let watcher = FileWatchers.make(for: folder, polling: poll)
            Task {
                for await batch in watcher.changes {
                    if let summary = await session.apply(batch) { terminal.say(summary) }
                }
            }
            let server = PreviewServer(session: session, initialLocale: locale)
            let moduleID = await session.moduleID ?? display
            do throws(PreviewError) {
                try await server.run(host: host, port: port) { address in
                    Output.line("Previewing \(moduleID) at \(address) (watching \(display) with \(watcher.method); Ctrl-C to stop)")
                    if !Self.isLoopback(host) {
                        Output.error("coursepack: warning: --host \(host): other machines on the network can see this preview")
                    }
                }
            } catch {
                Output.error("coursepack: error: \(error.description)")
                Foundation.exit(ExitStatus.couldNotRun)
            }
        }
        for signal in [SIGINT, SIGTERM] {
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .main)
            source.setEventHandler {
                Output.line("preview stopped")
                Foundation.exit(0)
            }
            source.resume()
            KeptUntilExit.keep(source)
        }
        dispatchMain()
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// What the preview says in the terminal: each change, and the findings as they come and go.
final class PreviewTerminal: @unchecked Sendable {
    private let displayPath: String
    private let lock = NSLock()
    private var shown: Set<Diagnostic> = []
    private var holds: [Hold] = []
    private var reported = false

    init(displayPath: String) { self.displayPath = displayPath }

    func say(_ text: String) {
        lock.withLock { Output.line(text) }
    }

    /// Prints new findings as `validate` does, and says which ones went.
    func follow(_ events: AsyncStream<PreviewEvent>, session: PreviewSession) async {
        for await event in events {
            guard case .findings(let report) = event else { continue }
            let diagnostics = Set(await session.diagnostics())
            lock.withLock { print(report, diagnostics) }
        }
    }

    private func print(_ report: FindingsReport, _ diagnostics: Set<Diagnostic>) {
            if report.holds != holds {
                for hold in report.holds where !holds.contains(hold) {
                    Output.error("coursepack: warning: \(hold.page.map { "pages/\($0).md" } ?? "module"): showing the last version that worked: \(hold.message)")
                }
                holds = report.holds
            }
            // The checker's findings are printed once it has run on this version, so that a finding
            // does not flicker away and back while it runs.
            guard report.checked else { return }
            let new = diagnostics.subtracting(shown).sorted()
            let gone = shown.subtracting(diagnostics).sorted()
            let reportText = TextReport(colors: Terminal.wantsColor, escape: TerminalText.value)
            for diagnostic in gone {
                Output.line("fixed: \(ModuleReport(displayPath: displayPath, diagnostics: []).path(of: diagnostic.location)):\(diagnostic.location.line):\(diagnostic.location.column): \(diagnostic.message) [\(diagnostic.code.rawValue)]")
            }
            if !new.isEmpty || !gone.isEmpty || !reported {
                if new.isEmpty {
                    Output.line(diagnostics.isEmpty ? "\(displayPath): no problems" : "\(displayPath): \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s") left")
                } else {
                    Output.colouredReport(reportText.render([ModuleReport(displayPath: displayPath, diagnostics: new)]))
                }
            }
            reported = true
            shown = diagnostics
    }
}
