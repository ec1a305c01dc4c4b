#!/usr/bin/env python3
"""Generates a large, valid Coursepack module for benchmarks.

    python3 Benchmarks/generate_module.py OUT_DIR [--pages 2000] [--components 20] [--seed 2024]

Deterministic: the same arguments give byte-identical files. The module uses every component type
of the format (callout, quiz of each kind, accordion, image, audio, video with captions, glossary,
flashcards, checklist, reflection, download, dialogue), headings with GitHub-style anchors, links
between pages, to headings on other pages and on the same page, and inline links inside component
text. Every media file it names exists (tiny placeholders) and every media file is used. Ids are
unique across the module. Reflections are few and short (max_length 200) so that the only finding
of `coursepack validate` should be the learner-state warning (CP601), which a module of this size
cannot avoid (every quiz adds to the SCORM 1.2 suspend_data estimate).

The YAML is written by a small emitter below (plain scalars where safe, double quotes otherwise,
`|` blocks for multi-line text, lists indented under their key as in the samples). It never writes
a plain scalar that YAML 1.1 or the core schema would read as anything but a string.
"""
import argparse
import json
import os
import random
import re
import shutil
import sys

# ---------------------------------------------------------------------------------------------
# A tiny YAML emitter

_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9\u00C0-\uFFFF][^:#\n\"'\[\]{}|>&*!%@`]*$")
_NOT_PLAIN = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
    r"null|Null|NULL|~|[-+]?[0-9][0-9_.:eE+-]*|\.inf|\.nan)$")


def scalar(value):
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN_SAFE.match(text) and not _NOT_PLAIN.match(text) and not text.endswith(" "):
        return text
    if text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def emit(value, indent=0, out=None):
    """YAML block style for a dict at the top level; returns the text."""
    lines = [] if out is None else out
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            _emit_entry(lines, pad, f"{key}:", item, indent)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                first = True
                for key, sub in item.items():
                    prefix = pad + ("- " if first else "  ")
                    _emit_entry(lines, prefix, f"{key}:", sub, indent + 2)
                    first = False
            else:
                _emit_entry(lines, pad, "-", item, indent)
    if out is None:
        return "\n".join(lines) + "\n"
    return None


def _emit_entry(lines, prefix, head, item, indent):
    if isinstance(item, dict):
        lines.append(f"{prefix}{head}")
        emit(item, indent + 2, lines)
    elif isinstance(item, list):
        if (item and head != "-" and all(isinstance(x, str) and len(x) < 20 and "," not in x
                                         and scalar(x) == x for x in item)):
            lines.append(f"{prefix}{head} [" + ", ".join(scalar(x) for x in item) + "]")
        else:
            lines.append(f"{prefix}{head}")
            emit(item, indent + 2, lines)
    elif isinstance(item, str) and "\n" in item:
        lines.append(f"{prefix}{head} |")
        for line in item.rstrip("\n").split("\n"):
            lines.append((" " * (indent + 2) + line) if line else "")
    else:
        lines.append(f"{prefix}{head} {scalar(item)}")


# ---------------------------------------------------------------------------------------------
# Words

TOPICS = [
    "address registration", "health insurance", "family doctor", "emergency calls", "work permits",
    "bank accounts", "public transport", "school places", "language courses", "housing contracts",
    "social benefits", "childcare", "pharmacies", "job centres", "tax numbers", "driving licences",
    "recycling rules", "tenant rights", "parental leave", "vaccinations", "dental care",
    "interpreters", "family reunion", "citizens' office", "waste collection", "library cards",
    "mobile phone contracts", "internet at home", "heating costs", "noise rules",
]
NOUNS = [
    "form", "appointment", "office", "letter", "card", "deadline", "fee", "document", "passport",
    "certificate", "contract", "receipt", "website", "counter", "number", "waiting room", "phone call",
    "interpreter", "caseworker", "landlord", "neighbour", "doctor", "pharmacy", "bus", "ticket",
    "school", "teacher", "employer", "payslip", "account",
]
VERBS = [
    "bring", "keep", "check", "ask for", "fill in", "sign", "show", "book", "pay", "send", "collect",
    "copy", "read", "call", "visit", "explain", "write down", "save",
]
ADJS = [
    "new", "short", "official", "free", "local", "printed", "signed", "online", "second", "first",
    "usual", "urgent", "simple", "personal", "valid",
]
NAMES = ["Amina", "Samir", "Olena", "Mehmet", "Farid", "Lena", "Tomasz", "Nour", "Ivan", "Zahra",
         "Олена", "أمينة"]
