# Shared by bin/ scripts: find a JDK >= 21 and the project root. Source it; do not run it.

ISLA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Prints the home of the newest JDK >= 21: $JAVA_HOME if it qualifies, else one under /usr/lib/jvm.
isla_java_home() {
  local best="" best_major=0 candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -r "$candidate/release" ] || continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$candidate/release")
    [ -n "$major" ] || continue
    if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"; return 0
    fi
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "isla: no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*)." >&2
    echo "isla: install one (e.g. 'apt-get install -y openjdk-21-jdk-headless' or Temurin 25) or set JAVA_HOME." >&2
    return 1
  fi
  echo "$best"
}

# True when a module's build output is missing or older than any source or pom.
isla_stale() {
  local stamp="$1"
  [ -f "$stamp" ] || return 0
  [ -n "$(find "$ISLA_ROOT" -path "$ISLA_ROOT/.git" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit 2>/dev/null)" ]
}

# JVM flags of the long-running server (bin/isla up, the server 'start' launches, the registry in
# bench/registry.sh). The live heap is small (about 5 MB for the registry under load, live after
# each young GC), so the footprint is whatever the collector lets grow: a 16 MiB young
# generation and a 32 MiB starting heap keep it near the live set (Serial: one thread, no
# per-thread GC structures), while the heap may still grow to the JVM's default maximum when
# the live set does. docs/BENCHMARKS.md "Registry memory" has the figures.
ISLA_SERVER_JVM_FLAGS="-XX:+UseSerialGC -Xms32m -Xmn16m"
