/// What a package is, as `verify` reads it from its manifest, whichever tool made it.
public enum PackageType: String, Sendable, Codable {
    case scorm12, scorm2004, cmi5, aicc, tincan, web, unknown
}

/// Something a learner launches: a SCORM SCO or asset, a cmi5 AU, an AICC AU, a Tin Can activity.
public struct Launchable: Sendable, Codable, Equatable {
    public let id: String
    public let title: String
    /// `sco`, `asset`, `au`, `activity`.
    public let kind: String
    /// The path or URL it launches, as resolved (xml:base applied, dot segments removed).
    public let launch: String?

    public init(id: String, title: String, kind: String, launch: String?) {
        self.id = id
        self.title = title
        self.kind = kind
        self.launch = launch
    }
}

/// A package's identity and shape.
public struct PackageShape: Sendable, Codable, Equatable {
    public var type: PackageType = .unknown
    /// `SCORM 2004 4th Edition`, `cmi5`, `not a package`.
    public var edition = "not a package"
    /// Why it is read as that: which file, which schemaversion or namespace.
    public var reason = ""
    public var title: String?
    public var identifier: String?
    public var organizations = 0
    public var items = 0
    /// cmi5 blocks.
    public var blocks = 0
    public var launchables: [Launchable] = []
    public var sequencing = false
    public var metadataFiles: [String] = []
    /// The XML Schemas the manifest was validated against (`--schemas`, or those the package ships);
    /// nil when none were at hand and the built-in checks alone ran.
    public var schemas: String?

    public init() {}

    public var scos: Int { launchables.filter { $0.kind == "sco" }.count }
    public var assets: Int { launchables.filter { $0.kind == "asset" }.count }
}

/// Everything the checks of one kind of package return.
struct KindCheck {
    var shape = PackageShape()
    var findings = FindingCollector()
}
