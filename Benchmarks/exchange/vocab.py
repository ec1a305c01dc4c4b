"""The words of the generated module, English -> a stand-in German, shared by the generator and the
fake translator (`fill_po.py`).

Every word the generator writes is in `WORDS`, so the fake translation is a word-for-word rendering
(real German words, German capitalisation and umlauts, no grammar): realistic lengths and non-ASCII
text for the file formats, while Markdown, link destinations, inline code, numbers and punctuation stay
exactly as in the source, so every string passes `coursepack strings import`'s checks.
"""
import re

WORDS = {
    # function words
    "a": "ein", "an": "eine", "the": "die", "and": "und", "or": "oder", "but": "aber", "if": "wenn",
    "when": "wann", "before": "vor", "after": "nach", "within": "innerhalb", "at": "bei", "in": "in",
    "on": "am", "to": "zu", "for": "für", "with": "mit", "without": "ohne", "from": "von", "of": "von",
    "about": "über", "by": "durch", "until": "bis", "your": "Ihr", "you": "Sie", "they": "sie",
    "their": "ihre", "it": "es", "this": "dieses", "that": "dass", "these": "diese", "every": "jede",
    "each": "jeder", "all": "alle", "some": "einige", "most": "meiste", "not": "nicht", "also": "auch",
    "always": "immer", "never": "nie", "often": "oft", "usually": "meistens", "only": "nur",
    "first": "zuerst", "then": "dann", "again": "wieder", "here": "hier", "there": "dort",
    "can": "können", "must": "müssen", "should": "sollten", "may": "dürfen", "will": "werden",
    "is": "ist", "are": "sind", "be": "sein", "have": "haben", "has": "hat", "do": "tun",
    "please": "bitte", "free": "kostenlos", "days": "Tage", "weeks": "Wochen", "hours": "Stunden",
    "euros": "Euro", "minutes": "Minuten", "page": "Seite", "see": "siehe", "more": "mehr",
    "how": "wie", "what": "was", "where": "wo", "who": "wer", "why": "warum", "which": "welche",
    # verbs
    "register": "anmelden", "bring": "mitbringen", "ask": "fragen", "call": "anrufen", "book": "buchen",
    "fill": "ausfüllen", "sign": "unterschreiben", "keep": "aufbewahren", "show": "zeigen",
    "check": "prüfen", "pay": "bezahlen", "open": "eröffnen", "apply": "beantragen", "find": "finden",
    "visit": "besuchen", "tell": "sagen", "explain": "erklären", "read": "lesen", "write": "schreiben",
    "send": "schicken", "receive": "erhalten", "renew": "verlängern", "translate": "übersetzen",
    "copy": "kopieren", "wait": "warten", "change": "ändern", "cancel": "absagen", "need": "brauchen",
    "get": "bekommen", "use": "benutzen", "learn": "lernen", "help": "helfen", "speak": "sprechen",
    "understand": "verstehen", "arrive": "ankommen", "move": "umziehen", "report": "melden",
    "collect": "abholen", "prepare": "vorbereiten", "choose": "wählen", "contact": "kontaktieren",
    "remember": "erinnern", "print": "drucken", "accept": "annehmen", "refuse": "ablehnen",
    # nouns
    "address": "Adresse", "office": "Amt", "appointment": "Termin", "passport": "Reisepass",
    "permit": "Erlaubnis", "residence": "Aufenthalt", "form": "Formular", "contract": "Vertrag",
    "landlord": "Vermieter", "tenant": "Mieter", "flat": "Wohnung", "rent": "Miete",
    "deposit": "Kaution", "doctor": "Arzt", "pharmacy": "Apotheke", "hospital": "Krankenhaus",
    "insurance": "Versicherung", "card": "Karte", "emergency": "Notfall", "number": "Nummer",
    "police": "Polizei", "ambulance": "Krankenwagen", "employer": "Arbeitgeber", "salary": "Gehalt",
    "wage": "Lohn", "payslip": "Lohnabrechnung", "tax": "Steuer", "account": "Konto", "bank": "Bank",
    "school": "Schule", "child": "Kind", "children": "Kinder", "family": "Familie", "teacher": "Lehrer",
    "course": "Kurs", "language": "Sprache", "interpreter": "Dolmetscher", "certificate": "Bescheinigung",
    "document": "Dokument", "documents": "Dokumente", "photo": "Foto", "letter": "Brief",
    "deadline": "Frist", "fee": "Gebühr", "receipt": "Quittung", "ticket": "Fahrkarte", "bus": "Bus",
    "train": "Zug", "station": "Bahnhof", "caseworker": "Sachbearbeiterin", "counsellor": "Berater",
    "advice": "Beratung", "centre": "Zentrum", "city": "Stadt", "council": "Rat", "website": "Webseite",
    "phone": "Telefon", "email": "E-Mail", "name": "Name", "date": "Datum", "birth": "Geburt",
    "signature": "Unterschrift", "right": "Recht", "rights": "Rechte", "rule": "Regel",
    "rules": "Regeln", "question": "Frage", "questions": "Fragen", "answer": "Antwort", "step": "Schritt",
    "steps": "Schritte", "list": "Liste", "week": "Woche", "day": "Tag", "month": "Monat",
    "year": "Jahr", "morning": "Morgen", "evening": "Abend", "work": "Arbeit", "job": "Stelle",
    "shift": "Schicht", "holiday": "Urlaub", "sick": "krank", "note": "Bescheinigung",
    "union": "Gewerkschaft", "health": "Gesundheit", "care": "Pflege",
    "neighbour": "Nachbar", "waste": "Abfall", "bin": "Tonne", "water": "Wasser", "heating": "Heizung",
    "electricity": "Strom", "bill": "Rechnung", "meter": "Zähler", "key": "Schlüssel",
    "mailbox": "Briefkasten", "door": "Tür", "floor": "Stockwerk", "queue": "Warteschlange",
    "counter": "Schalter", "waiting": "Warte", "room": "Raum", "officer": "Beamter",
    "newcomer": "Neuankömmling", "newcomers": "Neuankömmlinge", "migrant": "Migrant",
    "colleague": "Kollege", "client": "Klient", "person": "Person", "people": "Menschen",
    "time": "Zeit", "place": "Ort", "way": "Weg", "problem": "Problem", "information": "Information",
    "summary": "Zusammenfassung", "checklist": "Checkliste", "example": "Beispiel",
    "overview": "Überblick", "registration": "Anmeldung", "housing": "Wohnen", "transport": "Verkehr",
    "everyday": "Alltag", "services": "Dienste", "arrival": "Ankunft", "welcome": "Willkommen",
    "conversation": "Gespräch", "trust": "Vertrauen", "respect": "Respekt", "culture": "Kultur",
    "safety": "Sicherheit", "benefits": "Leistungen", "pension": "Rente", "savings": "Ersparnisse",
    "internet": "Internet", "library": "Bibliothek", "sport": "Sport", "club": "Verein",
    # adjectives and adverbs
    "new": "neu", "old": "alt", "wrong": "falsch", "important": "wichtig",
    "local": "örtlich", "public": "öffentlich", "private": "privat", "official": "amtlich",
    "valid": "gültig", "written": "schriftlich", "signed": "unterschrieben", "original": "original",
    "short": "kurz", "long": "lang", "clear": "klar", "simple": "einfach", "careful": "vorsichtig",
    "friendly": "freundlich", "quiet": "ruhig", "next": "nächste", "last": "letzte", "early": "früh",
    "late": "spät", "monthly": "monatlich", "weekly": "wöchentlich", "full": "voll", "empty": "leer",
    "current": "aktuell", "urgent": "dringend", "personal": "persönlich",
    "medical": "medizinisch", "legal": "rechtlich", "fair": "fair", "safe": "sicher",
    "helpful": "hilfreich", "plain": "einfach", "polite": "höflich", "calm": "ruhig",
}


def translate_word(word):
    """A word of the source in the stand-in German; unknown words (the player's interface messages)
    get a visible, still German-looking form."""
    lower = word.lower()
    german = WORDS.get(lower)
    if german is None:
        german = lower[::-1] + "e"
    if word[:1].isupper():
        german = german[:1].upper() + german[1:]
    return german


# Markdown and codes a translation must keep exactly: bold/emphasis markers, link brackets and
# destinations, inline code, placeholders, HTML tags.
_KEEP = re.compile(r"(\*\*|\]\([^)]*\)|\[|\]|`[^`]*`|\{[^}]*\}|<[^>]*>|\*|~~)")
_WORD = re.compile(r"[A-Za-z]+")


def translate_text(text):
    """The stand-in German of a Markdown inline text: words translated, everything else kept."""
    parts = _KEEP.split(text)
    for i in range(0, len(parts), 2):  # even indices: text between the kept codes
        parts[i] = _WORD.sub(lambda m: translate_word(m.group(0)), parts[i])
    return "".join(parts)
