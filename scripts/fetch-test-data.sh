#!/usr/bin/env bash
# Downloads the official JSON-Schema-Test-Suite (draft 2020-12) and the 2020-12 metaschemas into the
# git-ignored folder Tests/Fixtures/external/, for Tests/JSONSchemaTests. Idempotent: quick when done.
#
# Sources (through pip; PyPI is the only registry needed):
#   jsonschema==4.26.0 sdist               -> json/tests (the suite) and json/remotes (http://localhost:1234/...)
#   jsonschema-specifications==2025.9.1    -> draft 2020-12 metaschema and vocabulary metaschemas
set -euo pipefail

JSONSCHEMA_VERSION=4.26.0
SPECIFICATIONS_VERSION=2025.9.1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/Tests/Fixtures/external"
stamp="$dest/.fetched-$JSONSCHEMA_VERSION-$SPECIFICATIONS_VERSION"

if [[ -f "$stamp" && -d "$dest/JSON-Schema-Test-Suite/tests/draft2020-12" && -f "$dest/metaschemas/metaschema.json" ]]; then
    echo "test data already present in $dest"
    exit 0
fi

python=python3
command -v "$python" >/dev/null || { echo "error: python3 is required" >&2; exit 1; }
"$python" -m pip --version >/dev/null 2>&1 || { echo "error: pip is required (apt-get install python3-pip)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "downloading jsonschema $JSONSCHEMA_VERSION (sdist) and jsonschema-specifications $SPECIFICATIONS_VERSION (wheel)"
"$python" -m pip download --quiet --no-binary :all: --no-deps --no-build-isolation -d "$work" "jsonschema==$JSONSCHEMA_VERSION" 2>/dev/null \
    || "$python" -m pip download --quiet --no-binary :all: --no-deps -d "$work" "jsonschema==$JSONSCHEMA_VERSION"
"$python" -m pip download --quiet --no-deps --only-binary :all: -d "$work" "jsonschema-specifications==$SPECIFICATIONS_VERSION"

sdist="$(ls "$work"/jsonschema-"$JSONSCHEMA_VERSION".tar.gz)"
wheel="$(ls "$work"/jsonschema_specifications-"$SPECIFICATIONS_VERSION"-*.whl)"

mkdir -p "$work/sdist" "$work/wheel"
tar -xzf "$sdist" -C "$work/sdist"
"$python" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$wheel" "$work/wheel"

suite_src="$work/sdist/jsonschema-$JSONSCHEMA_VERSION/json"
meta_src="$work/wheel/jsonschema_specifications/schemas/draft202012"
[[ -d "$suite_src/tests/draft2020-12" && -d "$suite_src/remotes" ]] || { echo "error: unexpected sdist layout" >&2; exit 1; }
[[ -f "$meta_src/metaschema.json" && -d "$meta_src/vocabularies" ]] || { echo "error: unexpected wheel layout" >&2; exit 1; }

rm -rf "$dest/JSON-Schema-Test-Suite" "$dest/metaschemas"
mkdir -p "$dest/JSON-Schema-Test-Suite" "$dest/metaschemas"
cp -R "$suite_src/tests" "$dest/JSON-Schema-Test-Suite/tests"
cp -R "$suite_src/remotes" "$dest/JSON-Schema-Test-Suite/remotes"
cp "$meta_src/metaschema.json" "$dest/metaschemas/metaschema.json"
cp -R "$meta_src/vocabularies" "$dest/metaschemas/vocabularies"
rm -f "$dest"/.fetched-*
touch "$stamp"
echo "test data written to $dest"
