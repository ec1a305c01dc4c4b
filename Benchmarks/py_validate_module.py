#!/usr/bin/env python3
"""The Python peer of `coursepack validate` for benchmarks: schema validation of a module's YAML.

    python3 Benchmarks/py_validate_module.py SCHEMAS_DIR MODULE_DIR

Reads module.yaml and every page, splits the front matter, finds the component blocks, parses every
YAML document (PyYAML with libyaml, YAML 1.2 core schema: module_docs.py) and validates each with
python-jsonschema (Draft202012Validator, referencing.Registry holding every schema under
SCHEMAS_DIR, one validator per schema built once, `is_valid` per document and the error list only for
invalid ones). It does only the schema part of what coursepack does (no Markdown outline, links, ids,
media or other rules), so the comparison flatters it. Exit status 1 when a document is invalid.
"""
import os
import sys

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import module_docs  # noqa: E402
from schema_bench import BASE_URI, load_schemas  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    schemas = load_schemas(sys.argv[1])
    registry = Registry().with_resources(
        (uri, Resource.from_contents(schema, default_specification=DRAFT202012)) for uri, schema in schemas.items())
    validators = {}
    documents = problems = 0
    for group, value in module_docs.iter_documents(sys.argv[2]):
        validator = validators.get(group)
        if validator is None:
            validator = validators[group] = jsonschema.Draft202012Validator(
                schemas[BASE_URI + module_docs.schema_file(group)], registry=registry)
        documents += 1
        if not validator.is_valid(value):
            for error in validator.iter_errors(value):
                problems += 1
                print(f"{group}: {error.json_path}: {error.message}")
    print(f"{documents} YAML documents checked, {problems} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
