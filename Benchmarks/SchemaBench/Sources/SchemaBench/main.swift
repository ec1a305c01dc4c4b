// Times the JSONSchema engine on the instances extracted from a module (Benchmarks/module_docs.py).
//
//   SchemaBench SCHEMAS_DIR INSTANCES_DIR [RESULT_JSON]
//
// Every file under SCHEMAS_DIR is registered as https://coursepack.dev/schemas/<relative path>; one
// Validator per group (module, page, component type) is built once, outside the timing. The JSON Lines
// are read into memory first. Timed: parsing every instance (JSONParser.parse), and validating every
// instance (Validator.isValid), in passes repeated until at least BENCH_MIN_SECONDS (default 3) and
// BENCH_MIN_PASSES (default 5) have run; the median pass is reported, after one warm-up pass.
import Foundation
import JSONSchema

let baseURI = "https://coursepack.dev/schemas/"

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("SchemaBench: \(message)\n".utf8))
    exit(2)
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

let arguments = CommandLine.arguments
guard arguments.count == 3 || arguments.count == 4 else {
    fail("usage: SchemaBench SCHEMAS_DIR INSTANCES_DIR [RESULT_JSON]")
}
let schemasDir = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let instancesDir = URL(fileURLWithPath: arguments[2])
let environment = ProcessInfo.processInfo.environment
let minSeconds = Double(environment["BENCH_MIN_SECONDS"] ?? "") ?? 3
let minPasses = Int(environment["BENCH_MIN_PASSES"] ?? "") ?? 5

// Schemas: every .json file under the folder, by relative path.
let registry = SchemaRegistry()
var registered = 0
guard let walker = FileManager.default.enumerator(at: schemasDir, includingPropertiesForKeys: nil) else {
    fail("cannot read \(schemasDir.path)")
}
for case let url as URL in walker where url.pathExtension == "json" {
    let relative = String(url.standardizedFileURL.path.dropFirst(schemasDir.path.count + 1))
    do { try registry.register(contentsOf: url, uri: baseURI + relative) } catch { fail("\(relative): \(error)") }
    registered += 1
}

// Instances, grouped as index.json lists them.
struct Entry: Decodable { let group: String; let file: String; let schema: String; let count: Int }
let index: [Entry]
do {
    index = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: instancesDir.appendingPathComponent("index.json")))
} catch { fail("cannot read \(instancesDir.path)/index.json: \(error)") }

struct Group { let name: String; let validator: Validator; let lines: [Data]; var values: [JSONValue] }
var groups: [Group] = []
for entry in index {
    let validator: Validator
    do { validator = try Validator(schemaURI: baseURI + entry.schema, registry: registry, options: ValidatorOptions()) }
    catch { fail("cannot compile \(entry.schema): \(error)") }
    let data: Data
    do { data = try Data(contentsOf: instancesDir.appendingPathComponent(entry.file)) } catch { fail("\(entry.file): \(error)") }
    let lines = data.split(separator: UInt8(ascii: "\n")).map { Data($0) }
    guard lines.count == entry.count else { fail("\(entry.file): \(lines.count) lines, index.json says \(entry.count)") }
    groups.append(Group(name: entry.group, validator: validator, lines: lines, values: []))
}
let total = groups.reduce(0) { $0 + $1.lines.count }

@MainActor func parseAll() -> [[JSONValue]] {
    groups.map { group in
        group.lines.map { line in
            do { return try JSONParser.parse(line) } catch { fail("\(group.name): \(error)") }
        }
    }
}

// Correctness (not timed): every instance of the generated module should be valid.
let parsed = parseAll()
for index in groups.indices { groups[index].values = parsed[index] }
var invalid = 0
for group in groups {
    for value in group.values where !group.validator.isValid(value) {
        invalid += 1
        if invalid <= 5 {
            let errors = group.validator.validate(value).prefix(3).map { "\($0)" }.joined(separator: "; ")
            print("  invalid \(group.name): \(errors)")
        }
    }
}

var sink = 0
@MainActor func validatePass() -> Double {
    let start = now()
    for group in groups {
        let validator = group.validator
        for value in group.values where validator.isValid(value) { sink &+= 1 }
    }
    return now() - start
}
@MainActor func parsePass() -> Double {
    let start = now()
    for group in groups {
        for line in group.lines {
            if case .some = try? JSONParser.parse(line) { sink &+= 1 }
        }
    }
    return now() - start
}
@MainActor func repeated(_ pass: () -> Double) -> (median: Double, passes: Int) {
    _ = pass()  // warm-up
    var times: [Double] = []
    while times.count < minPasses || times.reduce(0, +) < minSeconds { times.append(pass()) }
    return (median(times), times.count)
}

let validation = repeated(validatePass)
let parsing = repeated(parsePass)
let validateMS = validation.median * 1e3
let parseMS = parsing.median * 1e3
print("JSONSchema (ours): \(registered) schemas, \(groups.count) groups, \(total) instances, \(invalid) invalid")
print(String(format: "  validation only:    %9.1f ms per pass (median of %d), %12.0f instances/s",
             validateMS, validation.passes, Double(total) / validation.median))
print(String(format: "  JSON parsing only:  %9.1f ms per pass (median of %d), %12.0f instances/s",
             parseMS, parsing.passes, Double(total) / parsing.median))
print(String(format: "  parse + validation: %9.1f ms, %12.0f instances/s",
             validateMS + parseMS, Double(total) / (validation.median + parsing.median)))
if sink == 42 { print("") }

if arguments.count == 4 {
    let result: [String: Any] = [
        "engine": "coursepack JSONSchema (Swift, release)", "instances": total, "invalid": invalid,
        "passes": validation.passes, "validate_ms": validateMS, "parse_ms": parseMS,
        "parse_validate_ms": validateMS + parseMS,
    ]
    do {
        try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
            .write(to: URL(fileURLWithPath: arguments[3]))
    } catch { fail("cannot write \(arguments[3]): \(error)") }
}
