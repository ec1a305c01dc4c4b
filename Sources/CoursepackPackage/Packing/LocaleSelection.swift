import CoursepackLocalize
import CoursepackVerify

/// Which locales a package carries: by default the source and every complete locale; with `--locale`,
/// those asked for. An incomplete locale (strings new, stale or waiting for review) is left out with a
/// warning, or refused with `--require-complete`. Carried locales come in the module's order, the
/// source first, so that `index.html` shows the source whenever it is carried.
struct LocaleSelection {
    let carried: [PackageManifest.LocaleRecord]
    let leftOut: [PackageManifest.LocaleRecord]
    let warnings: [String]

    init(_ strings: ModuleStrings, requested: [String]?, requireComplete: Bool) throws(PackFailure) {
        let source = strings.identity.sourceLanguage
        let statuses = LocaleStatus.of(strings)
        let known = [source] + statuses.map(\.tag)
        var wanted = Set<String>()
        if let requested {
            for tag in requested {
                guard let match = known.first(where: { $0.lowercased() == tag.lowercased() }) else {
                    throw .cannotRun("the module has no locale '\(tag)' (its locales: \(source) (source)\(statuses.map { ", " + $0.tag }.joined())); add it to module.yaml first")
                }
                wanted.insert(match)
            }
        } else {
            wanted = Set(known)
        }
        var carried: [PackageManifest.LocaleRecord] = []
        var leftOut: [PackageManifest.LocaleRecord] = []
        var warnings: [String] = []
        var refusals: [String] = []
        if wanted.contains(source) {
            carried.append(.init(tag: source, source: true, percent: 100, complete: true, missing: 0, stale: 0, needsReview: 0,
                                 document: nil))
        }
        for record in statuses {
            guard wanted.contains(record.tag) else { leftOut.append(record); continue }
            if record.complete { carried.append(record); continue }
            leftOut.append(record)
            let reason = "\(record.tag) is not complete (\(Self.missing(record)))"
            if requireComplete { refusals.append(reason) } else {
                warnings.append("left out \(reason); see coursepack strings status")
            }
        }
        if !refusals.isEmpty { throw .incompleteLocales(refusals) }
        if carried.isEmpty {
            throw .cannotRun("no locale to pack: every locale asked for is incomplete (\(warnings.joined(separator: "; ")))")
        }
        self.carried = carried
        self.leftOut = leftOut
        self.warnings = warnings
    }

    /// "12 strings new, 3 stale, 87.5% done".
    static func missing(_ record: PackageManifest.LocaleRecord) -> String {
        var parts: [String] = []
        if record.missing > 0 { parts.append("\(record.missing) string\(record.missing == 1 ? "" : "s") not translated") }
        if record.stale > 0 { parts.append("\(record.stale) stale") }
        if record.needsReview > 0 { parts.append("\(record.needsReview) to review") }
        let percent = record.percent == record.percent.rounded() ? "\(Int(record.percent))" : "\(record.percent)"
        parts.append("\(percent)% done")
        return parts.joined(separator: ", ")
    }
}

/// How complete each target locale is: what `strings status` counts, without the word counts that a
/// package does not need (counting the words of every string is a noticeable part of a large pack).
enum LocaleStatus {
    static func of(_ strings: ModuleStrings) -> [PackageManifest.LocaleRecord] {
        strings.identity.locales.compactMap { tag in
            guard let line = StatusReport.locale(tag, in: strings, countingWords: false) else { return nil }
            return PackageManifest.LocaleRecord(tag: tag, source: false, percent: line.percent, complete: line.isComplete,
                                                missing: line.new, stale: line.stale, needsReview: line.needsReview, document: nil)
        }
    }
}
