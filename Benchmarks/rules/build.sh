#!/bin/sh
# Builds the rules harness into /tmp/rules-bench (or $1): PostdeskCore and PostdeskRules as separately compiled
# modules (release, whole module), as SwiftPM builds them, so the harness calls the engine through its public API;
# SQLite through its C API (libsqlite3, which GRDB links too).
set -e
cd "$(dirname "$0")/../.."
out=${1:-/tmp/rules-bench}
modules=$(mktemp -d)
trap 'rm -rf "$modules"' EXIT
swiftc -O -wmo -parse-as-library -module-name PostdeskCore \
    -emit-module -emit-module-path "$modules/PostdeskCore.swiftmodule" -c -o "$modules/PostdeskCore.o" \
    $(find Sources/PostdeskCore -name '*.swift')
swiftc -O -wmo -parse-as-library -module-name PostdeskRules -I "$modules" \
    -emit-module -emit-module-path "$modules/PostdeskRules.swiftmodule" -c -o "$modules/PostdeskRules.o" \
    $(find Sources/PostdeskRules -name '*.swift')
swiftc -O -wmo -I "$modules" -I Benchmarks/rules/CSQLite Benchmarks/rules/main.swift -l_FoundationICU \
    "$modules/PostdeskCore.o" "$modules/PostdeskRules.o" -lsqlite3 -o "$out"
