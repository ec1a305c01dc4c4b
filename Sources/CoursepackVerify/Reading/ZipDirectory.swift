import Foundation

/// One entry of a zip's central directory: the listing that `unzip`, LMSs and Windows read. Every field
/// is later checked against the entry's local header, which streaming extractors (bsdtar) read instead.
struct CentralEntry {
    let nameBytes: [UInt8]
    let name: String
    let flags: UInt16
    let method: UInt16
    let crc: UInt32
    let compressedSize: UInt64
    let uncompressedSize: UInt64
    let localOffset: UInt64
    let madeBy: UInt16
    let externalAttributes: UInt32
    let dosTime: UInt16
    let dosDate: UInt16
    /// The Unix time of the extended timestamp field (0x5455), which zippers add for exact times.
    let unixTime: Int?

    var isFolder: Bool { name.hasSuffix("/") }
    var isEncrypted: Bool { flags & 0x0001 != 0 || flags & 0x0040 != 0 || method == 99 }

    /// The file type a Unix or macOS zipper recorded (S_IFMT bits), or nil for others.
    var unixType: UInt32? {
        let system = madeBy >> 8
        guard system == 3 || system == 19 else { return nil }
        let type = (externalAttributes >> 16) & 0o170000
        return type == 0 ? nil : type
    }

    var permissions: UInt16 {
        unixType == nil ? 0o644 : UInt16((externalAttributes >> 16) & 0o7777)
    }

    /// The MS-DOS date and time, read as UTC (zips record no zone), in seconds since 1970.
    var modificationTime: Int {
        if let unixTime { return unixTime }
        let year = 1980 + Int(dosDate >> 9), month = max(1, min(12, Int((dosDate >> 5) & 0x0F))), day = max(1, Int(dosDate & 0x1F))
        // Days from the civil date (Howard Hinnant's algorithm): no calendar object per entry.
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + Int(dosTime >> 11) * 3_600 + Int((dosTime >> 5) & 0x3F) * 60 + Int(dosTime & 0x1F) * 2
    }
}

/// The end of a zip: where its central directory is and how many entries it lists, found behind any
/// legal comment (up to 65,535 bytes), with ZIP64 records when the counts or offsets need them.
struct ZipDirectory {
    let entries: [CentralEntry]
    /// Where the central directory starts: every entry's data must end before it.
    let centralOffset: UInt64

    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let centralSignature: UInt32 = 0x0201_4B50

    static func read(_ file: ReadFile, limits: ReadLimits) throws(ReadFailure) -> ZipDirectory {
        let name = file.path
        guard file.size >= 22 else { throw ReadFailure(.notAZip, "\(name) is not a zip file (too short to hold a zip's end record)") }
        let tailLength = Int(min(file.size, 22 + 65_535))
        let tailStart = file.size - Int64(tailLength)
        let tail = try file.read(tailLength, at: tailStart)
        // An end record is one whose comment runs exactly to the end of the file. A comment may itself
        // hold bytes that look like one; two consistent records would let two readers see two zips.
        var candidates: [Int] = []
        var index = tailLength - 22
        while index >= 0 {
            if tail[index] == 0x50, tail[index + 1] == 0x4B, tail[index + 2] == 5, tail[index + 3] == 6,
               Int(LittleEndian(tail, at: index).u16(20)) == tailLength - index - 22 {
                candidates.append(index)
            }
            index -= 1
        }
        guard let endIndex = candidates.first else {
            throw ReadFailure(.notAZip, "\(name) is not a zip file (no end-of-central-directory record)")
        }
        guard candidates.count == 1 else {
            throw ReadFailure(.ambiguousEnd, "\(name) holds \(candidates.count) end-of-central-directory records; readers would disagree on its content, so it is refused")
        }
        let end = LittleEndian(tail, at: endIndex)
        let endOffset = tailStart + Int64(endIndex)
        var disk = UInt32(end.u16(4)), centralDisk = UInt32(end.u16(6))
        var diskEntries = UInt64(end.u16(8)), count = UInt64(end.u16(10))
        var centralSize = UInt64(end.u32(12)), centralOffset = UInt64(end.u32(16))
        var recordsStart = endOffset  // where the central directory must end
        if endOffset >= 20 {
            let locator = try file.read(20, at: endOffset - 20)
            let fields = LittleEndian(locator)
            if fields.u32(0) == zip64LocatorSignature {
                let zip64Offset = fields.u64(8)
                guard zip64Offset <= UInt64(endOffset - 20), Int64(zip64Offset) + 56 <= endOffset - 20 else {
                    throw ReadFailure(.damaged, "\(name) is damaged: its ZIP64 end record is out of place")
                }
                let record = LittleEndian(try file.read(56, at: Int64(zip64Offset)))
                guard record.u32(0) == zip64EndSignature else {
                    throw ReadFailure(.damaged, "\(name) is damaged: no ZIP64 end record where its locator points")
                }
                disk = record.u32(16); centralDisk = record.u32(20)
                diskEntries = record.u64(24); count = record.u64(32)
                centralSize = record.u64(40); centralOffset = record.u64(48)
                recordsStart = Int64(zip64Offset)
            }
        }
        guard disk == 0, centralDisk == 0, diskEntries == count else {
            throw ReadFailure(.multiDisk, "\(name) is one part of a multi-part zip; join the parts first")
        }
        guard count <= UInt64(limits.maxEntries) else {
            throw ReadFailure(.tooManyEntries, "\(name) lists \(count) files, more than the limit of \(limits.maxEntries) (--max-entries); it is refused")
        }
        // The directory must sit right before the end records: a gap or an overlap means data that one
        // reader sees and another does not (or a zip glued behind something else).
        guard centralOffset <= UInt64(recordsStart), centralOffset + centralSize == UInt64(recordsStart) else {
            throw ReadFailure(.damaged, "\(name) is damaged or has data glued around it: its central directory is not where the end record says")
        }
        let directory = try file.read(Int(centralSize), at: Int64(centralOffset))
        var entries: [CentralEntry] = []
        entries.reserveCapacity(Int(count))
        var offset = 0
        for _ in 0..<count {
            guard offset + 46 <= directory.count, LittleEndian(directory, at: offset).u32(0) == centralSignature else {
                throw ReadFailure(.damaged, "\(name) is damaged: its central directory lists fewer entries than its end record says (\(entries.count) of \(count))")
            }
            let fields = LittleEndian(directory, at: offset)
            let nameLength = Int(fields.u16(28)), extraLength = Int(fields.u16(30)), commentLength = Int(fields.u16(32))
            let next = offset + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else { throw ReadFailure(.damaged, "\(name) is damaged: a central directory entry runs past its end") }
            let nameBytes = Array(directory[(offset + 46)..<(offset + 46 + nameLength)])
            let extra = Array(directory[(offset + 46 + nameLength)..<(offset + 46 + nameLength + extraLength)])
            var compressed = UInt64(fields.u32(20)), uncompressed = UInt64(fields.u32(24)), local = UInt64(fields.u32(42))
            if fields.u16(34) != 0 { throw ReadFailure(.multiDisk, "\(name) is one part of a multi-part zip; join the parts first") }
            try ZipExtra.applyZip64(extra, uncompressed: &uncompressed, compressed: &compressed, offset: &local, file: name)
            let text = try entryName(nameBytes, extra: extra, file: name)
            entries.append(CentralEntry(nameBytes: nameBytes, name: text, flags: fields.u16(8), method: fields.u16(10),
                                        crc: fields.u32(16), compressedSize: compressed, uncompressedSize: uncompressed,
                                        localOffset: local, madeBy: fields.u16(4), externalAttributes: fields.u32(38),
                                        dosTime: fields.u16(12), dosDate: fields.u16(14), unixTime: ZipExtra.unixTime(extra)))
            offset = next
        }
        guard offset == directory.count else {
            throw ReadFailure(.damaged, "\(name) is damaged: its central directory holds more than the \(count) entries its end record lists")
        }
        return ZipDirectory(entries: entries, centralOffset: centralOffset)
    }

