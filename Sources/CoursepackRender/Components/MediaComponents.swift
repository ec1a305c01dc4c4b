import CoursepackLoad
import Foundation
import JSONSchema

/// image, audio, video and download: media from the module's `media/` folder, each with the text a
/// learner who cannot see or hear it needs (alt text, transcript, captions).
extension ComponentHTML {
    func image(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        guard let src = try media(frame.body["src"]) else { return }
        let decorative = frame.body["decorative"]?.bool == true
        let alt = decorative ? nil : text(frame.body["alt"])
        let caption = text(frame.body["caption"])
        let credit = frame.body["credit"]?.string
        html.open("figure", frame.attributes)
        html.open("img", [("src", src), ("alt", alt?.text ?? ""), ("loading", "lazy")] + (alt?.languageAttributes ?? []))
        if caption != nil || credit != nil {
            html.open("figcaption")
            if let caption { html.raw(inlinePlain(caption)) }
            if let credit {
                if caption != nil { html.raw(" ") }
                html.open("small", [("class", "cp-credit")] + untranslated(credit).languageAttributes)
                html.raw(plain(untranslated(credit)))
                html.close("small")
            }
            html.close("figcaption")
        }
        html.close("figure")
    }

    func audio(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        guard let src = try media(frame.body["src"]) else { return }
        html.open("figure", frame.attributes)
        let titleID = try mediaTitle(frame, into: &html)
        html.open("audio", [("controls", ""), ("preload", "none"), ("src", src), ("aria-labelledby", titleID)])
        fallbackLink(src, into: &html)
        html.close("audio")
        try transcript(frame, into: &html)
        html.close("figure")
    }

    func video(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        guard let src = try media(frame.body["src"]) else { return }
        let poster = try media(frame.body["poster"])
        html.open("figure", frame.attributes)
        let titleID = try mediaTitle(frame, into: &html)
        html.open("video", [("controls", ""), ("preload", "none"), ("playsinline", ""), ("src", src),
                            ("poster", poster), ("aria-labelledby", titleID)])
        let locale = context.texts.locale
        let captions = frame.body["captions"]?.array ?? []
        // The track in the page's language is shown by default. The player turns it on: a `default`
        // track starts loading before any script runs, and from `file://` Chromium refuses it.
        let defaultTrack = captions.firstIndex { $0["locale"]?.string == locale }
            ?? captions.firstIndex { ($0["locale"]?.string).map(Self.language) == Self.language(locale) }
        var tracks: [JSONValue] = []
        for (index, caption) in captions.enumerated() {
            guard let trackSource = try media(caption["src"]) else { continue }
            let trackLocale = caption["locale"]?.string
            let label = text(caption["label"])?.text ?? trackLocale ?? ""
            html.open("track", [("kind", "captions"), ("src", trackSource), ("srclang", trackLocale), ("label", label)])
            var track: [String: JSONValue] = ["label": .string(label), "default": .bool(index == defaultTrack)]
            if let trackLocale { track["srclang"] = .string(trackLocale) }
            if case .success(let vtt) = TextFile.read(context.moduleRoot.appendingPathComponent(trackSource), as: trackSource) {
                track["vtt"] = .string(vtt)
            }
            tracks.append(.object(track))
        }
        if !tracks.isEmpty {
            context.data.captions(tracks, of: frame.id, type: frame.type.rawValue, page: context.page.id, element: frame.element)
        }
        fallbackLink(src, into: &html)
        html.close("video")
        try transcript(frame, into: &html)
        html.close("figure")
    }

    func download(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        guard let src = try media(frame.body["src"]) else { return }
        let title = text(frame.body["title"]) ?? untranslated((src as NSString).lastPathComponent)
        html.open("div", frame.attributes)
        html.open("p")
        html.open("a", [("href", src), ("download", "")] + InlineHTML.newWindow + title.languageAttributes)
        html.raw(plain(title))
        html.close("a")
        if let info = fileInfo(src) {
            // "PDF, 120 KB" reads left to right in every language.
            html.raw(" <span class=\"cp-file-info\">(<bdi>" + HTMLEscaping.text(info) + "</bdi>)</span>")
        }
        html.close("p")
        if let description = text(frame.body["description"]) {
            html.open("p", [("class", "cp-description")] + description.languageAttributes)
            html.raw(plain(description))
            html.close("p")
        }
        html.close("div")
    }

