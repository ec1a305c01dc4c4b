import Foundation

/// The reports of `coursepack verify`: text for people, JSON for scripts, SARIF 2.1.0 for code scanning.
/// Each returns its lines; the command prints them through one function.
public enum VerifyReport {
    /// Launchables listed in text before "... and N more".
    static let listLimit = 20

    public static func text(_ results: [PackageVerification]) -> [String] {
        var lines: [String] = []
        for result in results {
            let shape = result.shape
            lines.append(EntryPath.printable(result.file))
            lines.append("  kind       \(shape.edition)\(shape.reason.isEmpty ? "" : " (\(EntryPath.printable(shape.reason)))")")
            if let module = result.module { lines.append("  module     \(EntryPath.printable(module)) \(EntryPath.printable(result.version ?? ""))") }
            if let title = shape.title { lines.append("  title      \(EntryPath.printable(title))") }
            if let identifier = shape.identifier { lines.append("  identifier \(EntryPath.printable(identifier))") }
            switch shape.type {
            case .scorm12, .scorm2004:
                lines.append("  shape      \(count(shape.organizations, "organization")), \(count(shape.items, "item")), \(count(shape.scos, "SCO")), \(count(shape.assets, "asset")); sequencing \(shape.sequencing ? "present" : "none")")
            case .cmi5:
                lines.append("  shape      \(count(shape.blocks, "block")), \(count(shape.launchables.count, "AU"))")
            case .aicc, .tincan:
                lines.append("  shape      \(count(shape.launchables.count, shape.type == .aicc ? "AU" : "activity"))")
            default: break
            }
            for launchable in shape.launchables.prefix(listLimit) {
                lines.append("    \(launchable.kind.padding(toLength: 8, withPad: " ", startingAt: 0)) \(EntryPath.printable(launchable.id))\(launchable.title.isEmpty ? "" : ": \(EntryPath.printable(launchable.title))")\(launchable.launch.map { " -> \(EntryPath.printable($0))" } ?? "")")
            }
            if shape.launchables.count > listLimit { lines.append("    ... and \(shape.launchables.count - listLimit) more (--format json lists them all)") }
            if !shape.metadataFiles.isEmpty { lines.append("  metadata   \(shape.metadataFiles.map(EntryPath.printable).joined(separator: ", "))") }
            if let schemas = shape.schemas { lines.append("  schemas    \(EntryPath.printable(schemas))") }
            if result.source != nil {
                lines.append("  size       \(bytes(result.size)) \(result.source == .zip ? "zipped" : "read"), \(bytes(result.unpackedSize)) unpacked, \(count(result.files, "file"))")
            }
            if let signature = result.signature { lines.append("  signature  \(EntryPath.printable(signature.summary))") }
            lines.append("  verdict    " + result.verdicts.map { verdict in
                "\(verdict.family.rawValue) \(verdict.effect.rawValue)\(verdict.rules.isEmpty ? "" : " (\(verdict.rules.joined(separator: ", ")))")"
            }.joined(separator: "; "))
            if result.findings.isEmpty { lines.append("  no problems found") } else {
                lines.append("  findings")
                for finding in result.findings { lines.append("    " + EntryPath.printable(finding.text)) }
            }
        }
        return lines
    }

    public static func json(_ results: [PackageVerification]) -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(results)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
    }

    /// SARIF 2.1.0: one run, the rules that fired, one result per finding (standard and upload
    /// findings are errors, run-time ones warnings), located in the package's file.
    public static func sarif(_ results: [PackageVerification], toolVersion: String) -> [String] {
        var rules: [[String: Any]] = []
        var ruleIndex: [String: Int] = [:]
        var sarifResults: [[String: Any]] = []
        for result in results {
            for finding in result.findings {
                if ruleIndex[finding.rule] == nil, let rule = VerifyRule.all.first(where: { $0.id == finding.rule }) {
                    ruleIndex[finding.rule] = rules.count
                    rules.append(["id": rule.id, "shortDescription": ["text": rule.summary],
                                  "helpUri": "docs/verify.md#\(rule.id)", "properties": ["severity": rule.severity.rawValue]])
                }
                var region: [String: Any] = [:]
                if let line = finding.line, line > 0 { region["startLine"] = line }
                let uri = finding.file.map { "\(result.file)/\($0)" } ?? result.file
                var location: [String: Any] = ["artifactLocation": ["uri": uri]]
                if !region.isEmpty { location["region"] = region }
                var entry: [String: Any] = [
                    "ruleId": finding.rule, "level": finding.severity == .runtime ? "warning" : "error",
                    "message": ["text": finding.message + (finding.count > 1 ? " (\(finding.count) times)" : "")],
                    "locations": [["physicalLocation": location]],
                    "properties": ["severity": finding.severity.rawValue, "count": finding.count, "effects": finding.effects.mapValues(\.rawValue)],
                ]
                if let index = ruleIndex[finding.rule] { entry["ruleIndex"] = index }
                sarifResults.append(entry)
            }
        }
        let log: [String: Any] = [
            "version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [["tool": ["driver": ["name": "coursepack verify", "version": toolVersion, "rules": rules]], "results": sarifResults]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
    }

    static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : noun.hasSuffix("y") ? "" : "s")".replacingOccurrences(of: "activitys", with: "activities")
    }

    static func bytes(_ count: Int64) -> String { PackageInspection.bytes(count) }
}
