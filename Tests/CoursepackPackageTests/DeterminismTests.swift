@testable import CoursepackPackage
import CoursepackRender
import CoursepackVerify
import Foundation
import XCTest

/// Packing twice, or after touching every file, gives byte-identical zips; entries are sorted, dated
/// and permissioned the same way; compressed media are stored, everything else deflated.
final class DeterminismTests: XCTestCase {
    func testPackingTwiceGivesIdenticalBytes() throws {
        let scratch = try Scratch()
        let module = Paths.samples.appendingPathComponent("talking-with-newcomers")
        let first = try Packer.pack(module, options: Packs.options(PackageTarget.allCases, out: try scratch.folder("a")))
        let second = try Packer.pack(module, options: Packs.options(PackageTarget.allCases, out: try scratch.folder("b")))
        for (a, b) in zip(first.packages, second.packages) {
            XCTAssertEqual(try Data(contentsOf: a.url), try Data(contentsOf: b.url), a.url.lastPathComponent)
        }
    }

    func testTouchingEveryFileChangesNothing() throws {
        let scratch = try Scratch()
        let module = try scratch.copy(sample: "first-weeks")
        let before = try Packer.pack(module, options: Packs.options([.scorm12, .web], out: try scratch.folder("before")))
        let later = Date().addingTimeInterval(3_600)
        let walker = try XCTUnwrap(FileManager.default.enumerator(at: module, includingPropertiesForKeys: nil))
        var touched = 0
        for case let url as URL in walker {
            try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: url.path)
            touched += 1
        }
        XCTAssertGreaterThan(touched, 20)
        let after = try Packer.pack(module, options: Packs.options([.scorm12, .web], out: try scratch.folder("after")))
        for (a, b) in zip(before.packages, after.packages) {
            XCTAssertEqual(try Data(contentsOf: a.url), try Data(contentsOf: b.url), a.url.lastPathComponent)
        }
    }

    func testEntriesAreSortedDatedAndStoredOrDeflatedByType() throws {
        let scratch = try Scratch()
        let result = try Packer.pack(Paths.samples.appendingPathComponent("first-weeks"),
                                     options: Packs.options([.scorm2004], out: try scratch.folder("out")))
        let data = try Data(contentsOf: result.packages[0].url)
        let entries = try CentralDirectory.entries(of: data)
        XCTAssertGreaterThan(entries.count, 10)
        let names = entries.map(\.name)
        XCTAssertEqual(names, names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for entry in entries {
            XCTAssertEqual(entry.unixMode, 0o100644, entry.name)
            XCTAssertFalse(entry.name.hasSuffix("/"), "no folder entries")
            let stored = ["jpg", "png", "mp3", "mp4", "pdf", "woff2"].contains { entry.name.hasSuffix("." + $0) }
            XCTAssertEqual(entry.method, stored ? 0 : 8, entry.name)
        }
        XCTAssertTrue(names.contains("media/doctor-appointment.mp4"))
        // SOURCE_DATE_EPOCH=1700000000 is 2023-11-14 22:13:20 UTC, kept as a DOS date (2-second steps).
        let archive = try Packs.read(result.packages[0].url)
        XCTAssertTrue(archive.entries.allSatisfy { $0.modificationTime == 1_700_000_000 })
        XCTAssertEqual(Set(entries.map(\.dosDate)), [CentralDirectory.dosDate(year: 2023, month: 11, day: 14)])
        XCTAssertEqual(Set(entries.map(\.dosTime)), [CentralDirectory.dosTime(hour: 22, minute: 13, second: 20)])
    }

    /// Without SOURCE_DATE_EPOCH and outside git, every entry carries 1980-01-01, never a file's mtime.
    func testDefaultDateIsFixed() throws {
        let scratch = try Scratch()
        let module = try scratch.copy(sample: "talking-with-newcomers")
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SOURCE_DATE_EPOCH")
        let result = try Packer.pack(module, options: Packs.options([.cmi5], out: try scratch.folder("out"), environment: environment))
        let archive = try Packs.read(result.packages[0].url)
        XCTAssertTrue(archive.entries.allSatisfy { $0.modificationTime == 315_532_800 })
        let recorded = try PackageManifest.decode(try XCTUnwrap(archive.contents[PackageManifest.fileName]))
        XCTAssertEqual(recorded.build.dateSource, "default")
        XCTAssertEqual(recorded.build.date, "1980-01-01T00:00:00Z")
    }

    func testBadSourceDateEpochIsRefused() throws {
        let scratch = try Scratch()
        XCTAssertThrowsError(try Packer.pack(Paths.samples.appendingPathComponent("first-weeks"),
                                             options: Packs.options([.web], out: try scratch.folder("out"),
                                                                    environment: ["SOURCE_DATE_EPOCH": "yesterday"]))) { error in
            XCTAssertTrue("\(error)".contains("SOURCE_DATE_EPOCH"), "\(error)")
        }
    }

    func testCompressionIsDecidedByExtension() {
        XCTAssertEqual(ZipCompression.forPath("media/a.JPG"), .store)
        XCTAssertEqual(ZipCompression.forPath("player/fonts/x.woff2"), .store)
        XCTAssertEqual(ZipCompression.forPath("media/clip.webm"), .store)
        XCTAssertEqual(ZipCompression.forPath("index.html"), .deflate)
        XCTAssertEqual(ZipCompression.forPath("media/captions.en.vtt"), .deflate)
        XCTAssertEqual(ZipCompression.forPath("media/.hidden"), .deflate)
    }
}

