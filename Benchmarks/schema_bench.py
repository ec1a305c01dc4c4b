#!/usr/bin/env python3
"""Times the Python JSON Schema engines on the extracted instances, and prints the comparison table.

    python3 Benchmarks/schema_bench.py run ENGINE SCHEMAS_DIR INSTANCES_DIR RESULT_JSON
        ENGINE: jsonschema (python-jsonschema, referencing.Registry, Draft202012Validator)
                jsonschema-rs (jsonschema_rs.Draft202012Validator with a jsonschema_rs.Registry)
    python3 Benchmarks/schema_bench.py table RESULT_JSON...     (the first result is the reference: ours)

Method, the same as Benchmarks/SchemaBench (ours): every schema under Schemas/ is registered under
https://coursepack.dev/schemas/<relative path>; one validator per group (module, page, component
type) is built once, outside the timing; instances are parsed from the JSON Lines files outside the
timing (parse+validation is timed separately); a warm-up validates the first 200 instances of each
group; then timed passes over every instance call `is_valid` once each, until at least MIN_SECONDS
(env BENCH_MIN_SECONDS, default 3) and MIN_PASSES (env BENCH_MIN_PASSES, default 3; at least 1 for
the slow engine) have run. The figure reported is the median pass.
"""
import json
import os
import statistics
import sys
import time

BASE_URI = "https://coursepack.dev/schemas/"


def load_schemas(schemas_dir):
    schemas = {}
    for folder, _, names in os.walk(schemas_dir):
        for name in sorted(names):
            if name.endswith(".json"):
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, schemas_dir).replace(os.sep, "/")
                with open(path, encoding="utf-8") as f:
                    schemas[BASE_URI + relative] = json.load(f)
    return schemas


def load_index(instances_dir):
    with open(os.path.join(instances_dir, "index.json"), encoding="utf-8") as f:
        return json.load(f)


def read_lines(instances_dir, entry):
    with open(os.path.join(instances_dir, entry["file"]), encoding="utf-8") as f:
        return [line for line in f.read().split("\n") if line]


def build_validators(engine, schemas, index):
    if engine == "jsonschema":
        import jsonschema
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
        registry = Registry().with_resources(
            (uri, Resource.from_contents(schema, default_specification=DRAFT202012)) for uri, schema in schemas.items())
        registry = registry.crawl()
        version = _version("jsonschema")
        return version, {entry["group"]: jsonschema.Draft202012Validator(schemas[BASE_URI + entry["schema"]], registry=registry)
                         for entry in index}
    if engine == "jsonschema-rs":
        import jsonschema_rs
        registry = jsonschema_rs.Registry(list(schemas.items()))
        version = _version("jsonschema_rs")
        return version, {entry["group"]: jsonschema_rs.Draft202012Validator(schemas[BASE_URI + entry["schema"]], registry=registry)
                         for entry in index}
    raise SystemExit(f"unknown engine {engine}")


def _version(distribution):
    from importlib.metadata import version
    return version(distribution)


def run(engine, schemas_dir, instances_dir, result_path):
    min_seconds = float(os.environ.get("BENCH_MIN_SECONDS", "3"))
    min_passes = int(os.environ.get("BENCH_MIN_PASSES", "3"))
    schemas = load_schemas(schemas_dir)
    index = load_index(instances_dir)
    version, validators = build_validators(engine, schemas, index)
    lines = {entry["group"]: read_lines(instances_dir, entry) for entry in index}
    started = time.perf_counter()
    instances = {group: [json.loads(line) for line in group_lines] for group, group_lines in lines.items()}
    parse_seconds = time.perf_counter() - started
    total = sum(len(v) for v in instances.values())
    groups = [(validators[group], instances[group]) for group in instances]

    # Correctness first (not timed): every instance of the generated module should be valid.
    invalid = sum(1 for validator, values in groups for value in values if not validator.is_valid(value))
    for validator, values in groups:                      # warm-up
        for value in values[:200]:
            validator.is_valid(value)

    passes = []
    while True:
        started = time.perf_counter()
        for validator, values in groups:
            for value in values:
                validator.is_valid(value)
        passes.append(time.perf_counter() - started)
        if sum(passes) >= min_seconds and (len(passes) >= min_passes or engine == "jsonschema"):
            break                 # python-jsonschema: passes of several seconds each are stable enough
    validate_seconds = statistics.median(passes)
    result = {"engine": f"{engine} {version} (Python {sys.version.split()[0]})", "instances": total,
              "invalid": invalid, "passes": len(passes), "validate_ms": validate_seconds * 1e3,
              "parse_ms": parse_seconds * 1e3, "parse_validate_ms": (parse_seconds + validate_seconds) * 1e3}
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump(result, f)
    print(f"{result['engine']}: {total} instances, {invalid} invalid; validation {result['validate_ms']:.1f} ms "
          f"(median of {len(passes)} passes, {total / validate_seconds:,.0f} instances/s); "
          f"json.loads {result['parse_ms']:.1f} ms")


def table(paths):
    results = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            results.append(json.load(f))
    ours = results[0]
    width = max(len(r["engine"]) for r in results)
    header = (f"{'engine':<{width}}  {'validate ms':>11}  {'instances/s':>12}  {'x ours':>8}  "
              f"{'parse+validate ms':>17}  {'x ours':>8}  invalid")
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r['engine']:<{width}}  {r['validate_ms']:>11.1f}  {r['instances'] / (r['validate_ms'] / 1e3):>12,.0f}  "
              f"{r['validate_ms'] / ours['validate_ms']:>8.2f}  {r['parse_validate_ms']:>17.1f}  "
              f"{r['parse_validate_ms'] / ours['parse_validate_ms']:>8.2f}  {r['invalid']}")
    print("(x ours: the engine's time divided by ours; above 1 means ours is faster)")


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "run" and len(sys.argv) == 6:
        run(*sys.argv[2:])
    elif len(sys.argv) >= 3 and sys.argv[1] == "table":
        table(sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