    /// The name as text. UTF-8 is read as UTF-8 whether or not the zip sets its flag (many zippers do
    /// not); anything else is refused rather than guessed, since the name decides where a file lands.
    /// An Info-ZIP Unicode Path field that names another file is refused: unzip would use it.
    static func entryName(_ bytes: [UInt8], extra: [UInt8], file: String) throws(ReadFailure) -> String {
        guard let name = String(validating: bytes, as: UTF8.self) else {
            let shown = String(decoding: bytes, as: UTF8.self)
            throw ReadFailure(.nameNotUTF8, "\(file): the name '\(EntryPath.printable(shown))' is not valid UTF-8; the package is refused")
        }
        if let unicode = ZipExtra.field(0x7075, in: extra), unicode.count >= 5 {
            let alternative = Array(unicode[5...])
            if alternative != bytes {
                throw ReadFailure(.nameMismatch, "\(file): '\(EntryPath.printable(name))' carries a second, different name (Info-ZIP Unicode Path '\(EntryPath.printable(String(decoding: alternative, as: UTF8.self)))'); readers would disagree, so it is refused")
            }
        }
        return name
    }
}

/// The extra fields of zip headers that matter to a reader.
enum ZipExtra {
    static func field(_ id: UInt16, in extra: [UInt8]) -> [UInt8]? {
        var offset = 0
        while offset + 4 <= extra.count {
            let fields = LittleEndian(extra, at: offset)
            let length = Int(fields.u16(2))
            guard offset + 4 + length <= extra.count else { return nil }
            if fields.u16(0) == id { return Array(extra[(offset + 4)..<(offset + 4 + length)]) }
            offset += 4 + length
        }
        return nil
    }

    /// The modification time of an extended timestamp field: a flags byte, then the time when bit 0 is set.
    static func unixTime(_ extra: [UInt8]) -> Int? {
        guard let field = field(0x5455, in: extra), field.count >= 5, field[0] & 1 != 0 else { return nil }
        return Int(Int32(bitPattern: LittleEndian(field, at: 1).u32(0)))
    }

    /// Replaces the 32-bit values set to 0xFFFFFFFF by the ZIP64 field's 64-bit ones, in its order.
    static func applyZip64(_ extra: [UInt8], uncompressed: inout UInt64, compressed: inout UInt64, offset: inout UInt64,
                           file: String) throws(ReadFailure) {
        guard uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || offset == 0xFFFF_FFFF else { return }
        guard let field = field(0x0001, in: extra) else {
            throw ReadFailure(.damaged, "\(file) is damaged: an entry's sizes need a ZIP64 field it does not have")
        }
        var position = 0
        func next() throws(ReadFailure) -> UInt64 {
            guard position + 8 <= field.count else { throw ReadFailure(.damaged, "\(file) is damaged: a ZIP64 field is too short") }
            defer { position += 8 }
            return LittleEndian(field, at: position).u64(0)
        }
        if uncompressed == 0xFFFF_FFFF { uncompressed = try next() }
        if compressed == 0xFFFF_FFFF { compressed = try next() }
        if offset == 0xFFFF_FFFF { offset = try next() }
    }
}
