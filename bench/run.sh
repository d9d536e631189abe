#!/usr/bin/env bash
# Builds the JMH benchmarks jar, runs it on the default JDK (17) and on a JDK 25 when one is found,
# writes bench/results/jdk<major>.json and regenerates the results table in bench/README.md; the STS
# benchmarks (StsExchange*) go to bench/results/sts-jmh-jdk<major>.json and the STS table instead.
#
#   bench/run.sh [extra JMH arguments, e.g. a benchmark regex or -prof gc; not -f/-wi/-w/-i/-r, see below]
#
# Environment (defaults suit an idle 2-core machine; ~2.5 minutes per JDK, 45 s more for the STS group):
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

# shellcheck source=bench/jdks.sh
source "$bench/jdks.sh"

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

# Two groups, each with its own results files and README table: the STS benchmarks (StsExchange*,
# results/sts-jmh-jdk<major>.json, the table between <!-- sts-results:begin/end -->) and all others
# (results/jdk<major>.json, the table between <!-- results:begin/end -->). A group is run, and its
# files replaced, only when the arguments select some of its benchmarks, so `run.sh StsExchange`
# leaves the other results alone.
sts_pattern='StsExchange'
listed="$("$first_java" -jar "$jar" -l "$@" | sed -n 's/^\(org\.enachain\..*\)$/\1/p')"
if [[ -z "$listed" ]]; then
    echo "No benchmark matches: $*" >&2
    exit 1
fi
groups=()
if grep -qv "$sts_pattern" <<<"$listed"; then
    groups+=(core)
fi
if grep -q "$sts_pattern" <<<"$listed"; then
    groups+=(sts)
fi

# Results land in a scratch directory first, so a failed or interrupted run leaves the last results alone.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
javas=("$first_java")
if [[ -n "$second_java" ]]; then
    javas+=("$second_java")
fi
core_files=()
sts_files=()
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for java in "${javas[@]}"; do
    major="$(java_major "$java")"
    for group in "${groups[@]}"; do
        if [[ "$group" == core ]]; then
            echo "Running the benchmarks on JDK $major ($java) ..."
            exclude=("$sts_pattern")
            file="jdk$major.json"
            core_files+=("$results/$file")
        else
            echo "Running the STS benchmarks on JDK $major ($java) ..."
            exclude=("^(?!.*$sts_pattern)")
            file="sts-jmh-jdk$major.json"
            sts_files+=("$results/$file")
        fi
        "$java" -jar "$jar" \
            -f "$forks" -wi "$warmup_iterations" -w "$warmup_time" -i "$iterations" -r "$time_per_iteration" \
            -rf json -rff "$scratch/$file" "$@" -e "${exclude[@]}"
    done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
mkdir -p "$results"
if ((${#core_files[@]} > 0)); then
    rm -f "$results"/jdk*.json # the table shows this run only
    mv "$scratch"/jdk*.json "$results"/
fi
if ((${#sts_files[@]} > 0)); then
    rm -f "$results"/sts-jmh-jdk*.json
    mv "$scratch"/sts-jmh-jdk*.json "$results"/
fi

# ---------------------------------------------------------------- tables

cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
machine="$(date -u +%Y-%m-%d), ${cpu:-unknown CPU}, $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores"
note="Measured ${machine}; load average (1, 5, 15 min) before the run ${load_before}, after it ${load_after}."
if [[ -n "${BENCH_NOTE:-}" ]]; then
    note="**${BENCH_NOTE}** ${note}"
fi
if ((${#core_files[@]} > 0)); then
    "$first_java" -cp "$jar" org.enachain.bench.ResultsTable --readme "$bench/README.md" --note "$note" "${core_files[@]}"
fi
if ((${#sts_files[@]} > 0)); then
    # The STS table also shows the Liberty load test (bench/sts-load.sh): the JMH run's note is kept in a
    # file beside its results, so that either script can regenerate the whole table.
    printf '%s\n' "$note" > "$results/sts-jmh-note.txt"
    "$first_java" -cp "$jar" org.enachain.bench.StsResultsTable --readme "$bench/README.md" --results "$results"
fi
