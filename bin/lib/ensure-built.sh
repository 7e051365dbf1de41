# Sourced by the bin/ commands: builds a module's jar, with the modules it needs, when the jar is missing or when
# any pom or main source of the project is newer than it, so a command never runs code older than the checkout.
# Usage: ensure_built MODULE JAR "what to say on the first build"
ensure_built() {
  local module="$1" jar="$2" first="$3"
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if [[ ! -f "$jar" ]]; then
    echo "$first" >&2
  elif [[ -n "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -print -quit \
                2>/dev/null)" ]]; then
    echo "Rebuilding $module: sources changed since $(basename "$jar") was built..." >&2
  else
    return 0
  fi
  (cd "$root" && ./mvnw -q -B -pl "$module" -am package -DskipTests) >&2
  # Maven leaves a jar whose own module did not change as it was: mark it current, its lib/ was refreshed
  touch "$jar"
}
