# Sourced by the scripts: selects a JDK >= 21 into JAVA_HOME and sets Maven's options.
# JAVA_HOME is kept when it is new enough; otherwise the newest JDK under /usr/lib/jvm is used.

jemini_java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

jemini_select_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        local major
        major=$(jemini_java_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            return 0
        fi
    fi
    local best="" best_major=0 dir major
    for dir in /usr/lib/jvm/*/; do
        dir=${dir%/}
        [ -x "$dir/bin/javac" ] || continue
        major=$(jemini_java_major "$dir")
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best=$dir
            best_major=$major
        fi
    done
    if [ -z "$best" ]; then
        echo "jemini: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm)." >&2
        echo "jemini: install one, e.g. 'apt-get install openjdk-21-jdk-headless', or point JAVA_HOME at it." >&2
        return 1
    fi
    export JAVA_HOME=$best
}

jemini_select_jdk || exit 2
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8 calls sun.misc.Unsafe, which JDK 24+ warns about on every run.
if [ "$(jemini_java_major "$JAVA_HOME")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
