#!/usr/bin/env python3
"""Generates the module of the exchange benchmark: prose only, a given number of translatable units.

    python3 Benchmarks/exchange/generate.py OUT_DIR [--units 100000] [--pages 500] [--seed 2024]

Deterministic (the same arguments give byte-identical files). `module.yaml` (id `exchange-bench`,
`locales: [de]`) has 5 translatable strings (title, description, 3 objectives) and the player adds
its interface messages (`INTERFACE_UNITS`, counted in InterfaceMessages.swift), so the pages get
`units - 5 - INTERFACE_UNITS` units: each page has a
title and a description in its front matter, a `#` heading and 9 `##` sections of paragraphs, bullet
lists and numbered lists (every paragraph and every list item is one unit). Sentences are made of the
words in `vocab.py`; some have **bold** text, links to other pages (`[text](017-health-care.md)`),
inline code (`` `A-1234` ``), numbers; about a third of the paragraphs are wrapped over several lines.
No placeholders (they belong to interface strings) and no components.
"""
import argparse
import os
import random
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vocab import WORDS, translate_text  # noqa: E402

MODULE_UNITS = 5        # module.yaml: title, description, 3 objectives
# InterfaceMessages.all: one `Message(key:` each, counted in the source so that the total stays exact.
_MESSAGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                         "Sources/CoursepackLocalize/Extraction/InterfaceMessages.swift")
with open(_MESSAGES, encoding="utf-8") as _source:
    INTERFACE_UNITS = _source.read().count("Message(key:")
SECTIONS = 9            # `##` sections a page

TOPICS = [
    "registering-your-address", "health-insurance", "finding-a-doctor", "emergency-numbers",
    "the-right-to-work", "your-first-payslip", "opening-a-bank-account", "public-transport",
    "school-for-children", "renting-a-flat", "language-courses", "the-residence-permit",
    "talking-with-newcomers", "working-with-interpreters", "waste-and-recycling", "taxes",
    "everyday-services", "your-rights-as-a-tenant", "family-benefits", "summary-and-checklist",
]

NOUNS = ["address", "office", "appointment", "passport", "permit", "residence", "form", "contract",
         "landlord", "tenant", "flat", "rent", "deposit", "doctor", "pharmacy", "hospital", "insurance",
         "card", "emergency", "number", "police", "ambulance", "employer", "salary", "wage", "payslip",
         "tax", "account", "bank", "school", "child", "family", "teacher", "course", "language",
         "interpreter", "certificate", "document", "photo", "letter", "deadline", "fee", "receipt",
         "ticket", "bus", "train", "station", "caseworker", "counsellor", "advice", "centre", "city",
         "council", "website", "phone", "email", "name", "date", "signature", "right", "rule", "question",
         "answer", "step", "list", "week", "month", "year", "work", "job", "shift", "holiday", "note",
         "union", "health", "care", "neighbour", "waste", "bin", "water", "heating", "electricity", "bill",
         "meter", "key", "mailbox", "door", "floor", "queue", "counter", "room", "officer", "newcomer",
         "migrant", "colleague", "client", "person", "time", "place", "problem", "information",
         "example", "registration", "housing", "transport", "conversation", "pension", "library", "club"]
PLURALS = ["documents", "children", "rights", "rules", "questions", "steps", "newcomers", "people",
           "services", "benefits", "savings", "days", "weeks", "hours", "minutes"]
VERBS = ["register", "bring", "ask", "call", "book", "fill", "sign", "keep", "show", "check", "pay", "open",
         "apply", "find", "visit", "explain", "read", "write", "send", "receive", "renew", "translate",
         "copy", "change", "cancel", "need", "get", "use", "report", "collect", "prepare", "choose",
         "contact", "print", "accept"]
ADJECTIVES = ["new", "old", "wrong", "important", "local", "public", "private", "official", "valid",
              "written", "signed", "original", "short", "long", "clear", "simple", "next", "last",
              "monthly", "weekly", "full", "current", "urgent", "personal", "medical", "legal", "safe",
              "helpful", "plain", "polite"]
MODALS = ["must", "should", "can", "may", "will"]
SUBJECTS = ["you", "your caseworker", "the officer", "your employer", "the landlord", "the doctor",
            "every newcomer", "the interpreter", "your family", "the counsellor", "most people", "they"]
