import Foundation

/// The module format's JSON Schemas (draft 2020-12), shipped as resources.
///
/// Layout of ``directory``: `module.schema.json`, `page.schema.json`, `common.schema.json`
/// and `components/<type>.schema.json` for each component type (`ComponentType` in CoursepackLoad). Every schema's `$id`
/// is ``baseURI`` followed by its path in this folder; cross-file `$ref`s are relative.
public enum CoursepackSchemas {
    /// The folder holding module.schema.json, page.schema.json, common.schema.json and components/.
    public static var directory: URL { resolvedDirectory }

    /// The prefix of every schema's `$id` (an identifier only: nothing is ever fetched).
    public static let baseURI = "https://coursepack.dev/schemas/"

    private static let resolvedDirectory: URL = {
        let bundle = Bundle.module
        if let file = bundle.url(forResource: "module.schema", withExtension: "json") {
            return file.deletingLastPathComponent()
        }
        // Fall back to the usual places resources end up on Linux and on Apple platforms.
        let candidates: [URL] = [
            bundle.resourceURL,
            bundle.bundleURL,
            bundle.bundleURL.appendingPathComponent("Contents/Resources", isDirectory: true),
        ].compactMap { $0 }
        for folder in candidates
        where FileManager.default.fileExists(atPath: folder.appendingPathComponent("module.schema.json").path) {
            return folder
        }
        return bundle.resourceURL ?? bundle.bundleURL
    }()
}
