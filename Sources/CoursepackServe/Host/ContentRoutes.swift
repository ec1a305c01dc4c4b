import Foundation
import Hummingbird
import NIOCore

/// A path inside a package, checked segment by segment before it touches the file system.
enum ContentPath {
    /// The segments of `raw` (the request path after the package's folder, still percent-encoded), or
    /// nil when one is empty, `.`, `..`, holds a slash or backslash once decoded, a NUL, or does not decode.
    static func segments(_ raw: Substring) -> [String]? {
        var segments: [String] = []
        for piece in raw.split(separator: "/", omittingEmptySubsequences: false) {
            // The package id and version (the first two) are names looked up in the catalog, not paths:
            // a cmi5 course id is a URL and arrives with its slashes encoded.
            if segments.count < 2 {
                guard let decoded = String(piece).removingPercentEncoding, !decoded.isEmpty, !decoded.contains("\u{0}") else { return nil }
                segments.append(decoded)
                continue
            }
            guard let decoded = String(piece).removingPercentEncoding, !decoded.isEmpty, decoded != ".", decoded != "..",
                  !decoded.contains("/"), !decoded.contains("\\"), !decoded.contains("\u{0}") else { return nil }
            segments.append(decoded)
        }
        return segments.isEmpty ? nil : segments
    }

    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "json": return "application/json"
        case "xml", "xsd": return "application/xml"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "mp3": return "audio/mpeg"
        case "ogg", "oga": return "audio/ogg"
        case "wav": return "audio/wav"
        case "mp4", "m4v": return "video/mp4"
        case "webm": return "video/webm"
        case "vtt": return "text/vtt; charset=utf-8"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        case "pdf": return "application/pdf"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}

extension Host {
    func addContentRoutes(_ router: Router<HostContext>) {
        router.get("/content/**") { request, _ in
            // The raw path: every segment is decoded and checked on its own, so that an encoded slash
            // or dot-dot cannot climb out.
            let target = request.head.path ?? ""
            let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
            let rest = path.dropFirst("/content/".count)
            guard path.hasPrefix("/content/"), let segments = ContentPath.segments(rest), segments.count >= 3 else {
                return Reply.error("no such file", status: .notFound)
            }
            // Package files are for learners of this host (and the cmi5 AU they launch).
            guard try await self.learner(request) != nil else { return Reply.error("join with your code first", status: .unauthorized) }
            guard let package = try self.catalog.package(id: segments[0], version: segments[1]) else {
                return Reply.error("no such package version", status: .notFound)
            }
            let root = self.catalog.folder(of: package.record).resolvingSymlinksInPath()
            var file = root
            for segment in segments.dropFirst(2) { file.appendPathComponent(segment) }
            file = file.resolvingSymlinksInPath()
            var isFolder: ObjCBool = false
            guard file.path.hasPrefix(root.path + "/"), FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue else {
                return Reply.error("no such file", status: .notFound)
            }
            let folder = "/content/\(escapeURLComponent(package.id))/\(escapeURLComponent(package.version))/"
            var headers = HTTPFields()
            headers[.contentType] = ContentPath.contentType(file.lastPathComponent)
            headers[.contentSecurityPolicy] = SecurityPolicy.content(origin: SecurityPolicy.origin(of: request), folder: folder)
            headers[.cacheControl] = "private, max-age=300"
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue ?? 0
            if size <= 4 << 20 {
                let data = try Data(contentsOf: file)
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
            // Large media: read in pieces, never all in memory.
            let url = file
            return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: size) { writer in
                let handle = try FileHandle(forReadingFrom: url)
                defer { try? handle.close() }
                while let chunk = try handle.read(upToCount: 256 << 10), !chunk.isEmpty {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            })
        }
    }
}
