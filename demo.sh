#!/usr/bin/env bash
# Starts the chain demo from a fresh clone: builds what it needs (Open Liberty comes from Maven Central), starts
# the Liberty server "demo" on https://127.0.0.1:9443 in the foreground, and prints the URL to open once the page
# answers. Ctrl-C stops the server. Another port: DEMO_HTTPS_PORT=8443 ./demo.sh
# Extra arguments go to Maven (e.g. -o for offline).
set -euo pipefail
cd "$(dirname "$0")"
port="${DEMO_HTTPS_PORT:-9443}"
url="https://127.0.0.1:${port}/demo/"

./mvnw -pl samples -am package -DskipTests -DskipITs -Ddemo.https.port="$port" "$@"

# Waits for the page, then says where it is (the certificate is self-signed: the browser will ask once).
(
  while kill -0 $$ 2>/dev/null; do
    if curl -ksfo /dev/null --max-time 5 "$url" \
        && curl -ksfo /dev/null --max-time 5 "https://127.0.0.1:${port}/sts/domain-a/.well-known/oauth-authorization-server"; then
      printf '\n==> The enachain demo is running: open %s  (log in as alice / alice-DEMO-ONLY; Ctrl-C stops it)\n\n' "$url"
      exit 0
    fi
    sleep 1
  done
) &
exec samples/target/liberty/wlp/bin/server run demo
