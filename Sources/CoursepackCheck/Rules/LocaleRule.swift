import CoursepackLoad

/// Locale tags name string tables, packages and the `lang` of every rendered page; a tag a browser or
/// an LMS cannot read breaks all three. Checked: `language`, `locales`, and each caption track's `locale`.
struct LocaleRule: ModuleRule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var tags: [SourceValue] = []
        if let manifest = context.module.manifest {
            if let language = manifest["language"] { tags.append(language) }
            tags += manifest["locales"]?.array ?? []
        }
        for (_, video) in context.components(of: .video) {
            for track in video.body?["captions"]?.array ?? [] {
                if let locale = track["locale"] { tags.append(locale) }
            }
        }
        return tags.compactMap { value in
            guard let tag = value.string, !LanguageTag.isWellFormed(tag) else { return nil }
            return Diagnostic(.localeNotBCP47, at: value.location,
                              "'\(tag)' is not a BCP 47 language tag",
                              hint: LanguageTag.hint(for: tag))
        }
    }
}

/// Well-formedness of BCP 47 (RFC 5646) language tags: the syntax, not the registry.
enum LanguageTag {
    static func isWellFormed(_ tag: String) -> Bool {
        guard !tag.isEmpty, tag.utf8.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == 0x2D }) else { return false }
        let lowered = tag.lowercased()
        if irregular.contains(lowered) { return true }
        let parts = lowered.split(separator: "-", omittingEmptySubsequences: false).map(Substring.init)
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 8 }) else { return false }
        var index = 0
        if parts[0] == "x" { return isPrivateUse(parts[1...]) }
        // language: 2-3 letters (+ up to three 3-letter extlangs), or 4, or 5-8 letters.
        let language = parts[0]
        guard language.utf8.allSatisfy(isAlpha), (2...8).contains(language.count) else { return false }
        index = 1
        if language.count <= 3 {
            var extlangs = 0
            while index < parts.count, parts[index].count == 3, parts[index].utf8.allSatisfy(isAlpha), extlangs < 3 {
                index += 1
                extlangs += 1
            }
        }
        if index < parts.count, parts[index].count == 4, parts[index].utf8.allSatisfy(isAlpha) { index += 1 }  // script
        if index < parts.count, (parts[index].count == 2 && parts[index].utf8.allSatisfy(isAlpha))
            || (parts[index].count == 3 && parts[index].utf8.allSatisfy(isDigit)) { index += 1 }                  // region
        var variants: Set<Substring> = []
        while index < parts.count, isVariant(parts[index]) {
            guard variants.insert(parts[index]).inserted else { return false }
            index += 1
        }
        var singletons: Set<Substring> = []
        while index < parts.count, parts[index].count == 1, parts[index] != "x" {
            guard singletons.insert(parts[index]).inserted else { return false }
            index += 1
            let start = index
            while index < parts.count, (2...8).contains(parts[index].count) { index += 1 }
            guard index > start else { return false }
        }
        if index < parts.count, parts[index] == "x" { return isPrivateUse(parts[(index + 1)...]) }
        return index == parts.count
    }

    static func hint(for tag: String) -> String {
        if tag.contains("_") {
            return "use a hyphen, not an underscore: '\(tag.replacingOccurrences(of: "_", with: "-"))'"
        }
        return "use a tag such as 'ar', 'fa-AF', 'uk', 'ti' or 'pt-BR': a language code, then optional script and region"
    }

    private static func isVariant(_ part: Substring) -> Bool {
        (part.count >= 5 && part.utf8.allSatisfy { isAlpha($0) || isDigit($0) })
            || (part.count == 4 && isDigit(part.utf8.first!) && part.utf8.allSatisfy { isAlpha($0) || isDigit($0) })
    }

    private static func isPrivateUse(_ parts: ArraySlice<Substring>) -> Bool {
        !parts.isEmpty && parts.allSatisfy { (1...8).contains($0.count) }
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// RFC 5646's grandfathered tags that do not follow the grammar.
    private static let irregular: Set<String> = [
        "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
        "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de",
    ]
}
