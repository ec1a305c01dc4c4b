import CoursepackLoad

/// The module being checked, with the look-ups several rules share, computed once.
struct CheckContext: Sendable {
    let module: Module
    let pagesByID: [String: Page]
    /// Every component of the module with the page it is on, in page file order.
    let components: [(page: Page, component: Component)]

    init(module: Module) {
        self.module = module
        var pagesByID: [String: Page] = [:]
        for page in module.pages { pagesByID[page.id] = page }
        self.pagesByID = pagesByID
        components = module.pages.flatMap { page in page.components.map { (page, $0) } }
    }

    func components(of type: ComponentType) -> [(page: Page, component: Component)] {
        components.filter { $0.component.type == type }
    }

    /// The manifest's `pages` list as (id, location) pairs, skipping entries that are not text.
    var pageOrder: [(id: String, location: SourceLocation)] {
        guard let list = module.manifest?["pages"]?.array else { return [] }
        return list.compactMap { item in item.string.map { ($0, item.location) } }
    }
}