PREPOSITIONS = ["at", "in", "on", "for", "with", "without", "from", "about", "by", "after", "before"]
ADVERBS = ["always", "never", "often", "usually", "only", "also", "first", "then", "again"]


def cap(text):
    return text[:1].upper() + text[1:]


class Writer:
    def __init__(self, rng, page_ids):
        self.rng = rng
        self.page_ids = page_ids

    def noun_phrase(self):
        r = self.rng
        det = r.choice(["the", "your", "a", "the", "this", "every"])
        words = [det] + ([r.choice(ADJECTIVES)] if r.random() < 0.5 else []) + [r.choice(NOUNS)]
        if det == "a" and words[1][0] in "aeiou":
            words[0] = "an"
        return " ".join(words)

    def decorated_noun_phrase(self, current):
        """A noun phrase, sometimes bold, sometimes a link to another page."""
        r = self.rng
        phrase = self.noun_phrase()
        x = r.random()
        if x < 0.07:
            return "**" + phrase + "**"
        if x < 0.12:
            target = r.choice(self.page_ids)
            if target == current:
                target = self.page_ids[(self.page_ids.index(current) + 1) % len(self.page_ids)]
            return f"[{phrase}]({target}.md)"
        return phrase

    def clause(self, current):
        r = self.rng
        parts = [r.choice(SUBJECTS)]
        if r.random() < 0.3:
            parts.append(r.choice(ADVERBS))
        parts += [r.choice(MODALS), r.choice(VERBS), self.decorated_noun_phrase(current)]
        x = r.random()
        if x < 0.45:
            parts += [r.choice(PREPOSITIONS), self.decorated_noun_phrase(current)]
        elif x < 0.6:
            parts += ["within", str(r.choice([3, 5, 7, 10, 14, 28, 30, 90])), r.choice(["days", "weeks"])]
        elif x < 0.68:
            parts += ["and", "pay", str(r.randint(5, 120)), "euros"]
        elif x < 0.72:
            parts += ["with", "the", "number", "`" + r.choice("ABCDFKMRT") + "-" + str(r.randint(100, 9999)) + "`"]
        return " ".join(parts)

    def sentence(self, current):
        r = self.rng
        text = self.clause(current)
        if r.random() < 0.35:
            text += r.choice([", and ", ", but ", " if ", " when ", " before "]) + self.clause(current)
        end = "." if r.random() < 0.9 else r.choice(["!", "?", ":"])
        if end == "?":
            text = r.choice(["how", "when", "where", "why"]) + " " + text
        return cap(text) + end

    def paragraph(self, current):
        r = self.rng
        sentences = [self.sentence(current) for _ in range(r.choice([1, 2, 2, 3, 3, 4]))]
        if r.random() < 0.35 and len(sentences) > 1:
            return "\n".join(sentences)  # a paragraph wrapped over several lines (soft breaks)
        return " ".join(sentences)

    def list_item(self, current):
        r = self.rng
        if r.random() < 0.5:
            text = cap(r.choice(VERBS)) + " " + self.decorated_noun_phrase(current)
            if r.random() < 0.4:
                text += " " + r.choice(PREPOSITIONS) + " " + self.noun_phrase()
            return text + ("" if r.random() < 0.6 else ".")
        return self.sentence(current)

    def heading(self):
        r = self.rng
        forms = [
            lambda: f"{cap(r.choice(NOUNS))} and {r.choice(NOUNS)}",
            lambda: f"How to {r.choice(VERBS)} the {r.choice(NOUNS)}",
            lambda: f"Your {r.choice(ADJECTIVES)} {r.choice(NOUNS)}",
            lambda: f"{cap(r.choice(VERBS))} your {r.choice(NOUNS)} {r.choice(PREPOSITIONS)} the {r.choice(NOUNS)}",
            lambda: f"What {r.choice(PLURALS)} do you need?",
        ]
        return r.choice(forms)()

    def description(self, current):
        while True:
            text = self.sentence(current).replace("**", "")
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
            if len(translate_text(text)) <= 280:
                return text