/// Reads a zip's central directory straight from its bytes: what the format says, independent of the
/// library that wrote it.
enum CentralDirectory {
    struct Entry {
        let name: String
        let method: UInt16
        let dosTime: UInt16
        let dosDate: UInt16
        let unixMode: UInt32
    }

    struct Malformed: Error {}

    static func entries(of data: Data) throws -> [Entry] {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
        // The end of central directory record: the last "PK\5\6".
        guard let end = stride(from: bytes.count - 22, through: max(0, bytes.count - 65_557), by: -1)
            .first(where: { u32($0) == 0x0605_4B50 }) else { throw Malformed() }
        let count = Int(u16(end + 10))
        var offset = Int(u32(end + 16))
        var entries: [Entry] = []
        for _ in 0..<count {
            guard u32(offset) == 0x0201_4B50 else { throw Malformed() }
            let nameLength = Int(u16(offset + 28)), extraLength = Int(u16(offset + 30)), commentLength = Int(u16(offset + 32))
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            entries.append(Entry(name: name, method: u16(offset + 10), dosTime: u16(offset + 12), dosDate: u16(offset + 14),
                                 unixMode: u32(offset + 38) >> 16))
            offset += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    static func dosDate(year: Int, month: Int, day: Int) -> UInt16 { UInt16((year - 1980) << 9 | month << 5 | day) }
    static func dosTime(hour: Int, minute: Int, second: Int) -> UInt16 { UInt16(hour << 11 | minute << 5 | second / 2) }
}

/// coursepack.json and coursepack.sig are written by hand (sorted keys, fixed layout): what is written
/// reads back the same, whatever the text holds.
final class PackageFileFormatTests: XCTestCase {
    func testManifestRoundTrips() throws {
        let manifest = PackageManifest(
            id: "m", version: "1.0.0", title: "Quotes \" and \\ back\nslash\t\u{1} and العربية", target: "cmi5",
            identifier: nil, launch: "index.html", sourceLanguage: "en",
            locales: [.init(tag: "en", source: true, percent: 100, complete: true, missing: 0, stale: 0, needsReview: 0, document: "index.html")],
            leftOut: [.init(tag: "ar", source: false, percent: 99.8, complete: false, missing: 1, stale: 2, needsReview: 3, document: nil)],
            pages: [.init(id: "01", title: "One", sha256: "ab")], strings: ["en": ["b": "2", "a": "1"], "ar": [:]],
            build: .init(tool: "coursepack", toolVersion: "t", date: "1980-01-01T00:00:00Z", dateSource: "default", zipLibrary: "z"),
            files: ["z.txt": .init(sha256: "00", size: 3), "a.txt": .init(sha256: "11", size: 0)])
        let data = manifest.encoded()
        XCTAssertEqual(try PackageManifest.decode(data), manifest)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"percent\": 99.8"), text)
        XCTAssertTrue(text.contains("\"ar\": {}"), text)
        XCTAssertLessThan(try XCTUnwrap(text.range(of: "\"a.txt\"")).lowerBound, try XCTUnwrap(text.range(of: "\"z.txt\"")).lowerBound)
        XCTAssertNil(text.range(of: "identifier"), "absent values are left out")
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: data))
    }
}
