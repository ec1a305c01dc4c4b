import CLibXML2
import Foundation

/// Reads XLIFF 1.2 in one pass over libxml2's SAX events, without building a tree: for the files
/// Coursepack writes and tools that change only their targets, by far the usual case, and tens of
/// megabytes for a large module.
///
/// It reads exactly the vocabulary `XLIFF12.write` uses. Anything else (other tools' elements or
/// attributes, which must be kept for the next export; `mrk` or native codes in the text; a document
/// type; an error) makes it give up and return nil, and `XLIFF12.read` reads the file through the tree,
/// which handles all of XLIFF 1.2 and words the errors. Both give the same units for the same file (a
/// test holds them to it).
enum XLIFF12StreamReader {
    /// Files from `splitFrom` bytes on are read in parts side by side (`XLIFF12Parts`): four when the
    /// file can be cut so, else two.
    static func read(_ data: Data, pluralCategories: ((String) -> [String])?, splitFrom minimumSize: Int = 8 << 20) -> ExchangeFile? {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // Other encodings, document types and declarations: the tree reader's business.
        guard let first = bytes.first, first == UInt8(ascii: "<"),
              !contains(bytes, "<!DOCTYPE"),
              XMLInput.declaredEncoding(in: [UInt8](bytes.prefix(200))).map({ ["utf-8", "utf8"].contains($0.name.lowercased()) }) ?? true
        else { return nil }

        let read: (file: FileInfo, units: [[XLIFFShared.ReadUnit]])? = bytes.withUnsafeBytes { buffer in
            guard buffer.baseAddress != nil, buffer.count < Int(Int32.max) else { return nil }
            // When any part does not read, the whole file is read in one pass, which decides.
            if buffer.count >= minimumSize, let parts = XLIFF12Parts(buffer, count: 4) ?? XLIFF12Parts(buffer, count: 2) {
                let results = parts.documents.map(Parts.init).concurrentMap { parse($0) }
                if let first = results[0], !results.contains(where: { $0 == nil }) {
                    return (first.file, results.map { $0!.units })
                }
            }
            return parse(Parts([buffer])).map { ($0.file, [$0.units]) }
        }
        guard let read, let sourceLocale = read.file.sourceLocale else { return nil }
        let targetLocale = read.file.targetLocale
        let units: [ExchangeUnit]
        if read.units.count > 1, !read.units.contains(where: { $0.contains { $0.pluralBase != nil } }) {
            // Without plural forms to gather from anywhere in the file, each part's units are made on its own core.
            units = read.units.concurrentMap { XLIFFShared.assemble($0, targetLocale: targetLocale, pluralCategories: nil) }.flatMap { $0 }
        } else {
            units = XLIFFShared.assemble(read.units.joined(), targetLocale: targetLocale, pluralCategories: pluralCategories)
        }
        return ExchangeFile(moduleID: read.file.moduleID, moduleVersion: read.file.version, sourceLocale: sourceLocale,
                            targetLocale: targetLocale, units: units)
    }

    /// A document given as consecutive pieces of memory (a part of the file and the tags that complete
    /// it), handed to a thread that only reads them.
    private struct Parts: @unchecked Sendable {
        let buffers: [UnsafeRawBufferPointer]
        init(_ buffers: [UnsafeRawBufferPointer]) { self.buffers = buffers }
    }

