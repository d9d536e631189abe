#!/usr/bin/env bash
# Load test of enachain-sts on Open Liberty: builds the WAR and the benchmarks jar, starts the STS on a
# dedicated Liberty server on 127.0.0.1 (first on JDK 17, then on JDK 25, a fresh server each time),
# runs org.enachain.bench.StsLoadDriver against it, writes bench/results/sts-load-jdk<major>.json and
# regenerates the STS table in bench/README.md (between <!-- sts-results:begin/end -->).
#
#   bench/sts-load.sh [extra StsLoadDriver options, e.g. --requests 5000 --concurrency 16]
#
# Environment:
#   JDK17_HOME, JDK25_HOME   the server JDKs (found as bench/run.sh finds them: see bench/jdks.sh)
#   STS_LOAD_DRIVER_JAVA     the java that runs the driver, the same for both servers
#                            (default: the JDK 25 when there is one, else the first JDK)
#   STS_LOAD_HTTP_PORT=29080 STS_LOAD_HTTPS_PORT=29443   the bench server's ports (127.0.0.1 only)
#   STS_LOAD_MAX_LOAD=1.5    before each measurement, wait until the 1-minute load average is below this
#   STS_LOAD_MAX_WAIT=600    ... but at most this many seconds (then measure anyway and say so)
#   STS_LOAD_SETTLE=5        seconds to let a freshly started server settle before waiting/measuring
#   STS_LOAD_SKIP_BUILD=1    reuse the built WAR and bench/target/benchmarks.jar
#   STS_LOAD_OFFLINE=0       let Maven go online (default: -o, dependencies are expected in ~/.m2)
#   STS_LOAD_NOTE            a line put above the table
#   STS_LOAD_TAG             an experiment beside the recorded results: writes sts-load-<tag>-jdk<major>.json
#                            and leaves the README table alone (e.g. STS_LOAD_TAG=warmup5000 ... --warmup 5000)
#
# The server always stops at the end, also when something fails or on Ctrl-C (trap on EXIT).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/bench"
jar="$bench/target/benchmarks.jar"
results="$bench/results"
wlp="$root/sts/target/liberty/wlp"
war="$root/sts/target/enachain-sts-0.1.0-SNAPSHOT.war"
server_name="sts-bench"
# The bench server lives outside the sts module's Liberty user directory: its own WLP_USER_DIR.
wlp_user="$bench/target/sts-load/usr"
server_dir="$wlp_user/servers/$server_name"
pid_file="$wlp_user/servers/.pid/$server_name.pid"
http_port="${STS_LOAD_HTTP_PORT:-29080}"
https_port="${STS_LOAD_HTTPS_PORT:-29443}"
max_load="${STS_LOAD_MAX_LOAD:-1.5}"
max_wait="${STS_LOAD_MAX_WAIT:-600}"
settle="${STS_LOAD_SETTLE:-5}"

# shellcheck source=bench/jdks.sh
source "$bench/jdks.sh"

server_javas=("$first_java")
if [[ -n "$second_java" ]]; then
    server_javas+=("$second_java")
fi
driver_java="${STS_LOAD_DRIVER_JAVA:-${second_java:-$first_java}}"

# ---------------------------------------------------------------- build

if [[ "${STS_LOAD_SKIP_BUILD:-0}" != "1" ]]; then
    offline=(-o)
    if [[ "${STS_LOAD_OFFLINE:-1}" == "0" ]]; then
        offline=()
    fi
    echo "Building the STS WAR and $jar ..."
    (cd "$root" && ./mvnw -q -B "${offline[@]}" -pl sts -am package -DskipTests)
    (cd "$root" && ./mvnw -q -B "${offline[@]}" -Pbenchmarks -pl bench -am package -DskipTests)
fi
for f in "$jar" "$war" "$wlp/bin/server"; do
    if [[ ! -e "$f" ]]; then
        echo "$f is missing; run without STS_LOAD_SKIP_BUILD=1." >&2
        exit 1
    fi
done

# ---------------------------------------------------------------- the server

server_java_home=""   # set while a server we started may be running

stop_server() {
    if [[ -z "$server_java_home" ]]; then
        return 0
    fi
    local pid=""
    [[ -f "$pid_file" ]] && pid="$(cat "$pid_file")"
    echo "Stopping the Liberty server $server_name ..."
    if ! JAVA_HOME="$server_java_home" WLP_USER_DIR="$wlp_user" "$wlp/bin/server" stop "$server_name" >/dev/null; then
        echo "server stop failed" >&2
    fi
    # Only the process this script started, by its id, and only if it is still that Liberty server.
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && grep -qa "$server_name" "/proc/$pid/cmdline" 2>/dev/null; then
        echo "The server (pid $pid) is still running: terminating it." >&2
        kill "$pid" 2>/dev/null || true
        sleep 5
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
    server_java_home=""
}

