#!/usr/bin/env bash
# Builds the JMH benchmarks jar, runs it on the default JDK (17) and on a JDK 25 when one is found,
# writes bench/results/jdk<major>.json and regenerates the results table in bench/README.md.
#
#   bench/run.sh [extra JMH arguments, e.g. a benchmark regex or -prof gc; not -f/-wi/-w/-i/-r, see below]
#
# Environment (defaults suit an idle 2-core machine; ~2.5 minutes per JDK):
#   BENCH_FORKS=1  BENCH_WARMUP_ITERATIONS=3  BENCH_WARMUP_TIME=1s  BENCH_ITERATIONS=5  BENCH_TIME=1s
#   BENCH_NOTE       a line put above the table (e.g. "Smoke run on a busy machine")
#   BENCH_SKIP_BUILD=1  reuse bench/target/benchmarks.jar
#   JDK17_HOME       the first JDK (default: $JAVA_HOME, else the java on the PATH)
#   JDK25_HOME       the second JDK (default: the first JDK 25 under /usr/lib/jvm or ~/.sdkman)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/bench"
jar="$bench/target/benchmarks.jar"
results="$bench/results"

forks="${BENCH_FORKS:-1}"
warmup_iterations="${BENCH_WARMUP_ITERATIONS:-3}"
warmup_time="${BENCH_WARMUP_TIME:-1s}"
iterations="${BENCH_ITERATIONS:-5}"
time_per_iteration="${BENCH_TIME:-1s}"

# The major version of a java launcher, e.g. 17 or 25 (empty when it does not run).
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java\.specification\.version/ { print $2; exit }'
}

# ---------------------------------------------------------------- the JDKs

if [[ -n "${JDK17_HOME:-}" ]]; then
    first_java="$JDK17_HOME/bin/java"
elif [[ -n "${JAVA_HOME:-}" ]]; then
    first_java="$JAVA_HOME/bin/java"
else
    first_java="$(command -v java || true)"
fi
if [[ -z "$first_java" || ! -x "$first_java" ]]; then
    echo "No java found: set JAVA_HOME or JDK17_HOME, or put java on the PATH." >&2
    exit 1
fi
first_major="$(java_major "$first_java")"
if [[ "$first_major" != "17" ]]; then
    echo "Note: the first JDK ($first_java) is JDK $first_major, not 17; its results go to jdk$first_major.json." >&2
fi

second_java=""
if [[ "$first_major" == "25" ]]; then
    : # the first JDK is already the JDK 25
elif [[ -n "${JDK25_HOME:-}" ]]; then
    if [[ ! -x "$JDK25_HOME/bin/java" || "$(java_major "$JDK25_HOME/bin/java")" != "25" ]]; then
        echo "JDK25_HOME=$JDK25_HOME is not a JDK 25." >&2
        exit 1
    fi
    second_java="$JDK25_HOME/bin/java"
else
    for candidate in /usr/lib/jvm/*25* "$HOME"/.sdkman/candidates/java/25*; do
        if [[ -x "$candidate/bin/java" && "$(java_major "$candidate/bin/java")" == "25" ]]; then
            second_java="$candidate/bin/java"
            break
        fi
    done
fi
if [[ -z "$second_java" && "$first_major" != "25" ]]; then
    echo "No JDK 25 found (looked at \$JDK25_HOME, /usr/lib/jvm/*25*, ~/.sdkman/candidates/java/25*):" \
         "measuring on JDK $first_major only. Set JDK25_HOME to add JDK 25." >&2
fi

# ---------------------------------------------------------------- build

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
    echo "Building $jar ..."
    (cd "$root" && ./mvnw -q -B -Pbenchmarks -pl bench -am package -DskipTests)
fi
if [[ ! -f "$jar" ]]; then
    echo "$jar is missing; run without BENCH_SKIP_BUILD=1." >&2
    exit 1
fi

# ---------------------------------------------------------------- run

# Results land in a scratch directory first, so a failed or interrupted run leaves the last results alone.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
javas=("$first_java")
if [[ -n "$second_java" ]]; then
    javas+=("$second_java")
fi
files=()
for java in "${javas[@]}"; do
    major="$(java_major "$java")"
    echo "Running the benchmarks on JDK $major ($java) ..."
    "$java" -jar "$jar" \
        -f "$forks" -wi "$warmup_iterations" -w "$warmup_time" -i "$iterations" -r "$time_per_iteration" \
        -rf json -rff "$scratch/jdk$major.json" "$@"
    files+=("$results/jdk$major.json")
done
mkdir -p "$results"
rm -f "$results"/jdk*.json # the table shows this run only
mv "$scratch"/jdk*.json "$results"/

# ---------------------------------------------------------------- table

cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
machine="$(date -u +%Y-%m-%d), ${cpu:-unknown CPU}, $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores"
note="Measured ${machine}."
if [[ -n "${BENCH_NOTE:-}" ]]; then
    note="**${BENCH_NOTE}** ${note}"
fi
"$first_java" -cp "$jar" org.enachain.bench.ResultsTable --readme "$bench/README.md" --note "$note" "${files[@]}"
