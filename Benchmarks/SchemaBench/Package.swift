// swift-tools-version:6.0
import Foundation
import PackageDescription

// The schema engine benchmark: a small executable on the main package's `JSONSchema` library.
// Run it through Benchmarks/schema-engine.sh. A path dependency's identity is its folder name, so it
// is computed here: the repository may be cloned under any name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL
let mainPackage = root.lastPathComponent.lowercased()

let package = Package(
    name: "SchemaBench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "SchemaBench",
            dependencies: [.product(name: "JSONSchema", package: mainPackage)]),
    ]
)
