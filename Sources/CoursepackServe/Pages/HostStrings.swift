import Foundation

/// The host's own words, per language. A language is a table from key to text; a key missing from a
/// table falls back to English, so a partial translation shows what it has.
public struct HostStrings: Sendable {
    public let language: String
    let table: [String: String]

    public var direction: String { Self.rightToLeft.contains(language) ? "rtl" : "ltr" }

    public subscript(_ key: String) -> String { table[key] ?? Self.tables["en"]![key] ?? key }

    /// `{name}` placeholders filled in.
    public func format(_ key: String, _ values: [String: String]) -> String {
        var text = self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    public static let languages = ["en", "fr", "ar"]
    static let rightToLeft: Set<String> = ["ar", "fa", "he", "ps", "ur", "ckb", "dv", "yi"]
    public static let names = ["en": "English", "fr": "Français", "ar": "العربية"]

    public init(language: String) {
        let base = String(language.lowercased().split(separator: "-").first ?? "en")
        self.language = Self.tables[base] != nil ? base : "en"
        table = Self.tables[self.language]!
    }

    /// The best of our languages for an Accept-Language header.
    public static func negotiate(_ header: String?) -> String {
        guard let header else { return "en" }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first?.trimmingCharacters(in: .whitespaces).lowercased(), !tag.isEmpty else { return nil }
            let quality = pieces.dropFirst().first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("q=") }
                .flatMap { Double($0.trimmingCharacters(in: .whitespaces).dropFirst(2)) } ?? 1
            return (String(tag.split(separator: "-").first ?? ""), quality)
        }
        return ranked.sorted { $0.1 > $1.1 }.first { tables[$0.0] != nil }?.0 ?? "en"
    }

    static let tables: [String: [String: String]] = [
        "en": [
            "site": "Training room",
            "join.title": "Join",
            "join.intro": "Type the code your trainer gave you, or your name as the trainer wrote it.",
            "join.field": "Your code or name",
            "join.button": "Start",
            "join.unknown": "No learner has this code or name. Check it with your trainer.",
            "catalog.title": "Your modules",
            "catalog.hello": "Hello, {name}",
            "catalog.empty": "There is no module here yet. Your trainer adds them.",
            "catalog.open": "Open",
            "catalog.resume": "Continue",
            "catalog.review": "Open again",
            "catalog.sequencing": "This course uses sequencing rules this host does not apply: its parts are offered in order.",
            "status.not-started": "Not started",
            "status.incomplete": "In progress",
            "status.completed": "Completed",
            "status.passed": "Passed",
            "status.failed": "Not passed",
            "score": "Score {score}%",
            "signout": "Leave",
            "language": "Language",
            "play.contents": "Contents",
            "play.back": "Back to your modules",
            "play.saved": "Saved",
            "play.saving": "Saving…",
            "play.queued": "Saved on this device, not yet on the server. It will be sent when the connection is back.",
            "play.failed": "Not saved: the server refused it. Tell your trainer.",
            "play.retired": "Your trainer reset this module. Open it again to start afresh.",
            "play.previous": "Previous",
            "play.next": "Next",
            "play.finished": "You have finished this part.",
            "code.hint": "Code",
        ],
        "fr": [
            "site": "Salle de formation",
            "join.title": "Rejoindre",
            "join.intro": "Tapez le code donné par votre formateur, ou votre nom tel qu’il l’a écrit.",
            "join.field": "Votre code ou votre nom",
            "join.button": "Commencer",
            "join.unknown": "Aucun participant n’a ce code ou ce nom. Vérifiez-le avec votre formateur.",
            "catalog.title": "Vos modules",
            "catalog.hello": "Bonjour, {name}",
            "catalog.empty": "Il n’y a pas encore de module ici. Votre formateur les ajoute.",
            "catalog.open": "Ouvrir",
            "catalog.resume": "Reprendre",
            "catalog.review": "Rouvrir",
            "catalog.sequencing": "Ce cours utilise des règles de séquencement que cet hôte n’applique pas : ses parties sont proposées dans l’ordre.",
            "status.not-started": "Pas commencé",
            "status.incomplete": "En cours",
            "status.completed": "Terminé",
            "status.passed": "Réussi",
            "status.failed": "Non réussi",
            "score": "Score {score} %",
            "signout": "Quitter",
            "language": "Langue",
            "play.contents": "Sommaire",
            "play.back": "Retour à vos modules",
            "play.saved": "Enregistré",
            "play.saving": "Enregistrement…",
            "play.queued": "Enregistré sur cet appareil, pas encore sur le serveur. Ce sera envoyé au retour de la connexion.",
            "play.failed": "Non enregistré : le serveur l’a refusé. Prévenez votre formateur.",
            "play.retired": "Votre formateur a réinitialisé ce module. Rouvrez-le pour recommencer.",
            "play.previous": "Précédent",
            "play.next": "Suivant",
            "play.finished": "Vous avez terminé cette partie.",
            "code.hint": "Code",
        ],
        "ar": [
            "site": "قاعة التدريب",
            "join.title": "الدخول",
            "join.intro": "اكتب الرمز الذي أعطاك إياه المدرّب، أو اسمك كما كتبه المدرّب.",
            "join.field": "رمزك أو اسمك",
            "join.button": "ابدأ",
            "join.unknown": "لا يوجد متعلّم بهذا الرمز أو الاسم. تحقّق منه مع المدرّب.",
            "catalog.title": "وحداتك",
            "catalog.hello": "مرحبًا، {name}",
            "catalog.empty": "لا توجد وحدات هنا بعد. يضيفها المدرّب.",
            "catalog.open": "افتح",
            "catalog.resume": "تابع",
            "catalog.review": "افتح من جديد",
            "catalog.sequencing": "تستخدم هذه الدورة قواعد تسلسل لا يطبّقها هذا الخادم: تُعرض أجزاؤها بالترتيب.",
            "status.not-started": "لم تبدأ",
            "status.incomplete": "قيد التقدّم",
            "status.completed": "مكتملة",
            "status.passed": "ناجح",
            "status.failed": "غير ناجح",
            "score": "النتيجة {score}٪",
            "signout": "خروج",
            "language": "اللغة",
            "play.contents": "المحتويات",
            "play.back": "العودة إلى وحداتك",
            "play.saved": "تم الحفظ",
            "play.saving": "جارٍ الحفظ…",
            "play.queued": "محفوظ على هذا الجهاز، ولم يصل إلى الخادم بعد. سيُرسَل عند عودة الاتصال.",
            "play.failed": "لم يُحفظ: رفضه الخادم. أخبر المدرّب.",
            "play.retired": "أعاد المدرّب ضبط هذه الوحدة. افتحها من جديد لتبدأ.",
            "play.previous": "السابق",
            "play.next": "التالي",
            "play.finished": "أنهيت هذا الجزء.",
            "code.hint": "الرمز",
        ],
    ]
}
