import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a module's text file with the checks every text file gets: it exists and is readable, it is
/// not too large, it is text and not binary, and it is UTF-8.
public enum TextFile {
    /// Pages and YAML files are hand-written text; anything bigger is a mistake (a video renamed `.md`,
    /// a generated dump) and would make every later stage slow.
    public static let sizeLimit = 5 * 1024 * 1024

    public static func read(_ url: URL, as relativePath: String, limit: Int = sizeLimit) -> Result<String, Diagnostic> {
        let start = SourceLocation(file: relativePath)
        func unreadable(_ code: Int32) -> Result<String, Diagnostic> {
            .failure(Diagnostic(.unreadablePath, at: start, "this file cannot be read: \(String(cString: strerror(code)).lowercased())",
                                hint: "check that it exists and that you may read it"))
        }
        func tooLarge(_ size: Int) -> Result<String, Diagnostic> {
            .failure(Diagnostic(.fileTooLarge, at: start,
                                "this file is \(ByteCount(size)); text files of a module are limited to \(ByteCount(limit))",
                                hint: "split a long page into several pages; put large data in media/"))
        }
        // One open, fstat and read: a module has thousands of pages, and Foundation's attribute
        // dictionary (owner and group names included) cost more than reading a page.
        // O_NONBLOCK: a named pipe in a stranger's module must not make the open wait for a writer.
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { return unreadable(errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return unreadable(errno) }
        if status.st_mode & S_IFMT == S_IFDIR { return unreadable(EISDIR) }
        if status.st_mode & S_IFMT != S_IFREG {
            return .failure(ModuleBoundary.diagnostic(.special(ModuleBoundary.kindName(status.st_mode)), at: relativePath))
        }
        let size = Int(status.st_size)
        if size > limit { return tooLarge(size) }
        if let text = readValidText(descriptor, size: size) { return .success(text) }
        // Not plain valid UTF-8 of the size fstat gave (a bad byte, binary data, a file that grew): read
        // it again as bytes, to say exactly what is wrong where.
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { return unreadable(errno) }
        // One byte more than the size, to see a file that grew since fstat.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == bytes.count {
                if count > limit { return tooLarge(count) }
                bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096)))
            }
            let read = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                return unreadable(errno)
            }
            if read == 0 { break }
            count += read
        }
        if count > limit { return tooLarge(count) }
        bytes.removeLast(bytes.count - count)
        return decode(bytes, as: relativePath)
    }

    /// The usual case in one pass: `size` bytes read straight into a string's storage and checked
    /// there (valid UTF-8, no NUL), a leading BOM dropped and CRLF made LF; nil for anything else.
    /// Tables of tens of megabytes are read this way, so no byte is copied or zeroed twice.
    private static func readValidText(_ descriptor: Int32, size: Int) -> String? {
        var usable = false
        var hasReturns = false
        let text = String(unsafeUninitializedCapacity: size) { buffer in
            var count = 0
            while count < size {
                let read = systemRead(descriptor, buffer.baseAddress! + count, size - count)
                if read < 0 && errno == EINTR { continue }
                guard read > 0 else { return 0 }
                count += read
            }
            var probe: UInt8 = 0
            guard systemRead(descriptor, &probe, 1) == 0 else { return 0 }  // it grew since fstat
            let bytes = UnsafeBufferPointer(rebasing: buffer[0..<count])
            guard count == 0 || memchr(bytes.baseAddress!, 0, count) == nil,
                  (try? UTF8Span(validating: bytes.span)) != nil else { return 0 }
            usable = true
            hasReturns = count > 0 && memchr(bytes.baseAddress!, 0x0D, count) != nil
            return count
        }
        guard usable else { return nil }
        var result = text
        if result.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { result.removeFirst() }
        if hasReturns { result = result.replacingOccurrences(of: "\r\n", with: "\n") }
        return result
    }

    /// Checks and decodes bytes that should be UTF-8 text.
    public static func decode(_ data: Data, as relativePath: String) -> Result<String, Diagnostic> {
        decode([UInt8](data), as: relativePath)
    }

    static func decode(_ data: [UInt8], as relativePath: String) -> Result<String, Diagnostic> {
        if contains(0, in: data) {
            return .failure(Diagnostic(.binaryFile, at: SourceLocation(file: relativePath),
                                       "this file holds binary data, not text",
                                       hint: "a page must be Markdown text; if this is a picture or a document, move it to media/ and give it its real extension"))
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            let bytes = data
            let bad = firstInvalidUTF8(bytes) ?? 0
            return .failure(Diagnostic(.notUTF8, at: position(of: bad, in: bytes, file: relativePath),
                                       "this file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad))",
                                       hint: "save it as UTF-8 in your editor (for example \"Save with Encoding\" > UTF-8)"))
        }
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst() }
        if contains(0x0D, in: data) { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        return .success(text)
    }

    /// `memchr` over the bytes: `contains` on a collection iterates byte by byte.
    static func contains(_ byte: UInt8, in data: [UInt8]) -> Bool {
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
            default: return index
            }
            guard index + length <= count else { return index }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }

    /// Line and column (in characters of the valid text before it) of a byte offset.
    static func position(of offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let prefix = bytes[lineStart..<offset]
        let column = String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))).lowercased() }
        return nsError.localizedDescription
    }
}

/// A byte count as a person reads it: "50.0 MB", "812 KB".
public struct ByteCount: CustomStringConvertible, Sendable {
    public let bytes: Int
    public init(_ bytes: Int) { self.bytes = bytes }
    public var description: String {
        if bytes >= 1024 * 1024 { return String(format: "%.1f MB", Double(bytes) / 1_048_576) }
        if bytes >= 1024 { return "\(bytes / 1024) KB" }
        return "\(bytes) bytes"
    }
}

/// `read(2)`, named apart from `TextFile.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(descriptor, buffer, count)
    #else
    return Darwin.read(descriptor, buffer, count)
    #endif
}
