import CoursepackVerify
import Foundation

// libFuzzer target over the manifest readers: the first byte chooses imsmanifest.xml, cmi5.xml or
// tincan.xml, the rest is the file. Every input gives a verification, never a crash or a hang.
// Built only by scripts/fuzz-package.sh (COURSEPACK_FUZZ=1, -sanitize=fuzzer,address).

@_cdecl("LLVMFuzzerTestOneInput")
public func manifestFuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let names = ["imsmanifest.xml", "cmi5.xml", "tincan.xml"]
    let name = names[Int(bytes[0]) % names.count]
    let data = Data(bytes: bytes + 1, count: count - 1)
    // The files a manifest may name, so that the path checks run on both sides.
    let entries = [name, "index.html", "one.html", "sco1/index.html", "média/café.html"].map {
        ArchiveEntry(path: $0, size: 1, sha256: "", modificationTime: 0, permissions: 0o644, storedSize: 1)
    }
    let archive = PackageArchive(url: URL(fileURLWithPath: "/fuzz"), source: bytes[0] >= 128 ? .courseStructure : .folder,
                                 fileSize: Int64(count), entries: entries, contents: [name: data])
    _ = PackageVerification.check(archive, displayPath: "fuzz")
    return 0
}

// SwiftPM links an executable's entry point as ManifestFuzz_main (testable executables); it hands the
// arguments to libFuzzer's driver, which then calls the target above.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("ManifestFuzz_main")
public func ManifestFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, manifestFuzz)
}
