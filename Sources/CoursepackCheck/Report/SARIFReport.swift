import CoursepackLoad
import Foundation

/// SARIF 2.1.0, the format code-scanning services read: one run, every diagnostic code as a rule,
/// every diagnostic as a result with its physical location.
public enum SARIFReport {
    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Encodable {
        let tool: Tool
        let results: [Result]
        let columnKind = "unicodeCodePoints"
    }

    struct Tool: Encodable { let driver: Driver }

    struct Driver: Encodable {
        let name = "coursepack"
        let version: String
        let rules: [Rule]
    }

    struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let defaultConfiguration: Configuration
    }

    struct Configuration: Encodable { let level: String }
    struct Text: Encodable { let text: String }

    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Text
        let locations: [Location]
    }

    struct Location: Encodable { let physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region
    }

    struct ArtifactLocation: Encodable { let uri: String }

    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
    }

    public static func render(_ reports: [ModuleReport], toolVersion: String) -> String {
        let codes = DiagnosticCode.allCases
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules = codes.map {
            Rule(id: $0.rawValue, name: String(describing: $0), shortDescription: Text(text: $0.summary),
                 defaultConfiguration: Configuration(level: $0.severity.rawValue))
        }
        let results = reports.flatMap { report in
            report.diagnostics.map { diagnostic in
                let text = diagnostic.hint.map { "\(diagnostic.message). Hint: \($0)" } ?? diagnostic.message
                return Result(ruleId: diagnostic.code.rawValue, ruleIndex: index[diagnostic.code]!,
                              level: diagnostic.severity.rawValue, message: Text(text: text),
                              locations: [Location(physicalLocation: PhysicalLocation(
                                artifactLocation: ArtifactLocation(uri: uri(report.path(of: diagnostic.location))),
                                region: Region(startLine: diagnostic.location.line, startColumn: diagnostic.location.column)))])
            }
        }
        let log = Log(runs: [Run(tool: Tool(driver: Driver(version: toolVersion, rules: rules)), results: results)])
        return JSONReport.encode(log)
    }

    /// A relative URI reference: path segments percent-encoded, separators kept.
    private static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#[]@!$&'()*+,;=:")
        allowed.insert("/")
        let trimmed = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        let encoded = trimmed.addingPercentEncoding(withAllowedCharacters: allowed) ?? trimmed
        return trimmed.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
