import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import XCTest
@testable import CoursepackPreview

/// The server's routes through Hummingbird's test client: what is served, and every path that tries to
/// leave the module refused.
final class PreviewRoutesTests: XCTestCase {
    /// `test` gets the client and the module's folder (kept until the test is over).
    private func withServer(_ test: @escaping @Sendable (any TestClientProtocol, URL) async throws -> Void) async throws {
        let module = try PreviewFixtures.module()
        let session = PreviewSession(root: module.root)
        try await session.start()
        let app = Application(router: PreviewServer(session: session).router())
        let root = module.root
        try await app.test(.router) { client in try await test(client, root) }
        withExtendedLifetime(module) {}
    }

    func testThePreviewPageTheDocumentsThePlayerAndTheMedia() async throws {
        try await withServer { client, _ in
            try await client.execute(uri: "/", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                let body = String(buffer: response.body)
                XCTAssertTrue(body.contains("id=\"cpv-phone\"") && body.contains("id=\"cpv-laptop\""), "both device views")
                XCTAssertTrue(body.contains("\"tag\":\"ar-XB\""), "the pseudo-locales are offered")
            }
            try await client.execute(uri: "/module/index.html", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(response.headers[.contentType], "text/html; charset=utf-8")
                XCTAssertTrue(String(buffer: response.body).contains("The first paragraph of the welcome page."))
            }
            try await client.execute(uri: "/module/index.ar.html?review=1", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertTrue(String(buffer: response.body).contains("data-cp-status=\"new\""))
            }
            try await client.execute(uri: "/module/player/player.js", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertTrue(String(buffer: response.body).contains("replacePage"))
            }
            try await client.execute(uri: "/module/media/clinic.png", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(response.headers[.contentType], "image/png")
            }
            try await client.execute(uri: "/_preview/page?page=02-office&locale=ar-XB", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                XCTAssertEqual(json?["id"] as? String, "02-office")
                XCTAssertNotNil(json?["data"] as? [String: Any])
                XCTAssertTrue((json?["html"] as? String)?.contains("data-cp-line") == true)
            }
            try await client.execute(uri: "/_preview/page?page=nope&locale=en", method: .get) { response in
                XCTAssertEqual(response.status, .notFound)
            }
            try await client.execute(uri: "/_preview/findings", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertNotNil(try? JSONDecoder().decode(FindingsReport.self, from: Data(buffer: response.body)))
            }
        }
    }

    func testPathsThatTryToLeaveTheModuleAreRefused() async throws {
        try await withServer { client, root in
            // A file outside the module that a climbing path would reach.
            let secret = root.deletingLastPathComponent().appendingPathComponent("outside-\(UUID().uuidString).txt")
            try "SECRET-OUTSIDE".write(to: secret, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: secret) }
            let attempts = [
                "/module/../module.yaml", "/module/media/../module.yaml", "/module/media/../../\(secret.lastPathComponent)",
                "/module/%2e%2e/module.yaml", "/module/media/%2E%2E/%2E%2E/\(secret.lastPathComponent)",
                "/module/media/..%2f..%2f\(secret.lastPathComponent)", "/module/media/%252e%252e/module.yaml",
                "/module/media/..%5c..%5cmodule.yaml", "/module/media//etc/passwd", "/module/media/%2Fetc%2Fpasswd",
                "/module/media/C:/Windows/win.ini", "/module/player/../../module.yaml", "/module/media/clinic.png%00.txt",
                "/module/module.yaml", "/module/pages/01-welcome.md", "/module/locales/ar.po", "/etc/passwd",
                "/module/media/~/secret", "/module" + secret.path,
            ]
            for uri in attempts {
                try await client.execute(uri: uri, method: .get) { response in
                    XCTAssertTrue(response.status == .badRequest || response.status == .notFound, "\(uri): \(response.status)")
                    let body = String(buffer: response.body)
                    XCTAssertFalse(body.contains("SECRET-OUTSIDE") || body.contains("id: preview-test") || body.contains("root:"),
                                   "\(uri) served a file: \(body)")
                }
            }
        }
    }

    func testRequestPathsAreDecodedOnceAndChecked() {
        XCTAssertEqual(try? RequestPath.segments("/module/media/a%20b.png?x=1").get(), ["module", "media", "a b.png"])
        XCTAssertEqual(try? RequestPath.segments("/").get(), [])
        XCTAssertEqual(RequestPath.segments("/module/%2e%2e/x"), .failure(.climbs))
        XCTAssertEqual(RequestPath.segments("/module/%252e%252e/x"), .failure(.climbs))
        XCTAssertEqual(RequestPath.segments("/a%2fb"), .failure(.forbiddenCharacter))
        XCTAssertEqual(RequestPath.segments("/a%ZZ"), .failure(.badEncoding))
        XCTAssertEqual(RequestPath.segments("relative/x"), .failure(.absolute))
    }

    func testAPortInUseIsSaidInOneSentence() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        XCTAssertEqual(listen(fd, 1), 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let problem = try XCTUnwrap(ListenCheck.check(host: "127.0.0.1", port: port))
        XCTAssertTrue(problem.description.contains("port \(port) on 127.0.0.1 is in use"), problem.description)
        XCTAssertTrue(problem.description.contains("--port"))
        XCTAssertNotNil(ListenCheck.check(host: "no-such-host.invalid", port: 1))
    }
}
