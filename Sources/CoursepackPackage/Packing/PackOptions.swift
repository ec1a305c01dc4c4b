import Crypto
import CoursepackLoad
import CoursepackRender
import Foundation

/// What `coursepack pack` is asked to do.
public struct PackOptions {
    public var targets: [PackageTarget]
    /// The locales to carry; nil for the default: the source and every complete locale.
    public var locales: [String]?
    /// Refuse to pack when a chosen locale is incomplete, instead of leaving it out.
    public var requireComplete: Bool
    public var outputFolder: URL
    public var signingKey: Curve25519.Signing.PrivateKey?
    /// The tool's version, recorded in coursepack.json.
    public var toolVersion: String
    /// A folder holding the module whose files the module's links may reach (`--root`); nil: the module
    /// folder alone.
    public var boundary: URL?
    /// Where SOURCE_DATE_EPOCH is read from (the process environment, or a test's).
    public var environment: [String: String]

    public init(targets: [PackageTarget], locales: [String]? = nil, requireComplete: Bool = false, outputFolder: URL,
                signingKey: Curve25519.Signing.PrivateKey? = nil, toolVersion: String,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.targets = targets
        self.locales = locales
        self.requireComplete = requireComplete
        self.outputFolder = outputFolder
        self.signingKey = signingKey
        self.toolVersion = toolVersion
        self.environment = environment
    }
}

/// One zip written.
public struct WrittenPackage: Sendable {
    public let url: URL
    public let target: PackageTarget
    public let locales: [String]
    public let size: Int64
    public let signed: Bool
}

public struct PackResult: Sendable {
    public let packages: [WrittenPackage]
    /// Things the user should know that did not stop the pack (a locale left out).
    public let warnings: [String]
    /// The module's warnings, as `validate` reports them.
    public let diagnostics: [Diagnostic]
    /// What the pack built on the way (the loaded module, its strings, the rendered documents). A
    /// command that exits right after may keep it rather than free a large module piece by piece.
    public let workingSet: WorkingSet

    /// Opaque: nothing to read, only to keep or drop.
    public struct WorkingSet: @unchecked Sendable {
        let values: [Any]
    }
}

/// Why nothing was packed. Every failure leaves the output folder as it was.
public enum PackFailure: Error, CustomStringConvertible, Sendable {
    /// The module has errors: they are printed as `validate` prints them.
    case moduleHasErrors([Diagnostic])
    /// With --require-complete: the locales that are not complete, each with what is missing.
    case incompleteLocales([String])
    /// Anything else: bad arguments, unreadable module, unwritable folder, full disk.
    case cannotRun(String)

    public var description: String {
        switch self {
        case .moduleHasErrors(let diagnostics):
            let count = diagnostics.filter { $0.severity == .error }.count
            return "the module has \(count) error\(count == 1 ? "" : "s"); fix \(count == 1 ? "it" : "them") (coursepack validate) and pack again"
        case .incompleteLocales(let reasons):
            return "not packed: --require-complete, and " + reasons.joined(separator: "; ")
        case .cannotRun(let message): return message
        }
    }
}
