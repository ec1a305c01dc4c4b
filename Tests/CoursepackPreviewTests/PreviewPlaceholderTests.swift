import XCTest
@testable import CoursepackPreview

final class PreviewPlaceholderTests: XCTestCase {
    func testTheTargetBuilds() {}
}
