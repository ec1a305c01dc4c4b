/// Where a unit stands in one locale.
public enum TranslationStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Not translated yet.
    case new
    /// Translated, not yet reviewed by a second person.
    case translated
    /// Translated by a machine or a memory, or flagged by a translator: someone must look at it.
    case needsReview = "needs-review"
    /// Reviewed and approved.
    case final
    /// The source changed after it was translated: the old translation and the old source are kept.
    case stale

    /// Whether a package may show this translation to learners.
    public var isUsable: Bool { self == .translated || self == .final }

    private var order: Int {
        switch self {
        case .new: return 0
        case .stale: return 1
        case .needsReview: return 2
        case .translated: return 3
        case .final: return 4
        }
    }

    public static func < (a: TranslationStatus, b: TranslationStatus) -> Bool { a.order < b.order }
}
