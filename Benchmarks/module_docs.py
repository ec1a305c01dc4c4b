#!/usr/bin/env python3
"""Every YAML document of a Coursepack module, as JSON values grouped by the schema that checks it.

    python3 Benchmarks/module_docs.py MODULE_DIR OUT_DIR     writes OUT_DIR/<group>.jsonl and OUT_DIR/index.json

Groups: `module` (module.yaml, module.schema.json), `page` (each page's front matter,
page.schema.json) and one per component type (`quiz`, ..., components/<type>.schema.json).
YAML is read with the YAML 1.2 core schema (a BaseResolver-based loader: `yes`, `no`, `on`, `off`
and dates stay strings, as in coursepack), with libyaml's C parser when PyYAML has it.
Also imported by py_validate_module.py and schema_bench.py.
"""
import json
import os
import re
import sys

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

COMPONENT_TYPES = ["image", "audio", "video", "callout", "accordion", "quiz", "dialogue", "glossary",
                   "flashcards", "checklist", "reflection", "download"]
BASE_URI = "https://coursepack.dev/schemas/"


def schema_file(group):
    """The schema's path under Schemas/ for a group."""
    if group in ("module", "page"):
        return f"{group}.schema.json"
    return f"components/{group}.schema.json"


class CoreResolver(BaseResolver):
    """The YAML 1.2 core schema's implicit types (null, bool, int, float); everything else is a string."""


CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


class CoreConstructor(SafeConstructor):
    def construct_yaml_int(self, node):
        value = self.construct_scalar(node)
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value, 10)


CoreConstructor.add_constructor("tag:yaml.org,2002:int", CoreConstructor.construct_yaml_int)

try:
    from yaml._yaml import CParser as _Parser
    PARSER = "libyaml (C)"

    class CoreLoader(_Parser, CoreConstructor, CoreResolver):
        def __init__(self, stream):
            _Parser.__init__(self, stream)
            CoreConstructor.__init__(self)
            CoreResolver.__init__(self)
except ImportError:  # pure Python PyYAML
    from yaml.reader import Reader
    from yaml.scanner import Scanner
    from yaml.parser import Parser
    from yaml.composer import Composer
    PARSER = "PyYAML (pure Python)"

    class CoreLoader(Reader, Scanner, Parser, Composer, CoreConstructor, CoreResolver):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            CoreConstructor.__init__(self)
            CoreResolver.__init__(self)


def load_yaml(text):
    return yaml.load(text, Loader=CoreLoader)


_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)")


def split_front_matter(text):
    """(front matter YAML or None, Markdown) as coursepack splits them."""
    if not text.startswith("---\n"):
        return None, text
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index] in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:])
    return None, text


def fenced_blocks(markdown):
    """(info word, body) of every fenced code block (CommonMark fences at up to 3 spaces of indent)."""
    lines = markdown.split("\n")
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        indent, fence, info = len(match.group(1)), match.group(2), match.group(3)
        body = []
        index += 1
        while index < len(lines):
            line = lines[index]
            stripped = line.lstrip(" ")
            if (len(line) - len(stripped) <= 3 and stripped.startswith(fence[0] * len(fence))
                    and stripped.rstrip().strip(fence[0]) == ""):
                break
            body.append(line[indent:] if line[:indent].strip() == "" else line.lstrip(" "))
            index += 1
        index += 1
        yield info, "\n".join(body)


def iter_yaml_documents(module_dir):
    """(group, YAML text) for module.yaml, every page's front matter and every component body."""
    with open(os.path.join(module_dir, "module.yaml"), encoding="utf-8") as f:
        yield "module", f.read()
    pages_dir = os.path.join(module_dir, "pages")
    for name in sorted(os.listdir(pages_dir)):
        if not name.endswith(".md"):
            continue
        with open(os.path.join(pages_dir, name), encoding="utf-8") as f:
            text = f.read()
        front, markdown = split_front_matter(text)
        if front is not None:
            yield "page", front
        for info, body in fenced_blocks(markdown):
            if info in COMPONENT_TYPES:
                yield info, body


def iter_documents(module_dir):
    """(group, JSON value) for every YAML document of the module."""
    for group, text in iter_yaml_documents(module_dir):
        yield group, load_yaml(text)


def write_instances(module_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for name in os.listdir(out_dir):
        if name.endswith(".jsonl") or name == "index.json":
            os.remove(os.path.join(out_dir, name))
    files, counts = {}, {}
    for group, value in iter_documents(module_dir):
        if group not in files:
            files[group] = open(os.path.join(out_dir, f"{group}.jsonl"), "w", encoding="utf-8")
            counts[group] = 0
        files[group].write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")
        counts[group] += 1
    for f in files.values():
        f.close()
    index = [{"group": group, "file": f"{group}.jsonl", "schema": schema_file(group), "count": counts[group]}
             for group in sorted(counts)]
    with open(os.path.join(out_dir, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, indent=1)
    return index


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    index = write_instances(sys.argv[1], sys.argv[2])
    total = sum(entry["count"] for entry in index)
    sizes = sum(os.path.getsize(os.path.join(sys.argv[2], entry["file"])) for entry in index)
    print(f"extracted {total} instances ({sizes / 1e6:.1f} MB of JSON Lines) into {sys.argv[2]} "
          f"[YAML parser: {PARSER}, core schema]")
    print("  " + ", ".join(f"{entry['group']} {entry['count']}" for entry in index))


if __name__ == "__main__":
    main()
