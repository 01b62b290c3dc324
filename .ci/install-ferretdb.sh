#!/usr/bin/env bash
# Builds FerretDB (a MongoDB wire-compatible server on SQLite) for the MongoDB test suites.
# The design asks for 1.24.1; where the Go module proxy refuses that version, 1.24.0 (same
# minor release, same wire protocol) is built instead. `go install pkg@version` cannot be used:
# it needs the module's version list, which the proxy here refuses, and the release build
# expects a generated build/version/version.txt that the module source lacks.
set -euo pipefail

bin_dir="${FERRETDB_BIN_DIR:-$HOME/.cache/journeygraph/bin}"
mkdir -p "$bin_dir"
if [ -x "$bin_dir/ferretdb" ]; then
  echo "$bin_dir/ferretdb"
  exit 0
fi

module=github.com/FerretDB/FerretDB
source_dir=""
for version in v1.24.1 v1.24.0; do
  source_dir=$(go mod download -json "$module@$version" 2>/dev/null | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p' || true)
  if [ -n "$source_dir" ]; then
    break
  fi
done
if [ -z "$source_dir" ]; then
  echo "FerretDB 1.24.x could not be downloaded from the Go module proxy" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -r "$source_dir" "$work/ferretdb"
chmod -R u+w "$work/ferretdb"
echo "$version" >"$work/ferretdb/build/version/version.txt"
(cd "$work/ferretdb" && go build -o "$bin_dir/ferretdb" ./cmd/ferretdb) >&2
echo "$bin_dir/ferretdb"
