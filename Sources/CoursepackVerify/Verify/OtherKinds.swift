import Foundation

/// AICC (CMI001 course structure files) and Tin Can (tincan.xml) packages.
enum OtherKinds {
    /// The AICC files at the root by their extension (any case), if there is a course file.
    static func aiccFiles(_ paths: Set<String>) -> [String: String]? {
        var found: [String: String] = [:]
        for path in paths where !path.contains("/") {
            let ext = (path as NSString).pathExtension.lowercased()
            if ["crs", "au", "des", "cst", "ort", "pre", "cmp"].contains(ext) { found[ext] = path }
        }
        return found["crs"] == nil ? nil : found
    }

    /// CMI001 requires the course (.crs), assignable unit (.au), descriptor (.des) and course structure
    /// (.cst) files; the course file holds a [Course] section with Course_ID and Course_Title.
    static func checkAICC(_ files: [String: String], contents: [String: Data], paths: Set<String>) -> KindCheck {
        var result = KindCheck()
        result.shape.type = .aicc
        result.shape.edition = "AICC (CMI001)"
        result.shape.reason = "AICC course file \(files["crs"]!) at the root"
        for required in ["au", "des", "cst"] where files[required] == nil {
            result.findings.add(.aiccMissing, "no .\(required) file beside \(files["crs"]!): an AICC course needs .crs, .au, .des and .cst files",
                                file: nil, line: nil)
        }
        if let crs = files["crs"], let data = contents[crs] {
            let sections = ini(String(decoding: data, as: UTF8.self))
            if let course = sections["course"] {
                result.shape.identifier = course["course_id"]
                result.shape.title = course["course_title"]
                for field in ["course_id", "course_title"] where (course[field] ?? "").isEmpty {
                    result.findings.add(.aiccSection, "[Course] has no \(field)", file: crs, line: nil)
                }
            } else {
                result.findings.add(.aiccSection, "the course file has no [Course] section", file: crs, line: nil)
            }
        }
        if let au = files["au"], let data = contents[au] {
            let rows = csv(String(decoding: data, as: UTF8.self))
            if let header = rows.first?.map({ $0.lowercased() }), let idColumn = header.firstIndex(of: "system_id"),
               let fileColumn = header.firstIndex(of: "file_name") {
                let descriptors = files["des"].flatMap { contents[$0] }.map { csv(String(decoding: $0, as: UTF8.self)) } ?? []
                var titles: [String: String] = [:]
                if let head = descriptors.first?.map({ $0.lowercased() }), let id = head.firstIndex(of: "system_id"),
                   let title = head.firstIndex(of: "title") {
                    for row in descriptors.dropFirst() where row.count > max(id, title) { titles[row[id].lowercased()] = row[title] }
                }
                for row in rows.dropFirst() where row.count > max(idColumn, fileColumn) {
                    let launch = row[fileColumn]
                    result.shape.launchables.append(Launchable(id: row[idColumn], title: titles[row[idColumn].lowercased()] ?? "",
                                                               kind: "au", launch: launch))
                    if case .file(let path) = PackageHref.resolve(launch, bases: []), !paths.contains(path) {
                        result.findings.add(.launchMissing, "the AU '\(row[idColumn])' launches '\(path)', which is not in the package",
                                            file: au, line: nil, key: "aicc-\(path)")
                    }
                }
            } else {
                result.findings.add(.aiccSection, "the .au file has no header row with System_ID and File_Name", file: au, line: nil)
            }
        }
        return result
    }

    static func checkTinCan(_ root: XMLTree, paths: Set<String>) -> KindCheck {
        var result = KindCheck()
        result.shape.type = .tincan
        result.shape.edition = "Tin Can / xAPI"
        result.shape.reason = "tincan.xml at the root"
        for activity in root.descendants("activity") {
            let title = activity.child("name")?.text ?? ""
            if result.shape.title == nil { result.shape.title = title }
            guard let launch = activity.child("launch")?.text, !launch.isEmpty else { continue }
            var resolved: String? = launch
            if case .file(let path) = PackageHref.resolve(launch, bases: []) {
                resolved = path
                if !paths.contains(path) {
                    result.findings.add(.tinCanLaunch, "the activity launches '\(path)', which is not in the package",
                                        file: "tincan.xml", line: activity.line, key: path)
                }
            }
            result.shape.launchables.append(Launchable(id: activity.attribute("id") ?? "", title: title, kind: "activity", launch: resolved))
        }
        if result.shape.launchables.isEmpty {
            result.findings.add(.tinCanLaunch, "tincan.xml names no activity with a <launch>", file: "tincan.xml", line: root.line)
        }
        return result
    }

    /// `[Section]` and `key = value` lines; names lowercased, quotes dropped.
    static func ini(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current = ""
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") && line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast()).lowercased()
                sections[current, default: [:]] = sections[current] ?? [:]
            } else if let equals = line.firstIndex(of: "=") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                sections[current, default: [:]][key] = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return sections
    }

    /// Comma-separated rows with double-quoted fields.
    static func csv(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map { line in
            var fields: [String] = []
            var field = ""
            var quoted = false
            for character in line {
                if character == "\"" { quoted.toggle() } else if character == "," && !quoted {
                    fields.append(field.trimmingCharacters(in: .whitespaces)); field = ""
                } else { field.append(character) }
            }
            fields.append(field.trimmingCharacters(in: .whitespaces))
            return fields
        }
    }
}
