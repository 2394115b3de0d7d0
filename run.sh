#!/usr/bin/env bash
# Builds Cardlink if it is not built yet, then starts it (Karaf with embedded Derby) in the foreground.
set -euo pipefail
cd "$(dirname "$0")"
dist=karaf-assembly/target/assembly
if [ ! -x "$dist/bin/karaf" ]; then
  mvn -B -q install -DskipTests
fi
exec "$dist/bin/karaf" "$@"
