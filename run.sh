#!/bin/sh
#
# Starts Cardlink in the foreground (Karaf console). Builds the distribution first if it is missing.
# On the first run it also sets up the demo: the Matrix42 API emulator (instances local and remote, a few
# thousand generated cards), a CoreProIGA connector "Demo" between them and scheduled tasks that sync the
# remote's persons and incidents into the local instance every few minutes.
#   CARDLINK_DEMO=false ./run.sh     first run without the demo (production)
# Turn the demo off later with: config:property-set -p io.cardlink.engine demo false
#
# The first start makes the administrator "admin": its password comes from CARDLINK_ADMIN_PASSWORD if that is set,
# otherwise it is generated and written to etc/cardlink-admin.password (readable by you only); this script says where.
#
set -e
cd "$(dirname "$0")"
ASSEMBLY=karaf-assembly/target/assembly
if [ ! -x "$ASSEMBLY/bin/karaf" ]; then
    mvn -B -q install -DskipTests
fi
MARKER="$ASSEMBLY/etc/.cardlink-first-run"
PASSWORD_FILE="$ASSEMBLY/etc/cardlink-admin.password"
if [ ! -f "$MARKER" ]; then
    if [ -n "${CARDLINK_ADMIN_PASSWORD:-}" ]; then
        echo "First run: the administrator is admin, with the password in CARDLINK_ADMIN_PASSWORD."
    else
        echo "First run: the administrator is admin; its generated password will be in $PASSWORD_FILE"
        echo "(readable by you only) a few seconds after Karaf has started."
    fi
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
elif [ -f "$PASSWORD_FILE" ]; then
    echo "The administrator's password (user admin) is in $PASSWORD_FILE; delete the file once you have changed it."
fi
echo "REST API: http://localhost:8181/cardlink/api/v1 and https://localhost:8443/cardlink/api/v1 (this machine only)"
exec "$ASSEMBLY/bin/karaf"
