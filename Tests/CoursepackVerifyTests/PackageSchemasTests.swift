import Foundation
import XCTest

/// A package that ships the schemas its manifest names is validated against them, as the CAM intends;
/// the schemas are the official ones from ../shared/xsd, copied into each test's package.
final class PackageSchemasTests: XCTestCase {
    private static let scorm12Namespaces = """
        xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        """
    private static let scorm12Locations = """
        xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd \
        http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"
        """

    private func scorm12(organization: String = "<title>Course</title><item identifier=\"i1\" identifierref=\"r1\"><title>One</title></item>",
                         locations: String = scorm12Locations) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest identifier="schemas.test" version="1" \(Self.scorm12Namespaces) \(locations)>
          <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
          <organizations default="org"><organization identifier="org">\(organization)</organization></organizations>
          <resources>
            <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="one.html"><file href="one.html"/></resource>
          </resources>
        </manifest>
        """
    }

    /// A package folder with `manifest`, a launch page and the official schemas of `edition` at its root.
    private func package(_ folder: TestFolder, _ name: String, manifest: String, schemas: String? = "scorm12") throws -> URL {
        let root = folder.url(name)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try manifest.write(to: root.appendingPathComponent("imsmanifest.xml"), atomically: true, encoding: .utf8)
        try "<html><body>One</body></html>".write(to: root.appendingPathComponent("one.html"), atomically: true, encoding: .utf8)
        if let schemas {
            let official = VerifyPaths.schemas.appendingPathComponent(schemas)
            for file in try FileManager.default.contentsOfDirectory(atPath: official.path) {
                try FileManager.default.copyItem(at: official.appendingPathComponent(file), to: root.appendingPathComponent(file))
            }
        }
        return root
    }

    private func verify(_ path: URL) throws -> (shape: [String: Any], findings: [(rule: String, message: String)]) {
        let outcome = try coursepack(["verify", "--format", "json", path.path])
        XCTAssertNotEqual(outcome.status, 2, outcome.stderr)
        let result = (try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [[String: Any]])[0]
        let findings = (result["findings"] as? [[String: Any]] ?? []).map { ($0["rule"] as? String ?? "", $0["message"] as? String ?? "") }
        return (result["shape"] as? [String: Any] ?? [:], findings)
    }

    func testAPackageThatShipsItsSchemasIsValidatedAgainstThem() throws {
        let folder = try TestFolder()
        let clean = try verify(try package(folder, "clean", manifest: scorm12()))
        XCTAssertEqual(clean.findings.map(\.rule), [])
        XCTAssertEqual(clean.shape["schemas"] as? String, "the package's own (4 schema files)")
    }

    /// An element the content packaging schema does not allow there: the built-in checks let it pass,
    /// the package's own schema does not.
    func testWhatOnlyTheShippedSchemaSeesIsFoundWithItsLine() throws {
        let folder = try TestFolder()
        let stray = scorm12(organization: "<title>Course</title><item identifier=\"i1\" identifierref=\"r1\"><title>One</title><title>Two</title></item>")
        let result = try verify(try package(folder, "stray", manifest: stray))
        XCTAssertEqual(result.findings.map(\.rule), ["xsd-invalid"], "\(result.findings)")
        XCTAssertTrue(result.findings[0].message.hasPrefix("the package's own schema refuses it: "), result.findings[0].message)
        let withoutSchemas = try verify(try package(folder, "stray-no-schemas", manifest: stray, schemas: nil))
        XCTAssertNil(withoutSchemas.shape["schemas"])
        XCTAssertFalse(withoutSchemas.findings.map(\.rule).contains("xsd-invalid"))
    }

    func testSchemasNamedButNotShippedLeaveTheBuiltInChecksAlone() throws {
        let folder = try TestFolder()
        let missing = try verify(try package(folder, "missing", manifest: scorm12(), schemas: nil))
        XCTAssertNil(missing.shape["schemas"])
        XCTAssertEqual(missing.findings.map(\.rule), [])
        // A location on the web is never fetched.
        let remote = scorm12(locations: "xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 http://www.imsproject.org/xsd/imscp_rootv1p1p2.xsd\"")
        let web = try verify(try package(folder, "web", manifest: remote))
        XCTAssertNil(web.shape["schemas"])
        XCTAssertEqual(web.findings.map(\.rule), [])
    }

    func testABrokenShippedSchemaIsSaidAndTheBuiltInChecksStillRun() throws {
        let folder = try TestFolder()
        let root = try package(folder, "broken", manifest: scorm12())
        try "<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><xsd:element".write(
            to: root.appendingPathComponent("adlcp_rootv1p2.xsd"), atomically: true, encoding: .utf8)
        let result = try verify(root)
        XCTAssertEqual(result.shape["schemas"] as? String,
                       "none: the package's own were not used, its schemas do not load offline (an import from the network, or a broken schema)")
        XCTAssertEqual(result.findings.map(\.rule), [])
    }

    /// The 4th Edition schemas import xml.xsd by its W3C address; the copy the package ships is used.
    func testAFourthEditionPackageWithTheOfficialSchemasValidatesOffline() throws {
        let folder = try TestFolder()
        let manifest = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest identifier="schemas.2004" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd">
              <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
              <organizations default="org"><organization identifier="org"><title>Course</title>
                <item identifier="i1" identifierref="r1"><title>One</title></item></organization></organizations>
              <resources>
                <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="one.html"><file href="one.html"/></resource>
              </resources>
            </manifest>
            """
        let root = try package(folder, "fourth", manifest: manifest, schemas: "scorm2004-4th")
        let clean = try verify(root)
        XCTAssertEqual(clean.findings.map(\.rule), [])
        XCTAssertEqual((clean.shape["schemas"] as? String)?.hasPrefix("the package's own ("), true, "\(clean.shape)")
        let bad = manifest.replacingOccurrences(of: "<title>One</title>", with: "<title>One</title><title>Two</title>")
        try bad.write(to: root.appendingPathComponent("imsmanifest.xml"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try verify(root).findings.map(\.rule), ["xsd-invalid"])
    }
}
