#!/usr/bin/env python3
"""Fills a PO file with a stand-in German translation of every entry (the benchmark's translator).

    python3 Benchmarks/exchange/fill_po.py MODULE/locales/de.po

Every msgid (and msgid_plural) gets `vocab.translate_text` of itself: words translated, Markdown
markers, link destinations, inline code, placeholders, numbers and punctuation kept, so every
string passes the import checks. `nplurals` comes from the file's Plural-Forms header: form 0 is
the singular, the others the plural. Comments, flags and contexts are kept; `#, fuzzy` flags are
dropped. The file is rewritten in place, in the writer's style (no wrapping, multi-line strings as
`""` then one line each).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vocab import translate_text  # noqa: E402

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def unquote(text):
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r'\\(.)', lambda m: _ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + '"'


def keyword(name, text):
    if "\n" not in text or text == "\n":
        return [f"{name} {quote(text)}"]
    lines = [f'{name} ""']
    rest = text
    while "\n" in rest:
        head, rest = rest.split("\n", 1)
        lines.append(quote(head + "\n"))
    if rest:
        lines.append(quote(rest))
    return lines


def parse_entry(lines):
    """(comment lines, fields in order as (keyword, text))."""
    comments, fields = [], []
    for line in lines:
        if line.startswith("#"):
            comments.append(line)
        elif line.startswith('"'):
            name, text = fields[-1]
            fields[-1] = (name, text + unquote(line))
        else:
            name, _, value = line.partition(" ")
            fields.append((name, unquote(value)))
    return comments, fields


def main():
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    header_comments, header = parse_entry(blocks[0].splitlines())
    header_text = dict(header).get("msgstr", "")
    match = re.search(r"nplurals\s*=\s*(\d+)", header_text)
    nplurals = int(match.group(1)) if match else 2
    out = [blocks[0].rstrip("\n")]
    filled = plurals = 0
    for block in blocks[1:]:
        lines = [line for line in block.splitlines() if line]
        if not lines:
            continue
        if all(line.startswith("#~") or line.startswith("#") for line in lines):
            out.append("\n".join(lines))  # obsolete entries and lone comments stay as they are
            continue
        comments, fields = parse_entry(lines)
        values = dict(fields)
        comments = [c for c in comments if not c.startswith("#|")]
        flagged = []
        for comment in comments:
            if comment.startswith("#,"):
                flags = [f.strip() for f in comment[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
                if flags:
                    flagged.append("#, " + ", ".join(flags))
            else:
                flagged.append(comment)
        entry = list(flagged)
        if "msgctxt" in values:
            entry += keyword("msgctxt", values["msgctxt"])
        entry += keyword("msgid", values["msgid"])
        if "msgid_plural" in values:
            entry += keyword("msgid_plural", values["msgid_plural"])
            entry += keyword("msgstr[0]", translate_text(values["msgid"]))
            for index in range(1, nplurals):
                entry += keyword(f"msgstr[{index}]", translate_text(values["msgid_plural"]))
            plurals += 1
        else:
            entry += keyword("msgstr", translate_text(values["msgid"]))
        filled += 1
        out.append("\n".join(entry))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(out) + "\n")
    print(f"{path}: filled {filled} entries ({plurals} with plural forms, nplurals={nplurals})")


if __name__ == "__main__":
    main()
