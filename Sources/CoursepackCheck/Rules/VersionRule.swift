import CoursepackLoad

/// A module's version is part of every package's name and identity; partners compare versions, so it
/// must be Semantic Versioning 2.0.0.
struct VersionRule: ModuleRule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        guard let version = context.module.manifest?["version"] else { return [] }
        let text: String
        switch version.kind {
        case .string(let value): text = value
        case .double, .integer:
            // `version: 1.0` reads as a number in YAML; say so rather than "wrong type".
            return [Diagnostic(.versionNotSemver, at: version.location,
                               "the version is a number, not a semantic version",
                               hint: "write three parts in quotes or plainly, for example: version: 1.0.0")]
        default: return []
        }
        guard !SemanticVersion.isValid(text) else { return [] }
        return [Diagnostic(.versionNotSemver, at: version.location,
                           "'\(text)' is not a semantic version",
                           hint: "write MAJOR.MINOR.PATCH, for example 1.0.0 or 2.1.0-beta.1")]
    }
}

/// Semantic Versioning 2.0.0, as its grammar states it.
enum SemanticVersion {
    static func isValid(_ text: String) -> Bool {
        var rest = Substring(text)
        var build: Substring?
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        var prerelease: Substring?
        if let dash = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy(isNumericIdentifier) else { return false }
        if let prerelease {
            let parts = prerelease.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.allSatisfy({ isAlphanumericIdentifier($0) && (!isDigits($0) || isNumericIdentifier($0)) }) else { return false }
        }
        if let build {
            guard build.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isAlphanumericIdentifier) else { return false }
        }
        return true
    }

    private static func isDigits(_ part: Substring) -> Bool {
        !part.isEmpty && part.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Digits without a leading zero.
    private static func isNumericIdentifier(_ part: Substring) -> Bool {
        isDigits(part) && (part == "0" || part.first != "0")
    }

    private static func isAlphanumericIdentifier(_ part: Substring) -> Bool {
        !part.isEmpty && part.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D
        }
    }
}