    /// The file's header and units, nil when anything is not as `XLIFF12.write` writes it.
    private static func parse(_ document: Parts) -> (file: FileInfo, units: [XLIFFShared.ReadUnit])? {
        // The SAX callbacks reach the reader through their user pointer. It is a plain pointer rather
        // than a class: each use of a class's stored property is checked for exclusive access at run
        // time, and there are millions of events.
        let reader = UnsafeMutablePointer<Reader>.allocate(capacity: 1)
        reader.initialize(to: Reader())
        defer { reader.deinitialize(count: 1); reader.deallocate() }
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { user, name, _, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            Reader.at(user).pointee.start(name, uri, Int(namespaceCount), namespaces, Int(attributeCount), attributes)
        }
        handler.endElementNs = { user, _, _, _ in Reader.at(user).pointee.end() }
        handler.characters = { user, text, length in Reader.at(user).pointee.characters(text, Int(length)) }
        handler.cdataBlock = handler.characters
        handler.serror = { user, _ in Reader.at(user).pointee.fail() }
        xmlInitParser()
        guard let context = xmlCreatePushParserCtxt(&handler, reader, nil, 0, nil) else { return nil }
        defer { xmlFreeParserCtxt(context) }
        reader.pointee.parser = context
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOERROR.rawValue))
        // In pieces: libxml2 refuses to look ahead over one huge chunk (and XML_PARSE_HUGE would lift
        // its limits against malicious input).
        let pieceSize = 1 << 20
        var status: Int32 = 0
        for (index, buffer) in document.buffers.enumerated() {
            guard let base = buffer.baseAddress else { continue }
            var offset = 0
            repeat {
                let count = min(pieceSize, buffer.count - offset)
                let last = index == document.buffers.count - 1 && offset + count == buffer.count
                status = xmlParseChunk(context, (base + offset).assumingMemoryBound(to: CChar.self), Int32(count), last ? 1 : 0)
                offset += count
            } while status == 0 && offset < buffer.count && !reader.pointee.failed
            guard status == 0, !reader.pointee.failed else { return nil }
        }
        guard context.pointee.wellFormed != 0, let file = reader.pointee.file else { return nil }
        return (file, reader.pointee.units)
    }

    /// Whether `needle` occurs in `data`, at memory speed (Data's own search goes byte by byte).
    private static func contains(_ data: Data, _ needle: StaticString) -> Bool {
        let length = needle.utf8CodeUnitCount
        let first = Int32(needle.utf8Start[0])
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            guard let base = buffer.baseAddress, buffer.count >= length else { return false }
            var offset = 0
            while offset + length <= buffer.count {
                guard let hit = memchr(base + offset, first, buffer.count - offset - length + 1) else { return false }
                if memcmp(hit, UnsafeRawPointer(needle.utf8Start), length) == 0 { return true }
                offset = base.distance(to: UnsafeRawPointer(hit)) + 1
            }
            return false
        }
    }

    /// One piece of `<source>` or `<target>` content, resolved into Markdown when the unit's codes are known.
    private enum Piece {
        case text(String)
        case open(id: String, ctype: String?)
        case close(id: String, ctype: String?)
        case standalone(id: String, equivText: String?)
        case start(reference: String, ctype: String?)
        case end(reference: String)
    }

    /// What a `<note>` carries, told by its `from` (`coursepack-location`...): one of a unit's fields,
    /// or a note for the translator.
    private enum NoteField: CaseIterable {
        case location, kind, limit, previousSource, sourceSingular, sourcePlural
        /// `from="coursepack"`: Coursepack's note for the translator (any other `from`: the translator's own).
        case description

        /// Each field's `from` as bytes, made once: a large file has hundreds of thousands of notes,
        /// whose `from` is compared in place rather than made into a String.
        static let fromBytes: [(field: NoteField, from: [UInt8])] = allCases.map { field in
            let category: String
            switch field {
            case .location: category = XLIFFShared.NoteCategory.location
            case .kind: category = XLIFFShared.NoteCategory.kind
            case .limit: category = XLIFFShared.NoteCategory.limit
            case .previousSource: category = XLIFFShared.NoteCategory.previousSource
            case .sourceSingular: category = XLIFFShared.NoteCategory.sourceSingular
            case .sourcePlural: category = XLIFFShared.NoteCategory.sourcePlural
            case .description: return (field, Array(XLIFF12.notePrefix.utf8))
            }
            return (field, Array((XLIFF12.notePrefix + "-" + category).utf8))
        }

        /// The field a note with this `from` carries; nil for a note for the translator.
        init?(from value: UnsafeBufferPointer<UInt8>?) {
            guard let value, let match = Self.fromBytes.first(where: { $0.from.elementsEqual(value) }) else { return nil }
            self = match.field
        }
    }

    /// A `<source>` or `<target>` as read: its text alone (most of them), or pieces that become Markdown
    /// once the unit's codes are known.
    private enum Content {
        case text(String)
        case pieces([Piece])
    }

    private enum Element {
        case xliff, file, body, group(pluralBase: String?), transUnit, source, target, contextGroup, context, note, ignored
        case inline(id: String, ctype: String?)
    }

    private struct FileInfo {
        var moduleID: String
        var version: String
        var sourceLocale: String?
        var targetLocale: String
    }

    private struct Reader {
        var parser: xmlParserCtxtPtr?
        var failed = false
        var stack: [Element] = []
        var file: FileInfo?
        var units: [XLIFFShared.ReadUnit] = []

        // The trans-unit being read.
        var unit = XLIFFShared.ReadUnit(key: "", source: "", target: nil, status: .new)
        var approved = false
        var state: String?
        var limitFromNote: Int?
        var source = Content.text("")
        var target: Content?
        /// The pieces of the `<source>` or `<target>` being read; kept from one to the next.
        var pieces: [Piece] = []
        var codes = XLIFF12.Codes()
        var contextGroupIsOurs = false
        var text: [UInt8] = []
        var noteField: NoteField?
        var contextType: String?

        /// The reader a SAX callback's user pointer points to.
        static func at(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<Reader> {
            pointer!.assumingMemoryBound(to: Reader.self)
        }

        mutating func fail() {
            guard !failed else { return }
            failed = true
            if let parser { xmlStopParser(parser) }
        }

        private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
            pointer.map { String(cString: $0) }
        }

        static func equals(_ pointer: UnsafePointer<xmlChar>?, _ name: StaticString) -> Bool {
            guard let pointer else { return false }
            return strcmp(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self),
                          UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
        }

        /// An element's attributes as libxml2 hands them over: five pointers each (local name, prefix,
        /// namespace, value start, value end). Read in place: a dictionary per element would cost more
        /// than the parse.
        struct Attributes {
            let count: Int
            let list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

            /// Whether every attribute is one of `known` and none has a namespace (`xml:lang`, another
            /// tool's), which the tree reader keeps.
            func only(_ known: [StaticString]) -> Bool {
                guard let list else { return true }
                for index in 0..<count {
                    guard list[5 * index + 2] == nil else { return false }
                    let name = list[5 * index]
                    guard known.contains(where: { Reader.equals(name, $0) }) else { return false }
                }
                return true
            }

            var hasNamespaced: Bool {
                guard let list else { return false }
                return (0..<count).contains { list[5 * $0 + 2] != nil }
            }

            subscript(_ name: StaticString) -> String? {
                bytes(name).map { String(decoding: $0, as: UTF8.self) }
            }

            /// An attribute's value as libxml2 holds it, without making a String.
            func bytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
                guard let list else { return nil }
                for index in 0..<count where list[5 * index + 2] == nil && Reader.equals(list[5 * index], name) {
                    guard let start = list[5 * index + 3], let end = list[5 * index + 4] else { return nil }
                    return UnsafeBufferPointer(start: start, count: end - start)
                }
                return nil
            }
        }

        mutating func start(_ name: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int,
                   _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ attributeCount: Int,
                   _ list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            guard !failed else { return }
            // Only the 1.2 namespace, declared as the default one: a prefix may be used by kept markup.
            guard Self.equals(uri, "urn:oasis:names:tc:xliff:document:1.2") else { return fail() }
            for index in 0..<namespaceCount where namespaces?[2 * index] != nil { return fail() }
            let attributes = Attributes(count: attributeCount, list: list)
            func only(_ known: [StaticString]) -> Bool { attributes.only(known) }
            let parent = stack.last

            switch parent {
            case nil:
                guard Self.equals(name, "xliff"), attributes["version"] == "1.2", only(["version"]) else { return fail() }
                stack.append(.xliff)
            case .xliff?:
                guard Self.equals(name, "file"),
                      only(["original", "source-language", "target-language", "datatype", "product-version"]) else { return fail() }
                if file == nil {
                    file = FileInfo(moduleID: attributes["original"] ?? "", version: attributes["product-version"] ?? "",
                                    sourceLocale: attributes["source-language"], targetLocale: attributes["target-language"] ?? "")
                }
                stack.append(.file)
            case .file?:
                guard Self.equals(name, "body") else { return fail() }   // a <header> holds other tools' markup
                stack.append(.body)
            case .body?, .group?:
                if Self.equals(name, "trans-unit") {
                    guard only(["id", "resname", "maxwidth", "size-unit", "approved"]) else { return fail() }
                    beginUnit(attributes, pluralBase: { if case .group(let base)? = parent { return base } else { return nil } }())
                    stack.append(.transUnit)
                } else if Self.equals(name, "group") {
                    if attributes["restype"] == "x-gettext-plurals" {
                        guard only(["id", "resname", "restype"]) else { return fail() }
                        stack.append(.group(pluralBase: attributes["resname"] ?? attributes["id"] ?? ""))
                    } else {
                        guard !attributes.hasNamespaced else { return fail() }
                    stack.append(.group(pluralBase: nil))
                    }
                } else {
                    return fail()
                }
            case .transUnit?:
                if Self.equals(name, "source") {
                    pieces.removeAll(keepingCapacity: true)
                    stack.append(.source)
                } else if Self.equals(name, "target") {
                    guard only(["state", "state-qualifier"]) else { return fail() }
                    state = attributes["state"]
                    pieces.removeAll(keepingCapacity: true)
                    stack.append(.target)
                } else if Self.equals(name, "note") {
                    noteField = NoteField(from: attributes.bytes("from"))
                    text.removeAll(keepingCapacity: true)
                    stack.append(.note)
                } else if Self.equals(name, "context-group") {
                    contextGroupIsOurs = false
                    stack.append(.contextGroup)
                } else if Self.equals(name, "seg-source") {
                    stack.append(.ignored)   // derived from the source; the tree reader skips it too
                } else {
                    return fail()            // alt-trans, count-group...: kept by the tree reader
                }
            case .contextGroup?:
                guard Self.equals(name, "context") else { return fail() }
                contextType = attributes["context-type"]
                text.removeAll(keepingCapacity: true)
                stack.append(.context)
            case .source?, .target?, .inline?:
                flushText()
                let id = attributes["id"] ?? ""
                if Self.equals(name, "g") {
                    pieces.append(.open(id: id, ctype: attributes["ctype"]))
                    stack.append(.inline(id: id, ctype: attributes["ctype"]))
                } else if Self.equals(name, "x") {
                    pieces.append(.standalone(id: id, equivText: attributes["equiv-text"]))
                    stack.append(.ignored)
                } else if Self.equals(name, "bx") {
                    pieces.append(.start(reference: attributes["rid"] ?? id, ctype: attributes["ctype"]))
                    stack.append(.ignored)
                } else if Self.equals(name, "ex") {
                    pieces.append(.end(reference: attributes["rid"] ?? id))
                    stack.append(.ignored)
                } else {
                    return fail()            // mrk, ph, bpt, ept, it: the tree reader's business
                }
            case .ignored?:
                stack.append(.ignored)
            case .note?, .context?:
                return fail()
            }
        }

        private mutating func beginUnit(_ attributes: Attributes, pluralBase: String?) {
            let key = XLIFF12.unitKey(id: attributes["id"], resname: attributes["resname"], inPlural: pluralBase != nil)
            unit = XLIFFShared.ReadUnit(key: key, source: "", target: nil, status: .new)
            if let pluralBase {
                unit.pluralBase = pluralBase
                unit.category = PluralCategoryNames.split(key)?.category ?? "other"
            }
            if let width = attributes["maxwidth"], attributes["size-unit"] == "char" { unit.maxLength = Int(width) }
            approved = attributes["approved"] == "yes"
            state = nil
            limitFromNote = nil
            source = .text("")
            target = nil
            codes = XLIFF12.Codes()
        }

        mutating func characters(_ pointer: UnsafePointer<xmlChar>?, _ length: Int) {
            guard !failed, let pointer, length > 0 else { return }
            switch stack.last {
            case .source?, .target?, .inline?, .note?, .context?:
                text.append(contentsOf: UnsafeBufferPointer(start: pointer, count: length))
            default:
                break   // indentation between elements
            }
        }

        private mutating func flushText() {
            guard !text.isEmpty else { return }
            pieces.append(.text(String(decoding: text, as: UTF8.self)))
            text.removeAll(keepingCapacity: true)
        }

        private mutating func takeText() -> String {
            defer { text.removeAll(keepingCapacity: true) }
            return String(decoding: text, as: UTF8.self)
        }

        mutating func end() {
            guard !failed, let element = stack.popLast() else { return }
            switch element {
            case .source:
                flushText()
                source = takeContent()
            case .target:
                flushText()
                target = takeContent()
            case .inline(let id, let ctype):
                flushText()
                pieces.append(.close(id: id, ctype: ctype))
            case .note:
                let content = takeText()
                switch noteField {
                case .location?: unit.page = content
                case .kind?:
                    if let kind = UnitKind(rawValue: content) { unit.kind = kind } else { unit.notes.append(content) }
                case .limit?: limitFromNote = XLIFFShared.parseLimit(content)
                case .previousSource?: unit.previousSource = content
                case .sourceSingular?: unit.sourceSingular = content
                case .sourcePlural?: unit.sourcePlural = content
                case .description?: unit.notes.append(content)
                case nil: unit.comments.append(content)
                }
            case .context:
                let content = takeText()
                guard let type = contextType, type.hasPrefix("x-coursepack-") else { return }
                contextGroupIsOurs = true
                let parts = type.dropFirst("x-coursepack-".count).split(separator: "-", maxSplits: 1)
                guard parts.count == 2 else { return }
                switch parts[0] {
                case "open", "code": codes.start[String(parts[1])] = content
                case "close": codes.end[String(parts[1])] = content
                default: break
                }
            case .contextGroup:
                if !contextGroupIsOurs { fail() }   // another tool's context: kept by the tree reader
            case .transUnit:
                unit.source = markdown(source)
                if unit.maxLength == nil { unit.maxLength = limitFromNote }
                if let target {
                    let target = markdown(target)
                    unit.target = target
                    unit.status = XLIFF12.status(state: state, approved: approved, hasTarget: !target.isEmpty,
                                                 hasPreviousSource: unit.previousSource != nil)
                }
                // Moved into the list rather than copied: the next unit starts afresh anyway.
                var finished = XLIFFShared.ReadUnit(key: "", source: "", target: nil, status: .new)
                swap(&finished, &unit)
                units.append(finished)
            default:
                break
            }
        }

        /// The Markdown of a unit's content, its codes' markup taken from the context group.
        /// The pieces read, as the element's content; `pieces` is emptied for the next element.
        private mutating func takeContent() -> Content {
            defer { pieces.removeAll(keepingCapacity: true) }
            if pieces.isEmpty { return .text("") }
            if pieces.count == 1, case .text(let only) = pieces[0] { return .text(only) }
            return .pieces(pieces)
        }

        private func markdown(_ content: Content) -> String {
            let pieces: [Piece]
            switch content {
            case .text(let text): return text
            case .pieces(let list): pieces = list
            }
            var result = ""
            for piece in pieces {
                switch piece {
                case .text(let text): result += text
                case .open(let id, let ctype): result += codes.start[id] ?? XLIFF12.defaultMarkup(ctype: ctype).0
                case .close(let id, let ctype): result += codes.end[id] ?? XLIFF12.defaultMarkup(ctype: ctype).1
                case .standalone(let id, let equivText): result += codes.start[id] ?? equivText ?? ""
                case .start(let reference, let ctype): result += codes.start[reference] ?? XLIFF12.defaultMarkup(ctype: ctype).0
                case .end(let reference): result += codes.end[reference] ?? ""
                }
            }
            return result
        }
    }
}
