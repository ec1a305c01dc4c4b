import Foundation

/// The runtime's scripts as files the host serves, in the order a page must load them.
public enum RuntimeScripts {
    public static let names = ["errors.js", "types.js", "model-scorm12.js", "model-scorm2004.js", "session.js", "browser.js"]

    /// The file of one script, or nil for a name that is not one of them.
    public static func url(of name: String) -> URL? {
        guard names.contains(name) else { return nil }
        return Bundle.module.url(forResource: name, withExtension: nil)
    }
}
