import CZlib
import Foundation

/// Where an entry's data lies once its local header has been checked against the central directory.
struct EntrySpan {
    let index: Int
    let start: UInt64
    let dataStart: UInt64
    /// The end of the data and of its data descriptor, if any.
    let end: UInt64
}

enum LocalHeader {
    static let signature: UInt32 = 0x0403_4B50
    static let descriptorSignature: UInt32 = 0x0807_4B50

    /// Reads the local header of `entry` and refuses any difference from the central directory (name,
    /// method, CRC, sizes, encryption): a streaming extractor reads the local header, `unzip` and LMSs
    /// the central directory, and both must get the same files.
    static func span(_ entry: CentralEntry, index: Int, file: ReadFile, centralOffset: UInt64) throws(ReadFailure) -> EntrySpan {
        let shown = "\(file.path): '\(EntryPath.printable(entry.name))'"
        guard entry.localOffset + 30 <= centralOffset else {
            throw ReadFailure(.damaged, "\(shown): its local header is not before the central directory")
        }
        let header = try file.read(30, at: Int64(entry.localOffset))
        let fields = LittleEndian(header)
        guard fields.u32(0) == signature else {
            throw ReadFailure(.headerMismatch, "\(shown): no local header where the central directory points")
        }
        let nameLength = Int(fields.u16(26)), extraLength = Int(fields.u16(28))
        let dataStart = entry.localOffset + 30 + UInt64(nameLength + extraLength)
        guard dataStart <= centralOffset else { throw ReadFailure(.damaged, "\(shown): its local header runs into the central directory") }
        let variable = try file.read(nameLength + extraLength, at: Int64(entry.localOffset) + 30)
        let localName = Array(variable[0..<nameLength])
        let extra = Array(variable[nameLength...])
        func mismatch(_ what: String) -> ReadFailure {
            ReadFailure(.headerMismatch, "\(shown): the local header and the central directory disagree on \(what); extractors would unpack different files, so the package is refused")
        }
        guard localName == entry.nameBytes else {
            throw ReadFailure(.headerMismatch, "\(shown) is called '\(EntryPath.printable(String(decoding: localName, as: UTF8.self)))' in its local header; extractors would unpack different files, so the package is refused")
        }
        let flags = fields.u16(6)
        if flags & 0x0041 != 0 { throw ReadFailure(.encrypted, "\(shown) is encrypted; packages must not be") }
        guard fields.u16(8) == entry.method else { throw mismatch("the compression method") }
        var compressed = UInt64(fields.u32(18)), uncompressed = UInt64(fields.u32(22)), unused: UInt64 = 0
        let localZip64 = ZipExtra.field(0x0001, in: extra) != nil
        try ZipExtra.applyZip64(extra, uncompressed: &uncompressed, compressed: &compressed, offset: &unused, file: file.path)
        let crc = fields.u32(14)
        var end = dataStart + entry.compressedSize
        guard end <= centralOffset else { throw ReadFailure(.damaged, "\(shown): its data runs into the central directory") }
        if flags & 0x0008 != 0 {
            // Sizes and CRC follow the data; the header's own fields are zero or the same values.
            guard (crc == 0 || crc == entry.crc), (compressed == 0 || compressed == entry.compressedSize),
                  (uncompressed == 0 || uncompressed == entry.uncompressedSize) else { throw mismatch("the sizes or the CRC") }
            let wide = localZip64 || entry.compressedSize >= 0xFFFF_FFFF || entry.uncompressedSize >= 0xFFFF_FFFF
            let available = Int(min(UInt64(wide ? 24 : 16), centralOffset - end))
            let bytes = try file.read(available, at: Int64(end))
            let descriptor = LittleEndian(bytes)
            let signed = available >= 4 && descriptor.u32(0) == descriptorSignature
            let base = signed ? 4 : 0
            let length = base + (wide ? 20 : 12)
            guard length <= available else { throw ReadFailure(.damaged, "\(shown): its data descriptor is cut short") }
            let record = LittleEndian(bytes, at: base)
            let sizes = wide ? (record.u64(4), record.u64(12)) : (UInt64(record.u32(4)), UInt64(record.u32(8)))
            guard record.u32(0) == entry.crc, sizes.0 == entry.compressedSize, sizes.1 == entry.uncompressedSize else {
                throw mismatch("the sizes or the CRC (in the data descriptor)")
            }
            end += UInt64(length)
        } else {
            guard crc == entry.crc else { throw mismatch("the CRC") }
            guard compressed == entry.compressedSize, uncompressed == entry.uncompressedSize else { throw mismatch("the sizes") }
        }
        return EntrySpan(index: index, start: entry.localOffset, dataStart: dataStart, end: end)
    }

