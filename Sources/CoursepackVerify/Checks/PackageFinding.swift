/// One problem found in a package, with the file (and line) it is in when there is one.
public struct PackageFinding: Sendable, Codable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public let severity: Severity
    public let file: String?
    public let line: Int?
    public let message: String

    public init(_ severity: Severity, _ message: String, file: String? = nil, line: Int? = nil) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
    }

    /// `imsmanifest.xml:12: error: ...`, as compilers say it.
    public var description: String {
        let place = file.map { file in line.map { "\(file):\($0): " } ?? "\(file): " } ?? ""
        return "\(place)\(severity.rawValue): \(message)"
    }
}

/// What a package is for, as its manifest says.
public enum PackageKind: String, Sendable, Codable {
    case scorm12, scorm2004, cmi5, web, unknown
}
