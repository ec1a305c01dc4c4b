import CoursepackLocalize
@testable import CoursepackRender
import Foundation
import XCTest

final class SampleRenderTests: XCTestCase {
    func testDump() throws {
        for sample in ["first-weeks", "talking-with-newcomers"] {
            let strings = try RenderFixtures.strings(at: RenderFixtures.sample(sample))
            let rendered = try RenderFixtures.render(strings)
            for document in rendered.documents {
                try document.html.write(to: URL(fileURLWithPath: "/tmp/render-\(sample)-\(document.path)"))
            }
        }
    }
}
