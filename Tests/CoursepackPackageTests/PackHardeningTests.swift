import CoursepackLoad
@testable import CoursepackPackage
import Foundation
import XCTest

/// What `pack` leaves on disk for others to read: names an extractor decodes right, and no temporary
/// files of an earlier pack killed beyond any signal handler's reach.
final class PackHardeningTests: XCTestCase {
    /// The general purpose flags of every entry, from the local header and from the central directory,
    /// read from the bytes as APPNOTE.TXT 4.3.7 and 4.3.12 lay them out.
    private func entryFlags(_ zip: URL) throws -> [String: (local: UInt16, central: UInt16)] {
        let bytes = [UInt8](try Data(contentsOf: zip))
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        // End of central directory record: signature 0x06054b50, searched from the end.
        var end = bytes.count - 22
        while end >= 0, u32(end) != 0x0605_4b50 { end -= 1 }
        XCTAssertGreaterThanOrEqual(end, 0, "no end of central directory record")
        let count = u16(end + 10)
        var offset = u32(end + 16)
        var result: [String: (UInt16, UInt16)] = [:]
        for _ in 0..<count {
            XCTAssertEqual(u32(offset), 0x0201_4b50)
            let centralFlags = UInt16(u16(offset + 8))
            let nameLength = u16(offset + 28), extraLength = u16(offset + 30), commentLength = u16(offset + 32)
            let localOffset = u32(offset + 42)
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            XCTAssertEqual(u32(localOffset), 0x0403_4b50)
            result[name] = (UInt16(u16(localOffset + 6)), centralFlags)
            offset += 46 + nameLength + extraLength + commentLength
        }
        return result
    }

    func testNonASCIINamesCarryTheUTF8Flag() throws {
        let scratch = try Scratch()
        let module = try TranslatedModule.make(in: try scratch.folder("module"), locales: ["fr"])
        let media = module.appendingPathComponent("media")
        try FileManager.default.moveItem(at: media.appendingPathComponent("office.png"), to: media.appendingPathComponent("café-ü.png"))
        let page = module.appendingPathComponent("pages/01-start.md")
        try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "media/office.png", with: "media/café-ü.png")
            .write(to: page, atomically: true, encoding: .utf8)
        try TranslatedModule.translateEverything(module)
        let out = try scratch.folder("out")
        let result = try Packer.pack(module, options: Packs.options([.web], out: out))
        let flags = try entryFlags(try XCTUnwrap(result.packages.first?.url))
        let entry = try XCTUnwrap(flags["media/café-ü.png"], "entries: \(flags.keys.sorted())")
        XCTAssertEqual(entry.local & 0x0800, 0x0800, "local header without the UTF-8 flag")
        XCTAssertEqual(entry.central & 0x0800, 0x0800, "central directory header without the UTF-8 flag")
    }

    /// A pack killed with SIGKILL leaves `.<name>.zip.<pid>-<n>.partial`; the next pack removes those whose
    /// process is gone, and nothing else.
    func testTheNextPackRemovesThePartialsOfAKilledPack() throws {
        let scratch = try Scratch()
        let module = try TranslatedModule.make(in: try scratch.folder("module"), locales: ["fr"])
        let out = try scratch.folder("out")
        var gone: pid_t = 4_000_000
        while kill(gone, 0) == 0 || errno != ESRCH { gone -= 1 }
        let stale = [".translated-module-1.0.0-web.zip.\(gone)-12345.partial", ".older-0.9.0-scorm12.zip.\(gone)-7.partial"]
        let kept = [".translated-module-1.0.0-web.zip.\(getpid())-99.partial",  // a pack still running
                    ".notes.partial", ".x.zip.\(gone).partial", "draft.zip.\(gone)-1.partial", "keep.txt"]
        for name in stale + kept { try Data("partial".utf8).write(to: out.appendingPathComponent(name)) }
        // A link with a stale name is no temporary zip: it is left, and what it points at too.
        let target = scratch.root.appendingPathComponent("precious.txt")
        try Data("precious".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent(".link-1.0.0-web.zip.\(gone)-1.partial").path,
                                                   withDestinationPath: target.path)
        _ = try Packer.pack(module, options: Packs.options([.web], out: out))
        XCTAssertEqual(Packs.files(in: out), (kept + [".link-1.0.0-web.zip.\(gone)-1.partial", "translated-module-1.0.0-web.zip"]).sorted())
        XCTAssertTrue(FileManager.default.fileExists(atPath: target.path))
    }

    func testPartialNamesAreRecognisedStrictly() {
        XCTAssertEqual(PendingFile.abandonedOwner(".m-1.0.0-web.zip.4242-17.partial"), 4242)
        for name in [".m.zip.4242.partial", "m.zip.4242-1.partial", ".m.zip.42a-1.partial", ".m.txt.4242-1.partial",
                     ".m.zip.4242-1.partial.bak", ".m.zip.-1-1.partial", ".m.zip.4242-.partial"] {
            XCTAssertNil(PendingFile.abandonedOwner(name), name)
        }
    }
}
