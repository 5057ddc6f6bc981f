#!/bin/sh
# Builds the harness into /tmp/mailparse (or $1) from the PostdeskMail sources, with PostdeskCrypto (libcrypto) as a
# separately compiled module, as SwiftPM builds it.
set -e
cd "$(dirname "$0")/../.."
out=${1:-/tmp/mailparse}
modules=$(mktemp -d)
trap 'rm -rf "$modules"' EXIT
swiftc -O -wmo -parse-as-library -module-name PostdeskCrypto -I Sources/CCrypto \
    -emit-module -emit-module-path "$modules/PostdeskCrypto.swiftmodule" -c -o "$modules/PostdeskCrypto.o" \
    Sources/PostdeskCrypto/*.swift
swiftc -O -wmo -I Sources/CCrypto -I "$modules" $(find Sources/PostdeskMail -name '*.swift') \
    Benchmarks/mailparse/main.swift "$modules/PostdeskCrypto.o" -lcrypto -o "$out"
