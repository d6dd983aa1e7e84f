# Sourced by the scripts after jdk.sh: builds the project quietly when needed and runs it from a
# snapshot, so that rebuilding never swaps jars under a run that is still going.
#
# Each build's runnable jars are copied into .jemini-dist/<build>/ and the link
# .jemini-dist/current is switched to it atomically; a started JVM keeps reading its own snapshot.

jemini_ensure_built() {
    local root=$1
    local dist=$root/.jemini-dist
    local stamp=$dist/current/eval.jar
    local stale=0
    if [ ! -f "$stamp" ] || [ ! -f "$dist/current/cluster/cluster.jar" ]; then
        stale=1
    elif [ -n "$(find "$root" \( -path "$root/runs" -o -path "$dist" \) -prune -o \( -name pom.xml -o -path '*/src/main/*' \) \
            -newer "$stamp" -type f -print -quit 2>/dev/null)" ]; then
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
        local build
        build=$dist/$(date +%Y%m%d%H%M%S)-$$
        mkdir -p "$build/lib"
        cp "$root"/eval/target/eval-0.1.0-SNAPSHOT.jar "$build/eval.jar"
        cp "$root"/eval/target/lib/*.jar "$build/lib/"
        mkdir -p "$build/cluster"
        cp "$root"/cluster/target/cluster.jar "$build/cluster/"
        cp "$root"/cluster/target/lib/*.jar "$build/cluster/"
        ln -sfn "$(basename "$build")" "$dist/current.new"
        mv -T "$dist/current.new" "$dist/current"
        # Older snapshots may still serve runs in progress; keep the last five.
        ls -1d "$dist"/2* 2>/dev/null | sort | head -n -5 | xargs -r rm -rf
    fi
}

# The class path of a snapshot; with a second argument "cluster", Spark and Jemini's cluster module too.
jemini_classpath() {
    local root=$1
    local current
    current=$(readlink -f "$root/.jemini-dist/current")
    if [ "${2:-}" = cluster ]; then
        echo "$current/eval.jar:$current/lib/*:$current/cluster/*"
    else
        echo "$current/eval.jar:$current/lib/*"
    fi
}