    /// Refuses entries whose bytes overlap or that share one local header: the trick behind zip bombs
    /// that reach a million times their size, and behind zips that show one file and unpack another.
    static func refuseOverlaps(_ spans: [EntrySpan], entries: [CentralEntry], file: String) throws(ReadFailure) {
        let sorted = spans.sorted { $0.start < $1.start }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next.start < previous.end {
            let first = EntryPath.printable(entries[previous.index].name), second = EntryPath.printable(entries[next.index].name)
            let how = next.start == previous.start ? "share one local header (aliased entries)" : "overlap in the zip"
            throw ReadFailure(.overlap, "\(file): '\(first)' and '\(second)' \(how); a zip bomb is built this way, so the package is refused")
        }
    }
}

/// Streams one entry's bytes out of the zip, stored or deflated, checking as it goes that they are
/// no more than the central directory says, and at the end that size and CRC are exactly right.
struct EntryStream {
    static let inputSize = 1 << 16
    static let outputSize = 1 << 18

    let input = UnsafeMutableRawBufferPointer.allocate(byteCount: inputSize, alignment: 16)
    let output = UnsafeMutableRawBufferPointer.allocate(byteCount: outputSize, alignment: 16)

    func deallocate() {
        input.deallocate()
        output.deallocate()
    }

    /// Calls `consume` with every chunk of the entry's bytes, in order.
    func read(_ entry: CentralEntry, span: EntrySpan, file: ReadFile,
              consume: (UnsafeRawBufferPointer) throws(ReadFailure) -> Void) throws(ReadFailure) {
        let shown = "\(file.path): '\(EntryPath.printable(entry.name))'"
        var crc: UInt = 0
        var produced: UInt64 = 0
        func deliver(_ chunk: UnsafeRawBufferPointer) throws(ReadFailure) {
            produced += UInt64(chunk.count)
            guard produced <= entry.uncompressedSize else {
                throw ReadFailure(.sizeMismatch, "\(shown) unpacks to more than the \(entry.uncompressedSize) bytes its headers say; refused as a possible zip bomb")
            }
            crc = CZlib.crc32(crc, chunk.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(chunk.count))
            try consume(chunk)
        }
        var position = span.dataStart
        let dataEnd = span.dataStart + entry.compressedSize
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw ReadFailure(.sizeMismatch, "\(shown) is stored, yet its headers give two different sizes")
            }
            while position < dataEnd {
                let count = Int(min(UInt64(input.count), dataEnd - position))
                let got = file.into(UnsafeMutableRawBufferPointer(rebasing: input[0..<count]), at: Int64(position))
                guard got == count else { throw ReadFailure(.damaged, "\(shown) cannot be read: the zip is cut short") }
                try deliver(UnsafeRawBufferPointer(rebasing: input[0..<count]))
                position += UInt64(count)
            }
        case 8:
            var stream = z_stream()
            guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw ReadFailure(.damaged, "out of memory")
            }
            defer { inflateEnd(&stream) }
            var ended = false
            while !ended {
                if stream.avail_in == 0 {
                    guard position < dataEnd else {
                        throw ReadFailure(.sizeMismatch, "\(shown): its compressed data ends before the deflate stream does (damaged or cut short)")
                    }
                    let count = Int(min(UInt64(input.count), dataEnd - position))
                    let got = file.into(UnsafeMutableRawBufferPointer(rebasing: input[0..<count]), at: Int64(position))
                    guard got == count else { throw ReadFailure(.damaged, "\(shown) cannot be read: the zip is cut short") }
                    position += UInt64(count)
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = uInt(count)
                }
                stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(output.count)
                let status = inflate(&stream, Z_NO_FLUSH)
                let count = output.count - Int(stream.avail_out)
                if count > 0 { try deliver(UnsafeRawBufferPointer(rebasing: output[0..<count])) }
                switch status {
                case Z_STREAM_END: ended = true
                case Z_OK, Z_BUF_ERROR: continue
                default:
                    let detail = stream.msg.map { String(cString: $0) } ?? "invalid deflate data"
                    throw ReadFailure(.damaged, "\(shown) cannot be unpacked: \(detail)")
                }
            }
            guard stream.avail_in == 0, position == dataEnd else {
                throw ReadFailure(.sizeMismatch, "\(shown): bytes follow its deflate stream that no extractor unpacks; refused")
            }
        default:
            throw ReadFailure(.method, "\(shown) uses compression method \(entry.method); packages use only stored (0) or deflate (8)")
        }
        guard produced == entry.uncompressedSize else {
            throw ReadFailure(.sizeMismatch, "\(shown) unpacks to \(produced) bytes, not the \(entry.uncompressedSize) its headers say")
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc else {
            throw ReadFailure(.crc, "\(shown) is damaged: its CRC does not match")
        }
    }
}
