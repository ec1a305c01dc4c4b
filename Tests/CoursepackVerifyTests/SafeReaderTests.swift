@testable import CoursepackVerify
import Foundation
import XCTest

/// The hostile-package suite: every zip is written byte by byte by hostile_zip.py, and each must be
/// refused with its rule and a message that names the problem; well-formed oddities are accepted.
final class SafeReaderTests: XCTestCase {
    private func assertRefused(_ kind: String, _ rule: ReadRule, mentioning text: String, limits: ReadLimits = ReadLimits(),
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = try TestFolder()
        let url = try folder.hostile(kind)
        XCTAssertThrowsError(try ZipReader.read(url, limits: limits), kind, file: file, line: line) { error in
            guard let failure = error as? ReadFailure else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(failure.rule, rule, "\(kind): \(failure.description)", file: file, line: line)
            XCTAssertTrue(failure.description.contains(text), "\(kind): \(failure.description)", file: file, line: line)
        }
    }

    func testZipSlipInEverySpellingIsRefused() throws {
        try assertRefused("name:../../etc/evil", .climbsOut, mentioning: "climbs out of the package")
        try assertRefused("name:media/../../evil", .climbsOut, mentioning: "climbs out")
        try assertRefused("name:..\\..\\evil.txt", .climbsOut, mentioning: "written with backslashes")
        try assertRefused("name:media\\evil.txt", .backslash, mentioning: "backslash")
        try assertRefused("name:/etc/evil", .absolutePath, mentioning: "absolute path")
        try assertRefused("name:C:/evil.txt", .driveLetter, mentioning: "drive letter")
        try assertRefused("name:C:evil.txt", .driveLetter, mentioning: "drive letter")
        try assertRefused("name:a/./b.txt", .oddSegment, mentioning: "'.' segment")
        try assertRefused("name:a//b.txt", .oddSegment, mentioning: "'//'")
        try assertRefused("name:evil\u{1B}[2Jname", .controlCharacter, mentioning: "\\u{1b}[2Jname")
    }

    func testLinksDevicesAndEncryptedEntriesAreRefused() throws {
        try assertRefused("symlink", .link, mentioning: "'media/etc' is a symbolic link")
        try assertRefused("fifo", .specialFile, mentioning: "not a plain file")
        try assertRefused("encrypted", .encrypted, mentioning: "is encrypted")
    }

    func testDuplicateAndCollidingNamesAreRefused() throws {
        try assertRefused("duplicate", .duplicate, mentioning: "appears twice")
        try assertRefused("case", .caseCollision, mentioning: "differ only in case")
        try assertRefused("nfd", .caseCollision, mentioning: "Unicode form")
        try assertRefused("file-folder", .fileFolderClash, mentioning: "a folder of the same name")
    }

    func testNamesAreUTF8WhicheverWayTheyAreFlagged() throws {
        let folder = try TestFolder()
        for kind in ["name-utf8-unflagged", "name-utf8-flagged"] {
            let archive = try ZipReader.read(try folder.hostile(kind))
            XCTAssertTrue(archive.entries.map(\.path).contains("caf\u{E9}.html"), kind)
        }
        try assertRefused("name-bytes-latin1", .nameNotUTF8, mentioning: "not valid UTF-8")
    }

    func testLimitsOnEntriesSizeAndRatio() throws {
        try assertRefused("many", .tooManyEntries, mentioning: "lists 100000 files, more than the limit of 50000 (--max-entries)")
        try assertRefused("claims-10gb", .tooLarge, mentioning: "more than the limit")
        var limits = ReadLimits()
        limits.maxUnpackedSize = 1 << 40
        try assertRefused("claims-10gb", .ratio, mentioning: "zip bomb", limits: limits)
        try assertRefused("lies-small", .sizeMismatch, mentioning: "more than the 1024 bytes its headers say")
    }

    func testCentralDirectoryAndLocalHeadersMustAgree() throws {
        try assertRefused("central-rename", .headerMismatch, mentioning: "'evil.html' is called 'index.html' in its local header")
        try assertRefused("local-crc", .headerMismatch, mentioning: "the CRC")
        try assertRefused("local-size", .headerMismatch, mentioning: "the sizes")
        try assertRefused("local-method", .headerMismatch, mentioning: "compression method")
        try assertRefused("crc", .crc, mentioning: "CRC does not match")
    }

    func testOverlappingAndAliasedEntriesAreRefused() throws {
        try assertRefused("overlap", .overlap, mentioning: "'a.txt' and 'b.txt' overlap")
        // 1,000 listings of one local header: refused before anything is unpacked.
        try assertRefused("aliased", .duplicate, mentioning: "appears twice")
    }

    func testEndRecordIsFoundBehindTheLongestCommentAndAmbiguityIsRefused() throws {
        let folder = try TestFolder()
        let archive = try ZipReader.read(try folder.hostile("comment-65535"))
        XCTAssertEqual(archive.entries.map(\.path), ["imsmanifest.xml", "index.html"])
        try assertRefused("comment-fake-end", .ambiguousEnd, mentioning: "2 end-of-central-directory records")
    }

    func testNotAZip() throws {
        let folder = try TestFolder()
        let url = try folder.write("not.zip", "just text, long enough to be looked at as a zip")
        XCTAssertThrowsError(try ZipReader.read(url)) { error in
            XCTAssertEqual((error as? ReadFailure)?.rule, .notAZip)
        }
    }

    /// Each hostile zip through the command, in a subprocess: exit status 1 with the rule, no crash,
    /// and a peak resident size under 100 MB (measured by /usr/bin/time).
    func testEveryHostileZipIsRefusedByTheCommandInBoundedMemory() throws {
        let folder = try TestFolder()
        let cases: [(String, String)] = [
            ("name:../../etc/evil", "zip-climbs-out"), ("symlink", "zip-link"), ("many", "zip-too-many-entries"),
            ("claims-10gb", "zip-too-large"), ("lies-small", "zip-size-mismatch"), ("overlap", "zip-overlap"),
            ("aliased", "zip-duplicate-name"), ("central-rename", "zip-header-mismatch"),
        ]
        let time = "/usr/bin/time"
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: time), "install GNU time (Debian: time) to measure memory")
        for (kind, rule) in cases {
            let zip = try folder.hostile(kind)
            let outcome = try runProgram(time, ["-v", VerifyPaths.executable, "verify", zip.path])
            XCTAssertEqual(outcome.status, 1, "\(kind): \(outcome.stdout)\(outcome.stderr)")
            XCTAssertTrue(outcome.stdout.contains("[\(rule)]"), "\(kind): \(outcome.stdout)")
            let peak = outcome.stderr.split(separator: "\n").first { $0.contains("Maximum resident set size") }
                .flatMap { Int($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) } ?? Int.max
            XCTAssertLessThan(peak, 100_000, "\(kind): peak \(peak) KB")
        }
    }
}
