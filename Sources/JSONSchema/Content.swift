import Foundation

/// `contentEncoding` / `contentMediaType` checks (used only with `ValidatorOptions.assertContent`).
enum Content {
    static func decode(_ s: String, encoding: String) -> Data? {
        switch encoding.lowercased() {
        case "base64":
            return Data(base64Encoded: s)
        case "base16":
            let b = Array(s.utf8)
            guard b.count % 2 == 0 else { return nil }
            var out = Data()
            var i = 0
            while i < b.count {
                guard let hi = hex(b[i]), let lo = hex(b[i + 1]) else { return nil }
                out.append(hi << 4 | lo)
                i += 2
            }
            return out
        default:
            return Data(s.utf8)  // unknown encodings are not checked
        }
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    static func matches(_ s: String, mediaType: String, encoding: String?) -> Bool {
        let media = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard media == "application/json" || media.hasSuffix("+json") else { return true }
        let data: Data
        if let encoding {
            guard let d = decode(s, encoding: encoding) else { return true }  // reported by contentEncoding
            data = d
        } else {
            data = Data(s.utf8)
        }
        return (try? JSONParser.parse(data)) != nil
    }
}
