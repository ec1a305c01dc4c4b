// swift-tools-version:6.0
import Foundation
import PackageDescription

// The translation-memory benchmark: a small executable on the main package's `CoursepackLocalize`
// library. Run it through Benchmarks/tm-lookup.sh. A path dependency's identity is its folder name,
// so it is computed here: the repository may be cloned under any name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL
let mainPackage = root.lastPathComponent.lowercased()

let package = Package(
    name: "TMBench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "TMBench",
            dependencies: [.product(name: "CoursepackLocalize", package: mainPackage)]),
    ]
)
