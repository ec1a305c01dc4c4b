import CoursepackPackage
import CoursepackRender
import CoursepackVerify
import Foundation
import XCTest

/// keygen writes a key pair (the private key readable by its owner only); a signed package verifies,
/// and stops verifying when one byte of the zip changes.
final class SigningTests: XCTestCase {
    func testKeygenWritesAPrivateKeyOnlyItsOwnerCanRead() throws {
        let scratch = try Scratch()
        let base = scratch.root.appendingPathComponent("partner")
        let written = try SigningKeyFiles.generate(base: base)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: written.privateKey.path)[.posixPermissions] as? NSNumber)
        XCTAssertEqual(mode.intValue & 0o777, 0o600)
        let key = try SigningKeyFiles.loadPrivateKey(written.privateKey)
        let publicKey = try SigningKeyFiles.loadPublicKey(written.publicKey)
        XCTAssertEqual(key.publicKey.rawRepresentation, publicKey.rawRepresentation)
        XCTAssertEqual(written.keyID, Ed25519Keys.keyID(publicKey))
        XCTAssertTrue(try String(contentsOf: written.privateKey, encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        XCTAssertThrowsError(try SigningKeyFiles.generate(base: base), "keys are never overwritten")
    }

    func testSignedPackageVerifiesAndOneChangedByteBreaksIt() throws {
        let scratch = try Scratch()
        let keys = try SigningKeyFiles.generate(base: scratch.root.appendingPathComponent("signer"))
        let other = try SigningKeyFiles.generate(base: scratch.root.appendingPathComponent("other"))
        var options = Packs.options([.scorm12], out: try scratch.folder("out"))
        options.signingKey = try SigningKeyFiles.loadPrivateKey(keys.privateKey)
        let package = try XCTUnwrap(try Packer.pack(Paths.samples.appendingPathComponent("first-weeks"), options: options).packages.first)
        XCTAssertTrue(package.signed)

        let trusted = try SigningKeyFiles.loadPublicKey(keys.publicKey)
        let inspection = try PackageInspection.inspect(package.url, displayPath: "p.zip", trustedKey: trusted)
        XCTAssertEqual(inspection.signature.state, .valid)
        XCTAssertEqual(inspection.signature.trusted, true)
        XCTAssertEqual(inspection.signature.keyID, keys.keyID)
        XCTAssertFalse(inspection.hasErrors)
        let byOther = try PackageInspection.inspect(package.url, displayPath: "p.zip",
                                                    trustedKey: try SigningKeyFiles.loadPublicKey(other.publicKey))
        XCTAssertEqual(byOther.signature.trusted, false)
        XCTAssertTrue(byOther.hasErrors)

        // One byte inside a stored video, one inside an HTML document's deflated bytes, one inside
        // coursepack.sig: each must be caught (a read error or a signature that no longer verifies).
        let original = try Data(contentsOf: package.url)
        let video = try Data(contentsOf: Paths.samples.appendingPathComponent("first-weeks/media/doctor-appointment.mp4"))
        let videoStart = try XCTUnwrap(original.range(of: video.prefix(4096))).lowerBound
        let entries = try LocalHeaders.offsets(of: original)
        let html = try XCTUnwrap(entries["index.html"])
        let signature = try XCTUnwrap(entries["coursepack.sig"])
        for (what, offset) in [("the video", videoStart + video.count / 2), ("index.html", html.dataStart + html.dataLength / 2),
                               ("coursepack.sig", signature.dataStart + 10)] {
            var changed = original
            changed[offset] ^= 0x20
            let tampered = scratch.root.appendingPathComponent("tampered.zip")
            try changed.write(to: tampered)
            do {
                let result = try PackageInspection.inspect(tampered, displayPath: "t.zip", trustedKey: trusted)
                XCTAssertEqual(result.signature.state, .invalid, "a changed byte in \(what) went unnoticed")
                XCTAssertTrue(result.hasErrors)
            } catch {
                // libarchive noticed first (a CRC or inflate error): also a refusal.
                XCTAssertTrue(String(describing: error).contains("t.zip") || String(describing: error).contains("tampered"), "\(error)")
            }
        }
    }

    func testUnsignedPackageSaysSo() throws {
        let scratch = try Scratch()
        let package = try XCTUnwrap(try Packer.pack(Paths.samples.appendingPathComponent("talking-with-newcomers"),
                                                    options: Packs.options([.web], out: try scratch.folder("out"))).packages.first)
        let inspection = try PackageInspection.inspect(package.url, displayPath: "p.zip")
        XCTAssertEqual(inspection.signature.state, .unsigned)
        XCTAssertFalse(inspection.hasErrors)
    }
}

/// Where each entry's data starts in a zip, from its local headers (sizes from the central directory,
/// since entries written with a data descriptor leave them out of the local header).
enum LocalHeaders {
    struct Place {
        let dataStart: Int
        let dataLength: Int
    }

    static func offsets(of data: Data) throws -> [String: Place] {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard let end = stride(from: bytes.count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4B50 }) else {
            throw CentralDirectory.Malformed()
        }
        var offset = u32(end + 16)
        var places: [String: Place] = [:]
        for _ in 0..<u16(end + 10) {
            let nameLength = u16(offset + 28)
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            let compressed = u32(offset + 20)
            let local = u32(offset + 42)
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            places[name] = Place(dataStart: dataStart, dataLength: compressed)
            offset += 46 + nameLength + u16(offset + 30) + u16(offset + 32)
        }
        return places
    }
}
