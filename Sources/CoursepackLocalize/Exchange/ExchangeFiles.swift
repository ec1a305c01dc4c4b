import Foundation

/// The exchange formats behind one interface: writing a file for a translator, recognising and
/// reading what comes back, and keeping other tools' markup between an import and the next export.
public enum ExchangeFiles {
    public static func write(_ file: ExchangeFile, as format: ExchangeFormat) -> Data {
        switch format {
        case .po: return Data(POExchange.write(file).utf8)
        case .xliff12: return XLIFFExchange.write(file, version: .v12)
        case .xliff20: return XLIFFExchange.write(file, version: .v20)
        }
    }

    /// Reads a PO or XLIFF file, recognised by its content rather than its name. `tokenKeys` maps
    /// the `id` tokens of XLIFF 2.0 units that lost their `name` back to string ids.
    public static func read(_ data: Data, tokenKeys: [String: String]? = nil) throws(ExchangeError) -> (file: ExchangeFile, format: ExchangeFormat) {
        let head = String(decoding: data.prefix(4096), as: UTF8.self)
        let trimmed = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard !trimmed.isEmpty || data.count > 4096 else {
            throw ExchangeError(data.isEmpty ? "this file is empty" : "this file holds only white space", line: 1)
        }
        // UTF-16 starts with its byte order mark, or with an ASCII character and a zero byte.
        let bom16 = data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
        let utf16 = bom16 || data.starts(with: [0x3C, 0x00]) || data.starts(with: [0x00, 0x3C])
        if utf16 {
            let bigEndian = data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0x00, 0x3C])
            let text = String(data: data.prefix(256), encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian) ?? ""
            guard text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).hasPrefix("<") else {
                throw ExchangeError("this file is in UTF-16; PO files must be UTF-8: save it as UTF-8 (in Poedit: File > Save; or `iconv -f UTF-16 -t UTF-8`)")
            }
        }
        if utf16 || trimmed.hasPrefix("<") {
            let read = try XLIFFExchange.read(data, tokenKeys: tokenKeys)
            return (read.file, read.version == .v12 ? .xliff12 : .xliff20)
        }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            throw ExchangeError("this is a JSON file, not PO or XLIFF: export the translations from your tool as PO or XLIFF", line: 1, column: 1)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ExchangeError("this file is neither XLIFF nor a UTF-8 PO file")
        }
        if !text.contains("msgid") {
            let firstLine = trimmed.prefix { $0 != "\n" }
            let looksLikeCSV = firstLine.contains(",") || firstLine.contains(";") || firstLine.contains("\t")
            throw ExchangeError((looksLikeCSV ? "this looks like a CSV file, not PO or XLIFF" : "this file is neither PO (no msgid) nor XLIFF")
                                + ": export the translations from your tool as PO or XLIFF", line: 1)
        }
        return (try POExchange.read(text), .po)
    }

    static func sidecarPath(locale: String, format: ExchangeFormat) -> String {
        "\(StringTableFiles.folder)/.exchange/\(locale).\(format.rawValue).json"
    }

    /// Markup of other tools kept from the last import of this locale and format.
    public static func preserved(for locale: String, format: ExchangeFormat, in root: URL) -> PreservedMarkup {
        guard format != .po, let data = try? Data(contentsOf: root.appendingPathComponent(sidecarPath(locale: locale, format: format))),
              let markup = try? PreservedMarkup.decode(data) else { return .empty }
        return markup
    }

    /// The file that keeps an imported file's foreign markup for the module locale `locale`, when it
    /// had any; with `ids`, only the markup of those strings (another module's or a removed string's
    /// would flow into the next export).
    public static func preservedFile(_ file: ExchangeFile, format: ExchangeFormat, locale: String? = nil,
                                     keeping ids: Set<String>? = nil) -> (path: String, contents: String)? {
        var preserved = file.preserved
        if let ids {
            preserved.units = preserved.units.filter { key, _ in ids.contains(key) || (PluralCategoryNames.split(key).map { ids.contains($0.id) } ?? false) }
        }
        guard format != .po, !preserved.isEmpty, let data = try? preserved.encode() else { return nil }
        return (sidecarPath(locale: locale ?? file.targetLocale, format: format), String(decoding: data, as: UTF8.self))
    }

    /// The largest exchange or TMX file read. Files are read whole (and parsed into a tree for XLIFF
    /// with other tools' markup): a few times their size in memory. 100,000 strings in XLIFF 1.2,
    /// the largest module measured, take about 80 MB.
    public static let sizeLimit = 256 * 1024 * 1024
    public static var sizeLimitDescription: String { "\(sizeLimit / 1024 / 1024) MB" }

    /// A file's bytes, refused (before any is read) over `sizeLimit`.
    public static func contents(of url: URL) throws(ExchangeError) -> Data {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw ExchangeError("cannot be read (\((error as NSError).localizedDescription))")
        }
        defer { try? handle.close() }
        let size: UInt64
        do { size = try handle.seekToEnd(); try handle.seek(toOffset: 0) } catch {
            throw ExchangeError("cannot be read (\(error.localizedDescription))")
        }
        guard size <= UInt64(sizeLimit) else {
            throw ExchangeError("this file is \(size / 1024 / 1024) MB; translation files are limited to \(sizeLimitDescription): split the work into several files (one per part of the module) or export again")
        }
        let data: Data
        do { data = try handle.read(upToCount: sizeLimit + 1) ?? Data() } catch {
            throw ExchangeError("cannot be read (\(error.localizedDescription))")
        }
        guard data.count <= sizeLimit else { throw ExchangeError("this file grew past \(sizeLimitDescription) while it was read") }
        return data
    }
}
