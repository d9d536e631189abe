# Sourced by bench/run.sh and bench/sts-load.sh: finds the two JDKs the benchmarks run on.
#
#   JDK17_HOME   the first JDK (default: $JAVA_HOME, else the java on the PATH)
#   JDK25_HOME   the second JDK (default: the first JDK 25 under /usr/lib/jvm or ~/.sdkman)
#
# Sets first_java, first_major and second_java (empty when there is no JDK 25, or when the first JDK
# already is one); exits when there is no java at all.

# The major version of a java launcher, e.g. 17 or 25 (empty when it does not run).
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java\.specification\.version/ { print $2; exit }'
}

# The java.home of a java launcher (what JAVA_HOME must be for it).
java_home_of() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java\.home = / { print $2; exit }'
}

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
    echo "Note: the first JDK ($first_java) is JDK $first_major, not 17; its results go to jdk$first_major files." >&2
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
