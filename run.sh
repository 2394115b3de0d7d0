#!/bin/sh
#
# Starts Cardlink in the foreground (Karaf console). Builds the distribution first if it is missing.
# On the first run it also sets up the demo: the Matrix42 API emulator (instances local and remote, a few
# thousand generated cards), a CoreProIGA connector "Demo" between them and scheduled tasks that sync the
# remote's persons and incidents into the local instance every few minutes.
#   CARDLINK_DEMO=false ./run.sh     first run without the demo (production)
# Turn the demo off later with: config:property-set -p io.cardlink.engine demo false
#
set -e
cd "$(dirname "$0")"
ASSEMBLY=karaf-assembly/target/assembly
if [ ! -x "$ASSEMBLY/bin/karaf" ]; then
    mvn -B -q install -DskipTests
fi
MARKER="$ASSEMBLY/etc/.cardlink-first-run"
if [ ! -f "$MARKER" ]; then
    if [ "${CARDLINK_DEMO:-true}" = "true" ]; then
        # the emulator boots with Karaf, with demo data over several templates
        sed -i.bak 's/^featuresBoot = \\$/featuresBoot = \\\n    cardlink-emulator, \\/' \
            "$ASSEMBLY/etc/org.apache.karaf.features.cfg"
        cat > "$ASSEMBLY/etc/io.cardlink.emulator.cfg" <<CFG
instances = local,remote
generate = remote:person:1000:11,remote:incident:3000:12
CFG
        sed -i.bak 's/^demo = false$/demo = true/' "$ASSEMBLY/etc/io.cardlink.engine.cfg"
        echo "First run: the demo is set up (CARDLINK_DEMO=false to skip it)."
    fi
    touch "$MARKER"
fi
exec "$ASSEMBLY/bin/karaf"
