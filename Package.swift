// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage, dependencies pointing one way:
//   JSONSchema        a JSON Schema 2020-12 engine; knows nothing of modules
//   CoursepackSchemas the module format's JSON Schemas (the top-level Schemas/ folder), as resources
//   CoursepackLoad    load: the module model, diagnostics, and the loader (YAML + Markdown with positions)
//   CoursepackCheck   check: schema validation of the model and the rules no schema can express
//   CoursepackLocalize localize: string extraction, per-locale tables, PO/XLIFF/TMX exchange,
//                     translation checks, plurals, pseudo-locales and the translation memory
//   CoursepackRender  render: a localized module becomes HTML documents and the player's data
//   CoursepackPackaging the Packaging/ folder (player, launch page pieces), as resources
//   CoursepackPackage package: deterministic zips (libarchive), manifests, coursepack.json, signing
//   CoursepackVerify  verify: reading any package without trusting it, verify, inspect and diff
//   CoursepackImport  import: installing verified packages into a library with an SQLite catalog (GRDB)
//   CoursepackRuntime the Runtime/ folder (the LMS-side SCORM runtime in JavaScript), as resources
//   CoursepackServe   serve: the local host (Hummingbird) where learners play imported packages, with
//                     progress in SQLite (GRDB) or PostgreSQL (postgres-nio)
//   CoursepackPreview preview: a live local preview of a module while it is written (Hummingbird)
//   coursepack        the thin command-line tool on top
let package = Package(
    name: "coursepack",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "coursepack", targets: ["coursepack"]),
        .library(name: "JSONSchema", targets: ["JSONSchema"]),
        .library(name: "CoursepackLocalize", targets: ["CoursepackLocalize"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(name: "CWriteback", path: "Sources/CWriteback"),
        .systemLibrary(name: "CLibArchive", path: "Sources/CLibArchive", pkgConfig: "libarchive",
                       providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "JSONSchema"),
        .target(name: "CoursepackSchemas", path: "Schemas",
                exclude: ["README.md"],
                resources: [.copy("module.schema.json"), .copy("page.schema.json"),
                            .copy("common.schema.json"), .copy("components")]),
        .target(name: "CoursepackLoad",
                dependencies: ["CCmarkGFM", .product(name: "Yams", package: "Yams")]),
        .target(name: "CoursepackCheck",
                dependencies: ["CoursepackLoad", "JSONSchema", "CoursepackSchemas"]),
        .target(name: "CoursepackLocalize",
                dependencies: ["CoursepackLoad", "CoursepackCheck", "CoursepackSchemas", "JSONSchema", "CLibXML2",
                               .product(name: "GRDB", package: "GRDB.swift"),
                               .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "CoursepackRender",
                dependencies: ["CoursepackLoad", "CoursepackLocalize", "CoursepackPackaging", "JSONSchema", "CCmarkGFM"]),
        .target(name: "CoursepackPackaging", path: "Packaging",
                resources: [.copy("player")]),
        .target(name: "CoursepackPackage",
                dependencies: ["CoursepackLoad", "CoursepackCheck", "CoursepackLocalize", "CoursepackRender",
                               "CoursepackPackaging", "CoursepackVerify", "JSONSchema", "CLibArchive", "CWriteback",
                               .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "CoursepackVerify",
                dependencies: ["CZlib", "CLibXML2", "JSONSchema", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "CoursepackImport",
                dependencies: ["CoursepackVerify", .product(name: "GRDB", package: "GRDB.swift"),
                               .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "CoursepackRuntime", path: "Runtime",
                exclude: ["README.md"],
                resources: [.copy("errors.js"), .copy("types.js"), .copy("model-scorm12.js"), .copy("model-scorm2004.js"),
                            .copy("session.js"), .copy("browser.js")]),
        .target(name: "CoursepackServe",
                dependencies: ["CoursepackImport", "CoursepackVerify", "CoursepackRuntime", "CoursepackRender",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                               .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                               .product(name: "GRDB", package: "GRDB.swift"),
                               .product(name: "PostgresNIO", package: "postgres-nio"),
                               .product(name: "Logging", package: "swift-log"),
                               .product(name: "Crypto", package: "swift-crypto")],
                resources: [.copy("Strings")]),
        .target(name: "CoursepackPreview",
                dependencies: ["CoursepackLoad", "CoursepackCheck", "CoursepackLocalize", "CoursepackRender",
                               "CoursepackPackaging",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "Logging", package: "swift-log")]),
        .executableTarget(name: "coursepack",
                          dependencies: ["CoursepackCheck", "CoursepackLoad", "CoursepackSchemas", "CoursepackLocalize",
                                         "CoursepackRender", "CoursepackPackage", "CoursepackVerify", "CoursepackImport",
                                         "CoursepackServe", "CoursepackPreview", "CMalloc",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema"], exclude: ["README.md"]),
        .testTarget(name: "CoursepackLoadTests", dependencies: ["CoursepackLoad", "TestSupport"]),
        .testTarget(name: "CoursepackCheckTests", dependencies: ["CoursepackCheck", "CoursepackLoad", "TestSupport"]),
        .testTarget(name: "CoursepackLocalizeTests", dependencies: ["CoursepackLocalize", "CoursepackLoad", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "CoursepackRenderTests", dependencies: ["CoursepackRender", "CoursepackLoad", "TestSupport"]),
        .testTarget(name: "CoursepackPackageTests",
                    dependencies: ["CoursepackPackage", "CoursepackVerify", "CoursepackLoad", "CoursepackRender", "CoursepackLocalize",
                                   "TestSupport", "coursepack"]),
        .testTarget(name: "CoursepackVerifyTests",
                    dependencies: ["CoursepackVerify", "CoursepackImport", "CoursepackPackage", "CoursepackLoad", "TestSupport",
                                   "coursepack"]),
        .testTarget(name: "CoursepackServeTests",
                    dependencies: ["CoursepackServe", "CoursepackImport", "TestSupport",
                                   .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "CoursepackPreviewTests",
                    dependencies: ["CoursepackPreview", "CoursepackLoad", "TestSupport",
                                   .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "CoursepackCLITests", dependencies: ["coursepack", "TestSupport"], exclude: ["Fixtures"]),
    ]
)

// Fuzz targets (libFuzzer), only when scripts/fuzz-package.sh asks for them: they have no main of their
// own (libFuzzer's is linked in by -sanitize=fuzzer), so an ordinary build leaves them out.
if Context.environment["COURSEPACK_FUZZ"] != nil {
    package.products.append(.library(name: "CoursepackVerify", targets: ["CoursepackVerify"]))
    for name in ["ZipReaderFuzz", "ManifestFuzz"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["CoursepackVerify"], path: "Fuzz/\(name)"))
    }
}