def check_words(text):
    for word in re.findall(r"[A-Za-z]+", re.sub(r"\]\([^)]*\)|`[^`]*`", "", text)):
        if word.lower() not in WORDS:
            raise SystemExit(f"generate.py: the word {word!r} is not in vocab.py")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    page_units_total = args.units - MODULE_UNITS - INTERFACE_UNITS
    fixed = 2 + 1 + SECTIONS  # front matter title and description, `#` heading, `##` headings
    if page_units_total < args.pages * (fixed + SECTIONS):
        raise SystemExit("generate.py: too few units for that many pages")
    base, extra = divmod(page_units_total, args.pages)
    page_ids = [f"{i:03d}-{TOPICS[(i - 1) % len(TOPICS)]}" for i in range(1, args.pages + 1)]

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(os.path.join(args.out, "pages"))

    writer = Writer(rng, page_ids)
    counts = {"title": 0, "description": 0, "heading": 0, "paragraph": 0, "list item": 0}
    markers = {"bold": 0, "link": 0, "code": 0, "wrapped": 0}
    chars = 0

    for index, page_id in enumerate(page_ids):
        units = base + (1 if index < extra else 0)
        body = units - fixed
        per_section = [body // SECTIONS + (1 if s < body % SECTIONS else 0) for s in range(SECTIONS)]
        while True:
            title = cap(writer.heading()).rstrip("?")
            if len(translate_text(title)) <= 70:
                break
        description = writer.description(page_id)
        lines = ["---", f"title: {title}", f"description: \"{description}\"",
                 f"duration_minutes: {rng.randint(5, 40)}", "---", "", f"# {title}", ""]
        texts = [title, description, title]
        counts["title"] += 1
        counts["description"] += 1
        counts["heading"] += 1
        for budget in per_section:
            heading = writer.heading()
            lines += [f"## {heading}", ""]
            texts.append(heading)
            counts["heading"] += 1
            last_was_list, marker_index = False, 0
            while budget > 0:
                if budget >= 3 and rng.random() < 0.45:
                    n = min(budget, rng.randint(3, 8))
                    numbered = rng.random() < 0.3
                    # A list right after another one changes its marker, or Markdown would merge them.
                    marker_index = (marker_index + 1) % 2 if last_was_list else 0
                    for i in range(n):
                        item = writer.list_item(page_id)
                        texts.append(item)
                        marker = f"{i + 1}{'.)'[marker_index]} " if numbered else "-*"[marker_index] + " "
                        lines.append(marker + item)
                    last_was_list = True
                    lines.append("")
                    counts["list item"] += n
                    budget -= n
                else:
                    paragraph = writer.paragraph(page_id)
                    last_was_list = False
                    texts.append(paragraph)
                    lines += [paragraph, ""]
                    counts["paragraph"] += 1
                    markers["wrapped"] += "\n" in paragraph
                    budget -= 1
        for text in texts:
            check_words(text)
            markers["bold"] += "**" in text
            markers["link"] += "](" in text
            markers["code"] += "`" in text
            chars += len(text)
        with open(os.path.join(args.out, "pages", page_id + ".md"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines).rstrip("\n") + "\n")

    pages_yaml = "\n".join(f"  - {p}" for p in page_ids)
    module = f"""id: exchange-bench
version: 1.0.0
title: Living and working in a new country
description: A long practical course for newcomers and for the officers who help them, in plain language.
language: en
locales: [de]
audience: general
duration_minutes: 600
objectives:
  - Register your address at the right office
  - Find a doctor and ask for an interpreter
  - Know your rights at work and as a tenant
pages:
{pages_yaml}
completion:
  rule: pages-seen
"""
    with open(os.path.join(args.out, "module.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(module)

    page_units = sum(counts.values())
    print(f"{args.out}: {args.pages} pages, {page_units} page units ({', '.join(f'{k} {v}' for k, v in counts.items())}) "
          f"+ {MODULE_UNITS} module.yaml + {INTERFACE_UNITS} interface = {page_units + MODULE_UNITS + INTERFACE_UNITS} units; "
          f"units with bold {markers['bold']}, links {markers['link']}, inline code {markers['code']}; "
          f"wrapped paragraphs {markers['wrapped']}; {chars / 1e6:.1f} M characters of source text")


if __name__ == "__main__":
    main()
