import Foundation

/// A module as loaded from its folder: the manifest, the pages in file-name order, and the media.
///
/// Loading keeps what it could read even when some files are wrong, so that the checker reports every
/// problem in one run instead of stopping at the first.
public struct Module: Sendable {
    /// The module folder.
    public let root: URL
    /// `module.yaml`, or nil when it could not be read (the loader reported why).
    public let manifest: SourceValue?
    /// Every `pages/*.md` file, in file-name order (the reading order is the manifest's `pages`).
    public let pages: [Page]
    /// Every file under `media/`, as module-relative paths (`media/clinic.jpg`), sorted.
    public let mediaFiles: [String]
    /// The folder nothing of the module was read outside of (the module folder, or `--root`).
    public let boundary: ModuleBoundary?

    public init(root: URL, manifest: SourceValue?, pages: [Page], mediaFiles: [String], boundary: ModuleBoundary? = nil) {
        self.root = root
        self.boundary = boundary
        self.manifest = manifest
        self.pages = pages
        self.mediaFiles = mediaFiles
    }

    public static let manifestFile = "module.yaml"
}

/// One page: `pages/<id>.md`.
public struct Page: Sendable {
    /// The file stem, which is how `module.yaml` and links name the page.
    public let id: String
    /// Module-relative path, e.g. `pages/02-address.md`.
    public let file: String
    /// The front matter, or nil when the page has none or it could not be read.
    public let frontMatter: SourceValue?
    /// The front matter's opening `---` line.
    public let frontMatterLocation: SourceLocation
    /// The Markdown after the front matter, with the front matter's lines left empty so that a
    /// position in it is the same position in the file. Kept so that later stages (the renderer) read
    /// exactly the text that was checked, without reading the file again.
    public let markdown: String
    public let outline: MarkdownOutline
    public let components: [Component]

    public init(id: String, file: String, frontMatter: SourceValue?, frontMatterLocation: SourceLocation,
                markdown: String, outline: MarkdownOutline, components: [Component]) {
        self.id = id
        self.file = file
        self.frontMatter = frontMatter
        self.frontMatterLocation = frontMatterLocation
        self.markdown = markdown
        self.outline = outline
        self.components = components
    }
}

/// A component on a page: its type, and its body when that was valid YAML.
public struct Component: Sendable {
    public let type: ComponentType
    /// The opening fence, e.g. "```quiz".
    public let location: SourceLocation
    /// The YAML body (a mapping), or nil when it could not be read (the loader reported why).
    public let body: SourceValue?

    public init(type: ComponentType, location: SourceLocation, body: SourceValue?) {
        self.type = type
        self.location = location
        self.body = body
    }

    /// The component's `id`, when it has one.
    public var id: String? { body?["id"]?.string }
}