SECTION_TEMPLATES = [
    "What to bring", "Where to go", "Before your appointment", "At the counter", "After the visit",
    "Costs and fees", "Your rights", "Common mistakes", "Who can help", "Deadlines",
    "Step {n}: {verb} the {noun}", "What to bring?", "{topic} & {noun2}s", "The {adj} {noun}",
    "Questions about the {noun}", "If you lose your {noun}", "Next steps", "Наступні кроки",
]
LOCALES = ["en", "ar", "uk", "tr", "fa", "pt-BR"]
LOCALE_LABELS = {"en": "English", "ar": "العربية", "uk": "Українська", "tr": "Türkçe",
                 "fa": "فارسی", "pt-BR": "Português (Brasil)"}


def anchor(text):
    """GitHub's heading anchor (as docs/format.md describes it)."""
    out = []
    for ch in text.lower():
        if ch.isalnum() or ch in "-_":
            out.append(ch)
        elif ch == " ":
            out.append("-")
    return "".join(out)


class Words:
    def __init__(self, rng):
        self.r = rng

    def one(self):
        r = self.r
        return r.choice([
            f"{r.choice(VERBS).capitalize()} the {r.choice(ADJS)} {r.choice(NOUNS)} before you go to the {r.choice(NOUNS)}.",
            f"The {r.choice(NOUNS)} is {r.choice(ADJS)} for everyone who needs help with {r.choice(TOPICS)}.",
            f"Ask at the {r.choice(NOUNS)} if you are not sure about the {r.choice(NOUNS)}.",
            f"You can {r.choice(VERBS)} your {r.choice(NOUNS)} at the {r.choice(ADJS)} {r.choice(NOUNS)}.",
            f"Most people {r.choice(VERBS)} the {r.choice(NOUNS)} within two weeks.",
            f"It helps to {r.choice(VERBS)} the {r.choice(NOUNS)} and to keep a copy.",
            f"Your {r.choice(NOUNS)} must be {r.choice(ADJS)}: check it with the {r.choice(NOUNS)}.",
            f"Do not {r.choice(VERBS)} the {r.choice(NOUNS)} alone; the {r.choice(NOUNS)} can help you.",
        ])

    def question(self):
        r = self.r
        return r.choice([
            f"What should you do with the {r.choice(NOUNS)} before the {r.choice(NOUNS)}?",
            f"Where do you {r.choice(VERBS)} the {r.choice(ADJS)} {r.choice(NOUNS)}?",
            f"Which {r.choice(NOUNS)} do you need for {r.choice(TOPICS)}?",
            f"Who can help you with the {r.choice(NOUNS)}?",
            f"When must you {r.choice(VERBS)} the {r.choice(NOUNS)}?",
        ])

    def sentence(self, most=2):
        return " ".join(self.one() for _ in range(self.r.randint(1, most)))

    def short(self):
        r = self.r
        return f"{r.choice(VERBS).capitalize()} the {r.choice(ADJS)} {r.choice(NOUNS)}"

    def paragraph(self, sentences=3):
        return " ".join(self.sentence() for _ in range(sentences))


# ---------------------------------------------------------------------------------------------
# The module

