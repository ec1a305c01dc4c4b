import Foundation
import Hummingbird
import NIOCore

/// Hummingbird re-exports `HTTPFields` but not its element type; naming it here spares a direct
/// dependency on swift-http-types.
typealias HTTPField = HTTPFields.Element

/// Responses the host sends, with the headers every one of them carries.
enum Reply {
    static func html(_ text: String, status: HTTPResponse.Status = .ok, csp: String = SecurityPolicy.hostPages) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = csp
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A reply of a few scalar fields, written by FlatJSON (the commit path's replies: no Foundation boxing).
    static func json(fields: [String: FlatJSON.Value], status: HTTPResponse.Status = .ok) -> Response {
        text(FlatJSON.text(.object(fields)), contentType: "application/json; charset=utf-8", status: status)
    }

    static func error(_ message: String, status: HTTPResponse.Status) -> Response {
        json(fields: ["error": .string(message)], status: status)
    }

    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok, cache: String = "no-store") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = cache
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }
}

/// The Content-Security-Policy of each kind of page. The package's content runs in the same origin as
/// the player frame (SCORM content finds its API through `window.parent`), so what keeps it from the
/// admin pages and other learners' data is: what it may connect to, that it may not open windows or
/// navigate the top page (sandbox without popups or top navigation), that the admin pages refuse to be
/// framed and their cookie is HttpOnly, SameSite=Strict and limited to /admin.
enum SecurityPolicy {
    static let hostPages = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'"
    static let adminPages = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"

    static let sandbox = "sandbox allow-scripts allow-same-origin allow-forms allow-modals allow-downloads"

    /// The player frame: it may send commits, nothing else; everything it frames inherits its sandbox.
    static func playerPage(origin: String) -> String {
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src \(origin)/api/; frame-src \(origin)/content/; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'; \(sandbox)"
    }

    /// A package's files: its own folder, the xAPI endpoint and the cmi5 fetch URL; no network.
    static func content(origin: String, folder: String) -> String {
        "default-src 'self' data: blob:; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; connect-src \(origin)\(folder) \(origin)/xapi/ \(origin)/cmi5/; frame-src \(origin)\(folder); frame-ancestors 'self'; form-action 'none'; base-uri 'self'; object-src 'none'; \(sandbox)"
    }

    /// The origin the browser used, from the Host header, when it is a plain host[:port].
    static func origin(of request: Request) -> String {
        let host = request.head.authority ?? ""
        let safe = !host.isEmpty && host.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || ".:-[]".unicodeScalars.contains($0) }
        return "http://" + (safe ? host : "localhost")
    }
}

extension Request {
    /// A cookie's value.
    func cookie(_ name: String) -> String? {
        cookies[name]?.value
    }

    /// The body, refused past `limit` bytes.
    mutating func bodyText(limit: Int) async throws -> String? {
        do {
            let buffer = try await collectBody(upTo: limit)
            return String(buffer: buffer)
        } catch {
            return nil
        }
    }
}

/// `application/x-www-form-urlencoded` fields.
func formFields(_ body: String) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in body.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let decode = { (text: Substring) in text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
        guard let name = parts.first.map(decode), !name.isEmpty else { continue }
        fields[name] = parts.count > 1 ? decode(parts[1]) : ""
    }
    return fields
}

func queryValue(_ request: Request, _ name: String) -> String? {
    request.uri.queryParameters[Substring(name)].map { String($0) }
}

/// A Set-Cookie value.
func cookieHeader(name: String, value: String, path: String, sameSite: String, maxAge: Int?) -> String {
    var parts = ["\(name)=\(value)", "Path=\(path)", "HttpOnly", "SameSite=\(sameSite)"]
    if let maxAge { parts.append("Max-Age=\(maxAge)") }
    return parts.joined(separator: "; ")
}
