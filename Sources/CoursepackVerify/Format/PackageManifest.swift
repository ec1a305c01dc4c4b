import Foundation

/// `coursepack.json`, at the root of every package we write: what the package is (module id, version,
/// target), which locales it carries and how complete they are, how it was built, and the SHA-256 of
/// every other file. The packager writes it; `inspect`, `diff` and signature checks read it. Encoded
/// with sorted keys, so that the same package always gives the same bytes (docs/packages.md).
public struct PackageManifest: Codable, Sendable, Equatable {
    public static let fileName = "coursepack.json"
    public static let currentFormat = 1

    public var format: Int
    public var id: String
    public var version: String
    public var title: String
    /// `scorm12`, `scorm2004`, `cmi5` or `web`.
    public var target: String
    /// The SCORM manifest identifier, or the cmi5 course IRI; nil for web.
    public var identifier: String?
    /// The file an LMS or a browser opens first.
    public var launch: String
    public var sourceLanguage: String
    /// The locales the package carries, in the order of their documents (the first is `index.html`).
    public var locales: [LocaleRecord]
    /// The module's locales the package does not carry, and why.
    public var leftOut: [LocaleRecord]
    /// The module's pages in reading order, with a hash of each page's source file.
    public var pages: [PageRecord]
    /// Per carried locale: every string's id and a short hash of the text shown (for `diff`).
    public var strings: [String: [String: String]]
    public var build: BuildRecord
    /// Every file of the package except coursepack.json and coursepack.sig, by path.
    public var files: [String: FileRecord]

    public init(id: String, version: String, title: String, target: String, identifier: String?, launch: String,
                sourceLanguage: String, locales: [LocaleRecord], leftOut: [LocaleRecord], pages: [PageRecord],
                strings: [String: [String: String]], build: BuildRecord, files: [String: FileRecord]) {
        format = Self.currentFormat
        self.id = id
        self.version = version
        self.title = title
        self.target = target
        self.identifier = identifier
        self.launch = launch
        self.sourceLanguage = sourceLanguage
        self.locales = locales
        self.leftOut = leftOut
        self.pages = pages
        self.strings = strings
        self.build = build
        self.files = files
    }

    public struct LocaleRecord: Codable, Sendable, Equatable {
        public var tag: String
        public var source: Bool
        /// Share of strings translated or final, in percent (100 for the source).
        public var percent: Double
        public var complete: Bool
        /// Strings not translated yet, changed in the source since translation, waiting for review.
        public var missing: Int
        public var stale: Int
        public var needsReview: Int
        /// The document that shows this locale; nil for a locale left out.
        public var document: String?

        public init(tag: String, source: Bool, percent: Double, complete: Bool, missing: Int, stale: Int,
                    needsReview: Int, document: String?) {
            self.tag = tag
            self.source = source
            self.percent = percent
            self.complete = complete
            self.missing = missing
            self.stale = stale
            self.needsReview = needsReview
            self.document = document
        }
    }

    public struct PageRecord: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        /// SHA-256 of the page's source file (`pages/<id>.md`).
        public var sha256: String

        public init(id: String, title: String, sha256: String) {
            self.id = id
            self.title = title
            self.sha256 = sha256
        }
    }

    public struct BuildRecord: Codable, Sendable, Equatable {
        public var tool: String
        public var toolVersion: String
        /// The date every entry of the zip carries, ISO 8601 in UTC.
        public var date: String
        /// Where the date came from: `SOURCE_DATE_EPOCH`, `git` (the module folder's last commit) or
        /// `default` (1980-01-01, the earliest date a zip can hold).
        public var dateSource: String
        /// The zip library, since another version may compress differently.
        public var zipLibrary: String

        public init(tool: String, toolVersion: String, date: String, dateSource: String, zipLibrary: String) {
            self.tool = tool
            self.toolVersion = toolVersion
            self.date = date
            self.dateSource = dateSource
            self.zipLibrary = zipLibrary
        }
    }

    public struct FileRecord: Codable, Sendable, Equatable {
        public var sha256: String
        public var size: Int64

        public init(sha256: String, size: Int64) {
            self.sha256 = sha256
            self.size = size
        }
    }

    /// The file's bytes: keys sorted, two-space indentation, a final newline. `decode` reads it back.
    public func encoded() -> Data {
        var json = JSONOutput(capacity: 256 + files.count * 120 + strings.values.reduce(0) { $0 + $1.count * 48 })
        json.openObject()
        json.key("build")
        json.openObject()
        json.key("date"); json.string(build.date)
        json.key("dateSource"); json.string(build.dateSource)
        json.key("tool"); json.string(build.tool)
        json.key("toolVersion"); json.string(build.toolVersion)
        json.key("zipLibrary"); json.string(build.zipLibrary)
        json.closeObject()
        json.key("files")
        json.openObject()
        json.members(files) { json, record in
            json.openObject()
            json.key("sha256"); json.string(record.sha256)
            json.key("size"); json.int(record.size)
            json.closeObject()
        }
        json.closeObject()
        json.key("format"); json.int(format)
        json.key("id"); json.string(id)
        if let identifier { json.key("identifier"); json.string(identifier) }
        json.key("launch"); json.string(launch)
        json.key("leftOut"); Self.write(leftOut, into: &json)
        json.key("locales"); Self.write(locales, into: &json)
        json.key("pages")
        json.openArray()
        for page in pages {
            json.openObject()
            json.key("id"); json.string(page.id)
            json.key("sha256"); json.string(page.sha256)
            json.key("title"); json.string(page.title)
            json.closeObject()
        }
        json.closeArray()
        json.key("sourceLanguage"); json.string(sourceLanguage)
        json.key("strings")
        json.openObject()
        json.members(strings) { json, digests in
            json.openObject()
            json.members(digests) { json, digest in json.string(digest) }
            json.closeObject()
        }
        json.closeObject()
        json.key("target"); json.string(target)
        json.key("title"); json.string(title)
        json.key("version"); json.string(version)
        json.closeObject()
        return Data(json.bytes + [0x0A])
    }

    private static func write(_ locales: [LocaleRecord], into json: inout JSONOutput) {
        json.openArray()
        for locale in locales {
            json.openObject()
            json.key("complete"); json.bool(locale.complete)
            if let document = locale.document { json.key("document"); json.string(document) }
            json.key("missing"); json.int(locale.missing)
            json.key("needsReview"); json.int(locale.needsReview)
            json.key("percent"); json.number(locale.percent)
            json.key("source"); json.bool(locale.source)
            json.key("stale"); json.int(locale.stale)
            json.key("tag"); json.string(locale.tag)
            json.closeObject()
        }
        json.closeArray()
    }

    public static func decode(_ data: Data) throws -> PackageManifest {
        try JSONDecoder().decode(PackageManifest.self, from: data)
    }
}
