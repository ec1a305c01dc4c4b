@testable import CoursepackImport
import CoursepackVerify
import Foundation
import XCTest

/// `import` installs a verified package under its identity and version, keeps earlier versions, and
/// leaves the library as it was when it refuses or fails; `library list|show|remove` see the catalog.
final class ImportLibraryTests: XCTestCase {
    /// A small SCORM 1.2 package from the corpus generator's pieces, with a given manifest version.
    private func package(_ folder: TestFolder, version: String, scos: [String], name: String) throws -> URL {
        let source = folder.url("src-\(name)")
        let items = scos.map { "<item identifier=\"\($0)\" identifierref=\"r-\($0)\"><title>Unit \($0)</title></item>" }.joined()
        let resources = scos.map {
            "<resource identifier=\"r-\($0)\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"\($0).html\"><file href=\"\($0).html\"/></resource>"
        }.joined()
        try folder.write("src-\(name)/imsmanifest.xml", """
            <?xml version="1.0"?>
            <manifest identifier="library.test" version="\(version)" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
              <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
              <organizations default="o"><organization identifier="o"><title>Library test</title>\(items)</organization></organizations>
              <resources>\(resources)</resources>
            </manifest>
            """)
        for sco in scos { try folder.write("src-\(name)/\(sco).html", "<!DOCTYPE html><html><body>\(sco)</body></html>") }
        return try folder.zip(source, to: "\(name).zip")
    }

    private func listing(_ root: URL) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        return (enumerator?.allObjects as? [String] ?? []).filter { !$0.hasPrefix(".lock") }.sorted()
    }

    func testImportKeepsVersionsAndLibraryCommandsSeeThem() throws {
        let folder = try TestFolder()
        let library = folder.url("library")
        let v1 = try package(folder, version: "1.0", scos: ["a", "b"], name: "v1")
        let v2 = try package(folder, version: "2.0", scos: ["a", "c"], name: "v2")
        let first = try coursepack(["import", v1.path, "--library", library.path])
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        XCTAssertTrue(first.stdout.contains("imported library.test 1.0 (SCORM 1.2: Library test)"), first.stdout)
        XCTAssertEqual(try coursepack(["import", v2.path, "--library", library.path]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: library.appendingPathComponent("packages/library.test/1.0/b.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: library.appendingPathComponent("packages/library.test/2.0/c.html").path))

        let again = try coursepack(["import", v1.path, "--library", library.path])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("library.test 1.0 is already in the library"), again.stderr)

        let list = try coursepack(["library", "list", "--library", library.path])
        XCTAssertEqual(list.stdout, "library.test 1.0  SCORM 1.2  Library test\nlibrary.test 2.0  SCORM 1.2  Library test\n")
        let show = try coursepack(["library", "show", "library.test", "--version", "2.0", "--library", library.path])
        XCTAssertTrue(show.stdout.contains("    sco c: Unit c -> c.html"), show.stdout)

        XCTAssertEqual(try coursepack(["library", "remove", "library.test", "--library", library.path]).status, 2)
        let removed = try coursepack(["library", "remove", "library.test", "--version", "1.0", "--library", library.path])
        XCTAssertEqual(removed.stdout, "removed library.test 1.0\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: library.appendingPathComponent("packages/library.test/1.0").path))
        XCTAssertEqual(try CoursepackImport.Library(library, create: false).list().map(\.version), ["2.0"])
    }

    func testRefusedAndHostilePackagesLeaveTheLibraryAsItWas() throws {
        let folder = try TestFolder()
        let library = folder.url("library")
        XCTAssertEqual(try coursepack(["import", try package(folder, version: "1.0", scos: ["a"], name: "good").path,
                                       "--library", library.path]).status, 0)
        let before = try listing(library)
        for kind in ["name:../../escaped.txt", "symlink", "overlap", "lies-small", "central-rename"] {
            let outcome = try coursepack(["import", try folder.hostile(kind).path, "--library", library.path])
            XCTAssertEqual(outcome.status, 1, "\(kind): \(outcome.stdout) \(outcome.stderr)")
            XCTAssertTrue(outcome.stdout.contains("not imported"), outcome.stdout)
            XCTAssertEqual(try listing(library), before, kind)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.root.deletingLastPathComponent().appendingPathComponent("escaped.txt").path))
        // A package whose manifest declares an entity is refused by the host.
        try folder.write("entity/imsmanifest.xml", "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><manifest identifier=\"m\">&x;</manifest>")
        let entity = try coursepack(["import", try folder.zip(folder.url("entity"), to: "entity.zip").path, "--library", library.path])
        XCTAssertEqual(entity.status, 1, entity.stdout)
        XCTAssertTrue(entity.stdout.contains("[xml-entity]"), entity.stdout)
        XCTAssertEqual(try listing(library), before)
    }

    func testAStagingFolderOfAKilledImportIsCleanedUp() throws {
        let folder = try TestFolder()
        let library = folder.url("library")
        try folder.write("library/.staging-killed/content/half.html", "half")
        XCTAssertEqual(try coursepack(["import", try package(folder, version: "1.0", scos: ["a"], name: "p").path,
                                       "--library", library.path]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: library.appendingPathComponent(".staging-killed").path))
    }

    func testDiffByStructureSaysWhatHappensToLearnersRecords() throws {
        let folder = try TestFolder()
        let old = try package(folder, version: "1.0", scos: ["a", "b", "c", "d"], name: "old")
        let new = try package(folder, version: "2.0", scos: ["a", "b", "e"], name: "new")
        let outcome = try coursepack(["diff", old.path, new.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("units removed: 2: learners' records for them are left without a unit"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("  - sco c: Unit c"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("units added: 1"), outcome.stdout)
        let json = try coursepack(["diff", "--format", "json", old.path, new.path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let structure = object["structure"] as! [String: Any]
        XCTAssertEqual((structure["removed"] as! [[String: Any]]).map { $0["id"] as! String }, ["c", "d"])
        XCTAssertEqual((structure["added"] as! [[String: Any]]).map { $0["id"] as! String }, ["e"])
    }
}
