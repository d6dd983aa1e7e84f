# Sourced by the scripts after jdk.sh: builds the project quietly when the runnable jars are
# missing or older than any source or pom, so the first call on a fresh clone just works.

jemini_ensure_built() {
    local root=$1
    local jar="$root/eval/target/eval-0.1.0-SNAPSHOT.jar"
    local stale=0
    if [ ! -f "$jar" ] || [ ! -d "$root/eval/target/lib" ]; then
        stale=1
    elif [ -n "$(find "$root" -path "$root/runs" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) \
            -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
        stale=1
    fi
    if [ "$stale" = 1 ]; then
        echo "jemini: building (first run or sources changed)..." >&2
        local log
        log=$(mktemp)
        if ! (cd "$root" && mvn -B -q -ntp install -DskipTests >"$log" 2>&1); then
            cat "$log" >&2
            rm -f "$log"
            echo "jemini: the build failed (see above)." >&2
            exit 1
        fi
        rm -f "$log"
    fi
}

jemini_classpath() {
    local root=$1
    echo "$root/eval/target/eval-0.1.0-SNAPSHOT.jar:$root/eval/target/lib/*"
}