    // MARK: - Parts

    /// The title above a recording, as its figure's caption; returns its id to label the player.
    private func mediaTitle(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) -> String? {
        guard let title = text(frame.body["title"]) else { return nil }
        let id = context.state.uniqueID(frame.part("title"))
        html.open("figcaption", [("id", id)] + title.languageAttributes)
        html.raw(plain(title))
        html.close("figcaption")
        return id
    }

    /// For browsers that cannot play the file: a link to it.
    private func fallbackLink(_ src: String, into html: inout HTMLBuilder) {
        let label = message("download")
        html.open("a", [("href", src)] + InlineHTML.newWindow + label.languageAttributes)
        html.raw(plain(label))
        html.close("a")
    }

    /// The transcript, written in the component or in a text file, behind a "Transcript" summary.
    private func transcript(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        var content = HTMLBuilder()
        if let transcript = text(frame.body["transcript"]) {
            // Transcripts are written with `|`: each line is a turn or a caption, and stays one.
            try markdownBlock(transcript, class: "cp-transcript-text", keepingLineBreaks: true, into: &content)
        } else if let path = frame.body["transcript_src"]?.string, let file = transcriptFile(path) {
            content.open("div", [("class", "cp-transcript-text")] + file.languageAttributes)
            for paragraph in file.text.components(separatedBy: "\n\n") where !paragraph.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                content.open("p")
                let lines = paragraph.trimmingCharacters(in: .newlines).components(separatedBy: "\n")
                content.raw(lines.map { plain(LocalizedText(text: $0, fallbackLanguage: file.fallbackLanguage)) }
                    .joined(separator: "<br>\n"))
                content.close("p")
            }
            content.close("div")
        } else {
            return
        }
        let summary = message("transcript")
        html.open("details", [("class", "cp-transcript")])
        html.open("summary", summary.languageAttributes)
        html.raw(plain(summary))
        html.close("summary")
        html.raw(content.html)
        html.close("details")
    }

    /// A transcript file: `media/call.ar.txt` beside `media/call.txt` is its Arabic version; otherwise
    /// the file itself, in the source language.
    private func transcriptFile(_ path: String) -> LocalizedText? {
        let locale = context.texts.locale
        let extensionStart = path.lastIndex(of: ".") ?? path.endIndex
        let localized = path[..<extensionStart] + "." + locale + path[extensionStart...]
        for (candidate, isTranslation) in [(String(localized), true), (path, false)] {
            guard case .success(let contents) = TextFile.read(context.moduleRoot.appendingPathComponent(candidate), as: candidate),
                  candidate.hasPrefix("media/"), ModuleLinks.resolve(candidate, from: "") == candidate else { continue }
            return isTranslation ? LocalizedText(text: contents, fallbackLanguage: nil) : untranslated(contents)
        }
        return nil
    }

    /// Type and size of a file to download, e.g. "PDF, 120 KB".
    private func fileInfo(_ path: String) -> String? {
        let url = context.moduleRoot.appendingPathComponent(path)
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber else { return nil }
        let type = (path as NSString).pathExtension.uppercased()
        let bytes = size.intValue
        let amount: String
        if bytes >= 1_048_576 {
            let tenths = (bytes * 10 + 524_288) / 1_048_576
            amount = "\(tenths / 10).\(tenths % 10) MB"
        } else {
            amount = "\(max(1, (bytes + 1023) / 1024)) KB"
        }
        return type.isEmpty ? amount : type + ", " + amount
    }

    func untranslated(_ text: String) -> LocalizedText {
        context.texts.untranslated(text)
    }

    static func language(_ tag: String) -> String {
        String(tag.prefix { $0 != "-" && $0 != "_" }).lowercased()
    }
}
