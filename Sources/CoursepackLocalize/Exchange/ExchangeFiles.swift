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

    /// Reads a PO or XLIFF file, recognised by its content rather than its name.
    public static func read(_ data: Data) throws(ExchangeError) -> (file: ExchangeFile, format: ExchangeFormat) {
        let head = String(decoding: data.prefix(4096), as: UTF8.self)
        let trimmed = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        // XML in UTF-16 starts with its byte order mark, or with `<` and a zero byte.
        let utf16 = data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
            || data.starts(with: [0x3C, 0x00]) || data.starts(with: [0x00, 0x3C])
        if utf16 || trimmed.hasPrefix("<") {
            let read = try XLIFFExchange.read(data)
            return (read.file, read.version == .v12 ? .xliff12 : .xliff20)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ExchangeError("this file is neither XLIFF nor a UTF-8 PO file")
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

    /// The file that keeps an imported file's foreign markup, when it had any.
    public static func preservedFile(_ file: ExchangeFile, format: ExchangeFormat) -> (path: String, contents: String)? {
        guard format != .po, file.preserved != .empty, let data = try? file.preserved.encode() else { return nil }
        return (sidecarPath(locale: file.targetLocale, format: format), String(decoding: data, as: UTF8.self))
    }
}
