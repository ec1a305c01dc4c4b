import ArgumentParser
import CoursepackLocalize
import Foundation

struct StringsPseudo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pseudo",
        abstract: "Write pseudo-translations that show layout problems: en-XA (accented, a third longer) and ar-XB (right to left).",
        discussion: "Writes locales/en-XA.po and locales/ar-XB.po. Pack with --locale en-XA or ar-XB to look at the result.")

    @OptionGroup var module: ModuleOption

    func run() throws {
        let lock = try module.folder.lock()
        defer { withExtendedLifetime(lock) {} }
        let strings = try module.strings()
        var files: [String: String] = [:]
        for kind in PseudoLocalizer.Kind.allCases {
            let table = PseudoLocalizer.table(for: strings.units, as: kind)
            files[StringTableFiles.path(for: kind.rawValue)] = POWriter.write(
                StringTableFiles.po(for: table, units: strings.units, module: strings.identity))
        }
        do { try AtomicFiles.write(files, under: strings.root) } catch { throw CommandFailure(message: error.description) }
        for path in files.keys.sorted() { print("wrote \(module.path)/\(path)") }
    }
}
