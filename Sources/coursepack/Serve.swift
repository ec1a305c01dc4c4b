import ArgumentParser
import CoursepackServe
import Foundation

/// `coursepack serve`: the local host. `serve` alone runs it; `serve learners add` and
/// `serve admin-password` prepare it.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Host a library's packages for learners on the local network (SCORM 1.2, SCORM 2004, cmi5).",
        discussion: """
            Learners open http://HOST:PORT/ on a phone or laptop and join with a code. The trainer \
            signs in at /admin. Progress is kept in SQLite (host.sqlite in the library) or PostgreSQL \
            (--database postgres://...). See docs/trainers.md and docs/serve-api.md.
            """,
        subcommands: [Run.self, Learners.self, AdminPassword.self, Strings.self],
        defaultSubcommand: Run.self)

    struct Location: ParsableArguments {
        @Option(help: "The library folder (coursepack import fills it).", completion: .directory)
        var library: String

        @Option(help: "sqlite:PATH or postgres://user:password@host:port/database (default: sqlite:LIBRARY/host.sqlite).")
        var database: String?

        func databaseLocation() throws -> DatabaseLocation {
            guard let database else { return .sqlite(URL(fileURLWithPath: library).appendingPathComponent("host.sqlite").path) }
            guard let location = DatabaseLocation.parse(database) else {
                throw CommandFailure(message: "--database '\(database)' is neither sqlite:PATH nor postgres://...")
            }
            return location
        }

        func libraryURL(create: Bool) throws -> URL {
            let url = URL(fileURLWithPath: library)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
                guard isFolder.boolValue else { throw CommandFailure(message: "\(library) is not a folder") }
            } else {
                guard create else {
                    throw CommandFailure(message: "\(library): no library here. Import a package first (coursepack import PACKAGE.zip --library \(library)), or make an empty folder and upload packages at /admin")
                }
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            }
            return url
        }

        func openStore() throws -> Store {
            let location = try databaseLocation()
            return try blocking { try await Store.open(location) }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the host (the default).")

        @OptionGroup var location: Location

        @Option(help: "The address to listen on (0.0.0.0: every network of this machine).")
        var host = "127.0.0.1"

        @Option(help: "The port (0: any free port, printed at start).")
        var port = 8080

        @Option(help: "The largest package upload, in MB.")
        var maxUploadMb = 512

        @Flag(help: "Behind a reverse proxy (nginx): take the client's address from X-Forwarded-For.")
        var behindProxy = false

        @Option(help: "A folder of translations of the learners' pages, <language>.po (see: coursepack serve strings).",
                completion: .directory)
        var strings: String?

        func run() throws {
            // A mistyped --library must not start an empty host beside the real one.
            let library = try location.libraryURL(create: false)
            let languages: HostLanguages
            do { languages = try HostLanguages.load(extra: strings.map { URL(fileURLWithPath: $0) }) } catch {
                throw CommandFailure(message: "--strings: \(error.description)")
            }
            for note in languages.notes { Output.error("coursepack serve: \(note)") }
            let store: Store
            do { store = try location.openStore() } catch let failure as CommandFailure { throw failure } catch {
                throw CommandFailure(message: "the database cannot be opened: \(error)")
            }
            // First start: a one-time admin password, printed once, so that the admin page is never open
            // without one. `serve admin-password` replaces it.
            if try !blocking({ try await store.hasAdminPassword() }) {
                let password = Self.generatedPassword()
                let hash = HostServer.passwordHash(password)
                try blocking { try await store.setAdminPassword(hash: hash) }
                Output.error("coursepack serve: no admin password was set; the first one is: \(password)")
                Output.error("  (shown once; set your own with: coursepack serve admin-password --library \(location.library))")
            }
            var configuration = HostConfiguration(library: library)
            configuration.maxUploadBytes = Int64(maxUploadMb) << 20
            configuration.behindProxy = behindProxy
            configuration.languages = languages
            let hostApp = Host(store: store, configuration: configuration)
            let listenHost = host, listenPort = port
            let logLevel = ProcessInfo.processInfo.environment["COURSEPACK_LOG"]
            do {
                try blocking {
                    try await HostServer.run(hostApp, address: listenHost, port: listenPort, logLevel: logLevel) { actualPort in
                        PackageOutput.line("coursepack serve: listening on http://\(listenHost):\(actualPort)/ (learners), http://\(listenHost):\(actualPort)/admin (trainer)")
                    }
                }
            } catch {
                if "\(error)".contains("Address already in use") {
                    throw CommandFailure(message: "port \(listenPort) on \(listenHost) is taken by another program: choose another with --port (or stop the other host)")
                }
                if "\(error)".contains("Cannot assign requested address") || "\(error)".contains("Could not resolve") {
                    throw CommandFailure(message: "--host \(listenHost) is not an address of this machine: use 127.0.0.1 (this machine only) or 0.0.0.0 (every network)")
                }
                throw CommandFailure(message: "the server stopped: \(error)")
            }
            try? blocking { try await store.backend.close() }
        }

        static func generatedPassword() -> String {
            let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
            var generator = SystemRandomNumberGenerator()
            return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        }
    }

    struct Learners: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create learners and print their codes.", subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create learners (one transaction) and print NAME<TAB>CODE for each.")

            @OptionGroup var location: Location

            @Argument(help: "The learners' names, as the trainer will call them.")
            var names: [String] = []

            @Option(help: "Create this many learners named PREFIX1, PREFIX2, ... (tests and benchmarks).")
            var count: Int?

            @Option(help: "The name prefix for --count.")
            var prefix = "learner-"

            @Option(help: "The learners' language (en, fr, ar).")
            var language: String?

            func run() throws {
                var names = names
                if let count {
                    guard count > 0, count <= 100_000 else { throw CommandFailure(message: "--count must be from 1 to 100000") }
                    names += (1...count).map { "\(prefix)\($0)" }
                }
                let all = names
                guard !all.isEmpty else { throw CommandFailure(message: "give the learners' names, or --count N") }
                _ = try location.libraryURL(create: true)
                let store = try location.openStore()
                do {
                    let created = try blocking { try await store.addLearners(all, language: language) }
                    PackageOutput.lines(created.map { "\($0.name)\t\($0.code)" })
                } catch let refusal as StoreRefusal {
                    throw CommandFailure(message: refusal.description)
                }
                try? blocking { try await store.backend.close() }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Every learner and their code.")

            @OptionGroup var location: Location

            func run() throws {
                _ = try location.libraryURL(create: false)
                let store = try location.openStore()
                let learners = try blocking { try await store.allLearners() }
                PackageOutput.lines(learners.map { "\($0.name)\t\($0.code)" })
                try? blocking { try await store.backend.close() }
            }
        }
    }

    struct Strings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the template of the learners' pages' words (PO), for a translator.",
            discussion: """
                Save a translation as LANGUAGE.po (fr.po, ps.po, fa.po) in a folder and start the host with \
                --strings FOLDER. An entry whose English has changed since it was translated is shown in \
                English until it is translated again; serve says which at start.
                """)

        func run() throws {
            Output.document(HostLanguages.template())
        }
    }

    struct AdminPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "admin-password",
            abstract: "Set the admin password, read from standard input (one line); every admin session ends.")

        @OptionGroup var location: Location

        func run() throws {
            _ = try location.libraryURL(create: true)
            if isatty(0) != 0 { FileHandle.standardError.write(Data("New admin password: ".utf8)) }
            guard let line = readLine(strippingNewline: true) else { throw CommandFailure(message: "no password on standard input") }
            guard line.count >= 8 else { throw CommandFailure(message: "the admin password must be at least 8 characters") }
            guard line.utf8.count <= 72 else { throw CommandFailure(message: "the admin password must be at most 72 bytes (bcrypt's limit)") }
            let store = try location.openStore()
            let hash = HostServer.passwordHash(line)
            try blocking { try await store.setAdminPassword(hash: hash) }
            try? blocking { try await store.backend.close() }
            PackageOutput.line("the admin password is set")
        }
    }
}

/// Runs async work from a synchronous command and waits for it.
func blocking<T>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let semaphore = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: Result<T, Error>!
    Task {
        do { result = .success(try await work()) } catch { result = .failure(error) }
        semaphore.signal()
    }
    semaphore.wait()
    return try result.get()
}
