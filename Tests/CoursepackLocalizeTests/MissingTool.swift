/// A tool the tests need is missing: the test fails and says what to install, rather than skipping
/// and passing unnoticed.
struct MissingTool: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
