import CoursepackVerify
import Foundation

// libFuzzer target over the safe zip reader: any bytes, read as a zip, must give an archive or a
// ReadFailure, never a crash, a hang or unbounded memory. Built only by scripts/fuzz-package.sh
// (COURSEPACK_FUZZ=1, -sanitize=fuzzer,address), which also makes the seed corpus.

private let path: String = {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return "\(folder)/coursepack-zip-fuzz-\(getpid()).zip"
}()

private let limits: ReadLimits = {
    var limits = ReadLimits()
    limits.maxEntries = 2_000
    limits.maxUnpackedSize = 64 << 20
    return limits
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func zipReaderFuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard FileManager.default.createFile(atPath: path, contents: data) else { return 0 }
    var options = ZipReader.Options()
    options.limits = limits
    options.keep = PackageVerification.isDescriptor
    options.hashing = true
    if let archive = try? ZipReader.read(URL(fileURLWithPath: path), options: options) {
        _ = PackageVerification.check(archive, displayPath: "fuzz.zip")
    }
    return 0
}

// SwiftPM links an executable's entry point as ZipReaderFuzz_main (testable executables); it hands the
// arguments to libFuzzer's driver, which then calls the target above.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("ZipReaderFuzz_main")
public func ZipReaderFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, zipReaderFuzz)
}
