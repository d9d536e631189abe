#!/usr/bin/env bash
# The token-exchange comparison of enachain-sts and Keycloak (bench/README.md, "enachain-sts beside Keycloak"):
# builds what interop/ needs, starts enachain-sts on the keycloak-it Liberty server and Keycloak (JDK 21+,
# detected), and runs interop's ExchangeBenchIT — 8 concurrent exchanges, BENCH_WARMUP (5000) warm-up
# requests each, then BENCH_REQUESTS (2000) each in 4 alternating rounds. Prints the table and writes it to
# interop/target/bench-keycloak.md. Liberty and the load driver run on the build's JDK (JAVA_HOME).
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run-keycloak.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -o install -DskipTests -pl core,sts,jakarta,liberty -am
./mvnw -o -pl interop verify -Dit.test=ExchangeBenchIT -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dbench.requests="${BENCH_REQUESTS:-2000}" -Dbench.warmup="${BENCH_WARMUP:-5000}"
cat interop/target/bench-keycloak.md
