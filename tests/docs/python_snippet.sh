#!/usr/bin/env bash
# The h5py snippet in docs/hdf5-schema.md is docs/examples/read_results.py verbatim, and it
# reads a real results file into the labelled table the docs promise.
set -euo pipefail
binary=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$root" <<'PY'
import sys, pathlib
root = pathlib.Path(sys.argv[1])
script = (root / "docs/examples/read_results.py").read_text()
doc = (root / "docs/hdf5-schema.md").read_text()
if script.strip() not in doc:
    sys.exit("docs/hdf5-schema.md does not contain docs/examples/read_results.py verbatim")
PY
"$binary" run "$root/runs/default.toml" --out "$work/r.h5" >/dev/null
/usr/bin/python3 "$root/docs/examples/read_results.py" "$work/r.h5" status_quo PD > "$work/out.txt"
grep -q "^KOR.*AGR" "$work/out.txt" || { cat "$work/out.txt"; exit 1; }
grep -q "values, unit:" "$work/out.txt"
/usr/bin/python3 "$root/docs/examples/read_results.py" "$work/r.h5" benchmark X > "$work/x.txt"
grep -q "PRK" "$work/x.txt"
echo "python snippet ok"
