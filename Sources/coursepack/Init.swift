import ArgumentParser
import CoursepackLoad
import CoursepackSchemas
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new module that validates, with editor settings for the format's schemas.",
        discussion: """
            Creates the folder NAME with module.yaml, a first page, media/, and settings that let VS Code \
            (with the YAML extension) complete and check module.yaml as you type. The folder must not \
            exist yet, or be empty.
            """)

    @Argument(help: "The new module's folder; its last part becomes the module id (lowercase, digits and hyphens).",
              completion: .directory)
    var name: String

    @Option(help: "Who the module is for: migrants, officers, trainers or general.")
    var audience: String = "general"

    @Option(help: "The language the module is written in, as a BCP 47 tag.")
    var language: String = "en"

    func validate() throws {
        guard ["migrants", "officers", "trainers", "general"].contains(audience) else {
            throw ValidationError("--audience must be migrants, officers, trainers or general; found '\(audience)'")
        }
    }

    func run() throws {
        let target = URL(fileURLWithPath: name).standardizedFileURL
        let id = target.lastPathComponent
        guard id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil else {
            throw CommandFailure(message: "'\(id)' cannot be a module id: use lowercase letters, digits and single hyphens, for example 'first-weeks'")
        }
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: target.path), !existing.isEmpty {
            throw CommandFailure(message: "\(name) already exists and is not empty; choose a new folder name")
        }
        if manager.fileExists(atPath: target.path), (try? manager.contentsOfDirectory(atPath: target.path)) == nil {
            throw CommandFailure(message: "\(name) exists and is not a folder")
        }
        let parent = target.deletingLastPathComponent()
        guard manager.isWritableFile(atPath: parent.path) else {
            throw CommandFailure(message: "cannot write in \(parent.path): permission denied or no such folder")
        }
        // Build the module in a hidden sibling folder and move it into place at the end, so that a
        // failure halfway leaves nothing behind.
        let staging = parent.appendingPathComponent(".\(id).coursepack-init-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? manager.removeItem(at: staging)
            try ModuleTemplate(id: id, audience: audience, language: language).write(to: staging)
            if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
            try manager.moveItem(at: staging, to: target)
        } catch {
            try? manager.removeItem(at: staging)
            throw CommandFailure(message: "could not create \(name): \(error.localizedDescription)")
        }
        print("Created \(name). Next: edit \(name)/pages/01-welcome.md, then run: coursepack validate \(name)")
    }
}

/// The files of a new module.
struct ModuleTemplate {
    let id: String
    let audience: String
    let language: String

    var title: String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    func write(to folder: URL) throws {
        let manager = FileManager.default
        for sub in ["pages", "media", ".vscode", ".coursepack/schemas/components"] {
            try manager.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let files: [String: String] = [
            "module.yaml": manifest,
            "pages/01-welcome.md": welcomePage,
            ".vscode/settings.json": editorSettings,
            ".vscode/extensions.json": "{\n  \"recommendations\": [\"redhat.vscode-yaml\"]\n}\n",
            ".editorconfig": "root = true\n\n[*]\ncharset = utf-8\nend_of_line = lf\nindent_style = space\nindent_size = 2\ninsert_final_newline = true\n",
            ".gitignore": "/out/\n",
        ]
        for (path, contents) in files {
            try Data(contents.utf8).write(to: folder.appendingPathComponent(path))
        }
        // The editor reads the schemas from inside the module: no network, and they match this tool's version.
        let schemas = CoursepackSchemas.directory
        for file in try schemaFiles(in: schemas) {
            try manager.copyItem(at: schemas.appendingPathComponent(file),
                                 to: folder.appendingPathComponent(".coursepack/schemas/" + file))
        }
    }

    private func schemaFiles(in directory: URL) throws -> [String] {
        let top = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        let components = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("components").path)
            .filter { $0.hasSuffix(".json") }.map { "components/" + $0 }
        return (top + components).sorted()
    }

    var manifest: String {
        """
        # yaml-language-server: $schema=.coursepack/schemas/module.schema.json
        id: \(id)
        version: 0.1.0
        title: \(title)
        description: What a learner will be able to do after this module.
        language: \(language)
        locales: []
        audience: \(audience)
        duration_minutes: 15
        objectives:
          - Describe the first thing a learner will be able to do.
        pages:
          - 01-welcome
        completion:
          rule: pages-seen

        """
    }

    var welcomePage: String {
        """
        ---
        title: Welcome
        ---

        # Welcome

        Say in two or three short sentences what this module is about and who it is for.

        ```callout
        style: tip
        title: How to write a page
        body: Write plain Markdown. Add quizzes, images and other components as fenced blocks; docs/format.md lists them all.
        ```

        """
    }

    var editorSettings: String {
        """
        {
          "yaml.schemas": {
            "./.coursepack/schemas/module.schema.json": "module.yaml"
          },
          "files.encoding": "utf8",
          "files.eol": "\\n",
          "[markdown]": {
            "editor.insertSpaces": true
          },
          "[yaml]": {
            "editor.insertSpaces": true,
            "editor.tabSize": 2
          }
        }

        """
    }
}
