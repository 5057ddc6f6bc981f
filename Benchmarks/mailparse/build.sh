#!/bin/sh
# Builds the harness into /tmp/mailparse (or $1) from the PostdeskMail sources.
set -e
cd "$(dirname "$0")/../.."
swiftc -O -wmo $(find Sources/PostdeskMail -name '*.swift') Benchmarks/mailparse/main.swift -o "${1:-/tmp/mailparse}"