scratch="$(mktemp -d)"
cleanup() {
    stop_server
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A fresh server: the production server.xml and the development policies (signing keys and the
# self-signed certificate are generated at its first start), the packaged WAR in dropins, and the ports.
create_server() {
    rm -rf "$server_dir" "$wlp_user/servers/.pid" "$wlp_user/servers/.logs"
    mkdir -p "$server_dir/dropins" "$server_dir/policies"
    cp "$root/sts/src/main/liberty/config/server.xml" "$server_dir/"
    cp "$root"/sts/src/main/liberty/policies/*.json "$server_dir/policies/"
    cp "$war" "$server_dir/dropins/sts.war"
    cat > "$server_dir/bootstrap.properties" <<EOF
# Written by bench/sts-load.sh: the load-test server's ports; the keystore password is the
# development-only one of server.xml (a self-signed certificate, generated at first start).
http.port=$http_port
https.port=$https_port
keystore.password=enachain-dev-only
EOF
}

# Waits until the application and the HTTPS endpoint have started (or failed), at most 180 s.
await_server() {
    local log="$server_dir/logs/messages.log" deadline=$((SECONDS + 180))
    while ((SECONDS < deadline)); do
        if [[ -f "$log" ]]; then
            if grep -qE "CWWKZ0002E|CWWKO0221E|CWWKE0701E" "$log"; then
                grep -E "CWWKZ0002E|CWWKO0221E|CWWKE0701E" "$log" >&2
                return 1
            fi
            if grep -q "CWWKZ0001I: Application sts started" "$log" \
                && grep -q "CWWKO0219I: TCP Channel defaultHttpEndpoint-ssl" "$log"; then
                return 0
            fi
        fi
        sleep 1
    done
    echo "The server did not start within 180 s; see $log" >&2
    return 1
}

load1() {
    awk '{ print $1 }' /proc/loadavg
}

# Waits (at most max_wait seconds) for the 1-minute load average to drop below max_load, and prints
# what happened, for the report.
await_quiet_machine() {
    if [[ -z "$max_load" || "$max_load" == "0" ]]; then
        echo "not checked"
        return
    fi
    local started=$SECONDS deadline=$((SECONDS + max_wait))
    while awk -v l="$(load1)" -v m="$max_load" 'BEGIN { exit !(l >= m) }'; do
        if ((SECONDS >= deadline)); then
            echo "The load average is still $(load1) after ${max_wait}s; measuring anyway." >&2
            echo "no: the 1-minute load average was still $(load1) (>= $max_load) after waiting ${max_wait} s"
            return
        fi
        echo "Load average $(load1) >= $max_load: waiting ..." >&2
        sleep 20
    done
    echo "yes: 1-minute load average $(load1) < $max_load (after waiting $((SECONDS - started)) s)"
}

# ---------------------------------------------------------------- runs

files=()
for java in "${server_javas[@]}"; do
    major="$(java_major "$java")"
    home="$(java_home_of "$java")"
    name="sts-load-${STS_LOAD_TAG:+$STS_LOAD_TAG-}jdk$major.json"
    for port in "$http_port" "$https_port"; do
        if port_in_use "$port"; then
            echo "Port $port on 127.0.0.1 is in use; choose others with STS_LOAD_HTTP_PORT / STS_LOAD_HTTPS_PORT." >&2
            exit 1
        fi
    done
    create_server
    echo "Starting $server_name on JDK $major ($home), https://127.0.0.1:$https_port/sts ..."
    server_java_home="$home"
    JAVA_HOME="$home" WLP_USER_DIR="$wlp_user" "$wlp/bin/server" start "$server_name" --clean
    await_server
    pid="$(cat "$pid_file")"
    server_version="$(awk -F' = ' '/^java\.version = / { print $2; exit }' "$server_dir/logs/messages.log")"
    server_runtime="$(awk -F' = ' '/^java\.runtime = / { print $2; exit }' "$server_dir/logs/messages.log")"
    if [[ "${server_version%%.*}" != "$major" ]]; then
        echo "The server runs on Java $server_version, not $major (JAVA_HOME=$home)." >&2
        exit 1
    fi
    sleep "$settle"
    quiet="$(await_quiet_machine)"
    echo "uptime before the run: $(uptime)"
    "$driver_java" -cp "$jar" -Dslf4j.internal.verbosity=ERROR org.enachain.bench.StsLoadDriver \
        --base-url "https://127.0.0.1:$https_port/sts" \
        --keystore "$server_dir/resources/security/key.p12" \
        --server-pid "$pid" --server-java "$server_version ($server_runtime)" \
        --quiet-machine "$quiet" \
        --out "$scratch/$name" "$@"
    echo "uptime after the run: $(uptime)"
    stop_server
    files+=("$name")
done

mkdir -p "$results"
for f in "${files[@]}"; do
    mv "$scratch/$f" "$results/$f"
done

# ---------------------------------------------------------------- table

if [[ -n "${STS_LOAD_TAG:-}" ]]; then
    echo "Wrote ${files[*]} in $results (STS_LOAD_TAG: the README table is left alone)."
    exit 0
fi
"$driver_java" -cp "$jar" org.enachain.bench.StsResultsTable --readme "$bench/README.md" --results "$results" \
    ${STS_LOAD_NOTE:+--note "$STS_LOAD_NOTE"}
