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

    init(report: StatusReport, requested: [String]?, requireComplete: Bool) throws(PackFailure) {
        let source = report.sourceLanguage
        let known = [source] + report.locales.map(\.locale)
        var wanted = Set<String>()
        if let requested {
            for tag in requested {
                guard let match = known.first(where: { $0.lowercased() == tag.lowercased() }) else {
                    throw .cannotRun("the module has no locale '\(tag)' (its locales: \(source) (source)\(report.locales.map { ", " + $0.locale }.joined())); add it to module.yaml first")
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
        for status in report.locales {
            let record = PackageManifest.LocaleRecord(tag: status.locale, source: false, percent: status.percent,
                                                      complete: status.isComplete, missing: status.new, stale: status.stale,
                                                      needsReview: status.needsReview, document: nil)
            guard wanted.contains(status.locale) else { leftOut.append(record); continue }
            if status.isComplete { carried.append(record); continue }
            leftOut.append(record)
            let reason = "\(status.locale) is not complete (\(Self.missing(record)))"
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
