/// What one document keeps track of while it is written: the ids already given out (every id in a
/// document is unique) and the media files its markup refers to.
final class DocumentState {
    private var ids: Set<String> = []
    private(set) var media: Set<String> = []
    private var componentCounts: [String: Int] = [:]
    private let mediaFiles: Set<String>

    init(mediaFiles: [String], reserved: [String]) {
        self.mediaFiles = Set(mediaFiles)
        ids = Set(reserved)
    }

    /// For one page of the preview: the module's media listed once for every page.
    init(mediaFiles: Set<String>, reserved: [String]) {
        self.mediaFiles = mediaFiles
        ids = Set(reserved)
    }

    /// `base`, or `base-2`, `base-3`... when an element already has it.
    func uniqueID(_ base: String) -> String {
        if ids.insert(base).inserted { return base }
        var counter = 2
        while !ids.insert("\(base)-\(counter)").inserted { counter += 1 }
        return "\(base)-\(counter)"
    }

    /// 1 for the first component of a type on a page, 2 for the second...: the name of a component
    /// without an id, as the extractor counts them.
    func nextIndex(of type: String, on page: String) -> Int {
        let key = page + "/" + type
        componentCounts[key, default: 0] += 1
        return componentCounts[key]!
    }

    /// Records a module-relative media path (`media/clinic.jpg`) the markup refers to; a path outside
    /// `media/` or a file that is not there is an error, since the package could not carry it.
    func media(_ path: String, on page: String) throws(RenderError) -> String {
        guard path.hasPrefix("media/"), ModuleLinks.resolve(path, from: "") == path else {
            throw RenderError("page \(page) refers to '\(path)', which is not a path inside media/")
        }
        guard mediaFiles.contains(path) else {
            throw RenderError("page \(page) refers to '\(path)', which is not in the module's media folder")
        }
        media.insert(path)
        return path
    }
}