COMPONENT_WEIGHTS = [
    ("callout", 3.0), ("quiz", 5.0), ("accordion", 1.5), ("image", 2.5), ("audio", 1.0),
    ("video", 1.0), ("glossary", 1.0), ("flashcards", 1.0), ("checklist", 1.5), ("download", 1.0),
    ("dialogue", 0.7),
]
QUIZ_KINDS = ["single", "multiple", "true-false", "ordering", "matching"]
REFLECTION_EVERY = 200      # one reflection per 200 pages: 10 in a 2,000-page module

# Media pools: files are named from pools, and only the files used are written (all exist, all used).
POOL = {"image": 400, "audio": 150, "video": 120, "download": 100}

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f2b0000000049454e44ae426082")
PLACEHOLDER = {
    ".png": PNG,
    ".jpg": bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9"),
    ".mp3": b"ID3\x03\x00\x00\x00\x00\x00\x00placeholder",
    ".mp4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom",
    ".pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
}


class Generator:
    def __init__(self, pages, per_page, seed):
        self.rng = random.Random(seed)
        self.w = Words(self.rng)
        self.page_count = pages
        self.per_page = per_page
        self.media = {}          # path -> bytes or text
        self.stats = {}

    def count(self, key):
        self.stats[key] = self.stats.get(key, 0) + 1

    def plan_pages(self):
        r = self.rng
        self.pages = []
        for i in range(1, self.page_count + 1):
            topic = TOPICS[(i - 1) % len(TOPICS)]
            title = f"{topic.capitalize()}, part {(i - 1) // len(TOPICS) + 1}"
            pid = f"{i:04d}-" + anchor(topic.replace("'", "")).replace("--", "-") + f"-{(i - 1) // len(TOPICS) + 1}"
            sections = []
            seen = set()
            for n in range(1, r.randint(4, 6) + 1):
                template = r.choice(SECTION_TEMPLATES)
                heading = template.format(n=n, verb=r.choice(VERBS), noun=r.choice(NOUNS), noun2=r.choice(NOUNS),
                                          adj=r.choice(ADJS), topic=topic.capitalize())
                if anchor(heading) in seen:
                    continue
                seen.add(anchor(heading))
                subs = []
                if r.random() < 0.4:
                    sub = f"More about the {r.choice(NOUNS)}"
                    if anchor(sub) not in seen:
                        seen.add(anchor(sub))
                        subs.append(sub)
                sections.append((heading, subs))
            self.pages.append({"id": pid, "title": title, "topic": topic, "sections": sections,
                               "anchors": sorted(seen)})

    def media_path(self, kind, ext):
        n = self.rng.randrange(POOL[kind])
        return f"media/{kind}/{kind}-{n:03d}{ext}"

    def page_link(self, index):
        """A link to another page, half the time to one of its headings."""
        r = self.rng
        target = self.pages[r.randrange(len(self.pages))]
        if target is self.pages[index] or r.random() < 0.5:
            if target is self.pages[index]:
                return f"#{r.choice(target['anchors'])}"
            return f"{target['id']}.md"
        return f"{target['id']}.md#{r.choice(target['anchors'])}"

    def link_text(self, index):
        target = self.page_link(index)
        return f"[{self.rng.choice(NOUNS)}]({target})"

    # --- components -------------------------------------------------------------------------
    def component(self, kind, page_index, n):
        r, w = self.rng, self.w
        page = self.pages[page_index]
        cid = f"p{page_index + 1:04d}-{kind}-{n}"
        self.count(kind)
        if kind == "callout":
            body = {"style": r.choice(["info", "tip", "warning", "important"])}
            if r.random() < 0.7:
                body["title"] = w.short()
            text = w.paragraph(2)
            if r.random() < 0.5:
                text += f" More in {self.link_text(page_index)}."
            body["body"] = text
            return body
        if kind == "quiz":
            quiz_kind = QUIZ_KINDS[n % len(QUIZ_KINDS)] if r.random() < 0.6 else r.choice(QUIZ_KINDS)
            self.count(f"quiz:{quiz_kind}")
            body = {"id": cid, "kind": quiz_kind, "question": w.question()}
            if r.random() < 0.3:
                body["points"] = r.randint(1, 3)
            if r.random() < 0.3:
                body["attempts"] = r.randint(1, 3)
            if quiz_kind in ("single", "multiple"):
                count = r.randint(3, 5)
                correct = {r.randrange(count)} if quiz_kind == "single" else set(r.sample(range(count), r.randint(1, count - 1)))
                options = []
                for k in range(count):
                    option = {"text": w.short()}
                    if k in correct:
                        option["correct"] = True
                    if r.random() < 0.3:
                        option["feedback"] = w.sentence()
                    options.append(option)
                body["options"] = options
            elif quiz_kind == "true-false":
                body["question"] = w.one()
                body["answer"] = r.random() < 0.5
            elif quiz_kind == "ordering":
                body["items"] = [w.short() for _ in range(r.randint(3, 5))]
            else:
                body["pairs"] = [{"left": w.short(), "right": w.one()} for _ in range(r.randint(2, 4))]
            if r.random() < 0.5:
                body["feedback"] = {"correct": "Yes. " + w.sentence(),
                                    "incorrect": f"Not quite. Look again at {self.link_text(page_index)}."}
            if r.random() < 0.4:
                body["explanation"] = w.paragraph(2)
            if r.random() < 0.05:
                body["x-reviewed-by"] = "Health office, March"
            return body
        if kind == "accordion":
            return {"id": cid, "items": [{"title": w.short(), "body": w.paragraph(2)} for _ in range(r.randint(2, 4))]}
        if kind == "image":
            body = {}
            if r.random() < 0.5:
                body["id"] = cid
            body["src"] = self.media_path("image", r.choice([".png", ".jpg"]))
            if r.random() < 0.08:
                body["decorative"] = True
            else:
                body["alt"] = w.sentence()
            if r.random() < 0.5:
                body["caption"] = w.sentence()
            if r.random() < 0.3:
                body["credit"] = "Photo by Welcome Centre Example City"
            return body
        if kind == "audio":
            body = {"id": cid, "src": self.media_path("audio", ".mp3")}
            if r.random() < 0.7:
                body["title"] = w.short()
            if r.random() < 0.7:
                speaker = r.choice(NAMES)
                body["transcript"] = f"**Officer:** {w.sentence()}\n\n**{speaker}:** {w.sentence()}\n"
            else:
                body["transcript_src"] = body["src"][:-4] + ".txt"
            return body
        if kind == "video":
            src = self.media_path("video", ".mp4")
            body = {"id": cid, "src": src}
            if r.random() < 0.6:
                body["poster"] = src[:-4] + "-poster.jpg"
            body["title"] = w.short()
            locales = ["en"] + (["ar"] if r.random() < 0.5 else []) + (["uk"] if r.random() < 0.3 else [])
            body["captions"] = [{"locale": loc, "src": f"{src[:-4]}.{loc}.vtt", "label": LOCALE_LABELS[loc]}
                                for loc in locales]
            if r.random() < 0.5:
                body["transcript"] = w.paragraph(3)
            return body
        if kind == "glossary":
            body = {}
            if r.random() < 0.5:
                body["id"] = cid
            body["terms"] = [{"term": f"{r.choice(ADJS).capitalize()} {r.choice(NOUNS)}", "definition": w.sentence()}
                             for _ in range(r.randint(2, 5))]
            return body
        if kind == "flashcards":
            body = {"id": cid}
            if r.random() < 0.6:
                body["title"] = w.short()
            cards = [{"front": w.short(), "back": w.sentence()} for _ in range(r.randint(3, 6))]
            cards[0]["back"] = "112"
            body["cards"] = cards
            return body
        if kind == "checklist":
            body = {"id": cid}
            if r.random() < 0.7:
                body["title"] = w.short()
            body["items"] = [{"id": f"{cid}-item-{k}", "text": w.sentence()} for k in range(1, r.randint(3, 6) + 1)]
            return body
        if kind == "download":
            body = {}
            if r.random() < 0.5:
                body["id"] = cid
            body["src"] = self.media_path("download", ".pdf")
            body["title"] = f"{w.short()} (PDF)"
            if r.random() < 0.5:
                body["description"] = w.sentence()
            return body
        if kind == "reflection":
            return {"id": cid, "prompt": w.paragraph(2), "placeholder": "Write a few sentences", "max_length": 200}
        if kind == "dialogue":
            return self.dialogue(cid)
        raise ValueError(kind)

    def dialogue(self, cid):
        r, w = self.rng, self.w
        newcomer = r.choice(NAMES)
        body = {"id": cid, "title": f"At the {r.choice(NOUNS)}",
                "characters": [{"id": "officer", "name": "Officer"}, {"id": "newcomer", "name": newcomer}],
                "start": "scene-1"}
        count = r.randint(4, 7)
        ends = ["good-end", "neutral-end", "poor-end"]
        scenes = []
        for k in range(1, count + 1):
            scene = {"id": f"scene-{k}"}
            if r.random() < 0.85:
                scene["speaker"] = "newcomer" if k % 2 else "officer"
            scene["text"] = w.sentence()
            targets = [f"scene-{k + 1}"] if k < count else []
            targets += r.sample(ends, 1 if k < count else 2)
            if k > 2 and r.random() < 0.3:
                targets.append(f"scene-{r.randint(1, k - 1)}")   # a loop back
            choices = []
            for target in targets:
                choice = {"text": f'"{w.one()}"', "next": target}
                if r.random() < 0.4:
                    choice["feedback"] = w.sentence()
                choices.append(choice)
            scene["choices"] = choices
            scenes.append(scene)
        for end, outcome in zip(ends, ["good", "neutral", "poor"]):
            scenes.append({"id": end, "text": w.sentence(), "end": True, "outcome": outcome})
        # every end must be reachable: the last scene leads to two ends, others to one each
        reached = {c["next"] for s in scenes for c in s.get("choices", [])}
        for end in ends:
            if end not in reached:
                scenes[0]["choices"].append({"text": "\"" + w.short() + "\"", "next": end})
        body["scenes"] = scenes
        return body

    # --- pages ------------------------------------------------------------------------------
    def write_page(self, index, pages_dir):
        r, w = self.rng, self.w
        page = self.pages[index]
        front = {"title": page["title"], "description": w.sentence()}
        if r.random() < 0.8:
            front["duration_minutes"] = r.randint(3, 15)
        if r.random() < 0.1:
            front["scored"] = False
        if r.random() < 0.05:
            front["x-owner"] = "Content team"
        kinds = [k for k, _ in COMPONENT_WEIGHTS]
        weights = [wt for _, wt in COMPONENT_WEIGHTS]
        count = r.randint(self.per_page - 2, self.per_page + 2)
        chosen = r.choices(kinds, weights=weights, k=count)
        if index == 0:
            chosen[:len(kinds)] = kinds                  # the first page has every type
        if index % REFLECTION_EVERY == 0:
            chosen[r.randrange(len(chosen))] = "reflection"
        slots = [[] for _ in range(len(page["sections"]) + 1)]
        for n, kind in enumerate(chosen, 1):
            slots[min(len(slots) - 1, (n - 1) * len(slots) // len(chosen))].append((kind, n))

        out = ["---", emit(front).rstrip("\n"), "---", "", f"# {page['title']}", ""]
        out += [w.paragraph(3), ""]
        out += [f"This page is about {page['topic']}. Read {self.link_text(index)} first if you are new, "
                f"or jump to [{page['sections'][0][0]}](#{anchor(page['sections'][0][0])}).", ""]
        for slot, (heading_and_subs) in enumerate([None] + page["sections"]):
            if heading_and_subs is not None:
                heading, subs = heading_and_subs
                out += [f"## {heading}", "", w.paragraph(r.randint(2, 4)), ""]
            else:
                subs = []
            items = slots[slot]
            for position, (kind, n) in enumerate(items):
                if subs and position == len(items) // 2:
                    out += [f"### {subs[0]}", "", w.paragraph(2), ""]
                    subs = []
                body = self.component(kind, index, n)
                out += [f"```{kind}", emit(body).rstrip("\n"), "```", ""]
                if r.random() < 0.5:
                    out += [f"{w.sentence()} See also {self.link_text(index)}.", ""]
            if subs:
                out += [f"### {subs[0]}", "", w.paragraph(2), ""]
            if r.random() < 0.3:
                out += ["- " + w.sentence() for _ in range(3)] + [""]
            if r.random() < 0.1:
                out += ["| what | where |", "| --- | --- |"]
                out += [f"| {w.short()} | {r.choice(NOUNS)} |" for _ in range(3)] + [""]
            if r.random() < 0.05:
                out += ["```text", "Example City, Linden Street 12", "```", ""]
            if r.random() < 0.03:
                src = self.media_path("image", ".png")
                out += [f"![{w.short()}](../{src})", ""]
                self.used(src)
            if r.random() < 0.05:
                out += ["More information: https://example.org/" + anchor(page["topic"]), ""]
        text = "\n".join(out)
        with open(os.path.join(pages_dir, page["id"] + ".md"), "w", encoding="utf-8") as f:
            f.write(text)
        return len(chosen)

    def used(self, path):
        self.media[path] = True

    def run(self, out_dir):
        if os.path.exists(out_dir):
            shutil.rmtree(out_dir)
        pages_dir = os.path.join(out_dir, "pages")
        os.makedirs(pages_dir)
        self.plan_pages()
        # Wrap component() to record media use.
        original = self.component

        def recording(kind, page_index, n):
            body = original(kind, page_index, n)
            for key in ("src", "poster", "transcript_src"):
                if key in body:
                    self.used(body[key])
            for track in body.get("captions", []):
                self.used(track["src"])
            return body
        self.component = recording
        components = 0
        for index in range(len(self.pages)):
            components += self.write_page(index, pages_dir)
        manifest = {
            "id": "benchmark-large-module",
            "version": "1.0.0",
            "title": "Everyday life in a new country: the complete course",
            "description": "A generated module for benchmarks: many pages, every component type, links and media.",
            "language": "en",
            "locales": ["ar", "uk", "tr", "fa", "pt-BR"],
            "audience": "migrants",
            "duration_minutes": 600,
            "objectives": ["Register your address before the deadline", "Find a doctor and make an appointment"],
            "authors": [{"name": "Coursepack benchmark", "organization": "Coursepack", "email": "bench@example.org"}],
            "license": "CC-BY-4.0",
            "keywords": ["arrival", "registration", "health care"],
            "pages": [p["id"] for p in self.pages],
            "completion": {"rule": "pages-and-quiz", "passing_score": 80, "pages_required": 90},
        }
        with open(os.path.join(out_dir, "module.yaml"), "w", encoding="utf-8") as f:
            f.write("# yaml-language-server: $schema=../../../Schemas/module.schema.json\n")
            f.write(emit(manifest))
        for path in sorted(self.media):
            full = os.path.join(out_dir, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            ext = os.path.splitext(path)[1]
            if ext == ".vtt":
                data = "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nPlease take a number and wait.\n".encode()
            elif ext == ".txt":
                data = "Officer: Good morning. How can I help you?\nNewcomer: I would like to register.\n".encode()
            else:
                data = PLACEHOLDER[ext]
            with open(full, "wb") as f:
                f.write(data)
        return components


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", help="output folder (replaced)")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--components", type=int, default=20, help="average components per page")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    generator = Generator(args.pages, args.components, args.seed)
    components = generator.run(args.out)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(args.out) for f in fs)
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(generator.stats.items()))
    print(f"generated {args.out}: {args.pages} pages, {components} components, "
          f"{len(generator.media)} media files, {size / 1e6:.1f} MB")
    print(f"  components by type: {kinds}")


if __name__ == "__main__":
    main()
