#!/usr/bin/env bash
# Install verification: does what `mvn install` publishes work for a user who depends on one module?
#
#  1. installs the whole reactor (-DskipTests) into a FRESH temporary local Maven repository;
#  2. checks that every library module's jar landed there (and its -sources/-javadoc jars when
#     REQUIRE_ATTACHED_JARS=1);
#  3. builds each consumer project under scripts/verify-install/ against that repository alone.
#     A consumer imports ithaca-bom and depends on one module (callbacks + loops together) plus
#     ithaca-backend-cpu, and its main calls the module's public API and checks the result;
#  4. runs the backend-selection consumer with the backend chosen only by configuration
#     (-Dithaca.backend, ITHACA_BACKEND, new IthacaModule(name)) and with a backend that is not
#     installed, which must be refused with a clear message;
#  5. runs one consumer with its module's jar removed, to prove a missing class is reported as
#     "module X: missing class Y";
#  6. prints a summary table and exits non-zero if any row failed.
#
# Repository seeding: by default the fresh repository starts as a copy of ~/.m2/repository WITHOUT
# dev/ithaca. Third-party artifacts (OpenBLAS, Guice, plugins) are then not downloaded again, while
# every dev.ithaca artifact the consumers see comes from this install. OFFLINE=auto (default) runs
# Maven offline when the seed already holds maven-dependency-plugin 3.8.1 (the only plugin the
# consumers add), else online to fetch what is missing; OFFLINE=1 / OFFLINE=0 force either.
# SEED=none starts from an empty repository and goes online (a true first-time user; downloads
# about 700 MB). KEEP_TMP=1 keeps the temporary directory for inspection.
#
# On a machine where several builds share the module target/ folders, run it under the build lock:
#   flock /tmp/mvn.lock ./scripts/verify-install.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CONSUMERS_SRC="$ROOT/scripts/verify-install"
SEED="${SEED:-m2}"
REQUIRE_ATTACHED_JARS="${REQUIRE_ATTACHED_JARS:-0}"
OFFLINE="${OFFLINE:-auto}"
if [[ "$OFFLINE" != auto && "$OFFLINE" != 1 && "$OFFLINE" != 0 ]]; then
  echo "verify-install: OFFLINE must be auto, 1 or 0, got '$OFFLINE'" >&2
  exit 1
fi
# the consumers' runtime classpath comes from this plugin (scripts/verify-install/pom.xml)
CONSUMER_PLUGIN_JAR=org/apache/maven/plugins/maven-dependency-plugin/3.8.1/maven-dependency-plugin-3.8.1.jar
LIBRARY_MODULES=(core backend-cpu backend-cuda backend-tck optimizers schedulers metrics callbacks loops data models cli)

for tool in java mvn tar; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "verify-install: '$tool' is not on PATH; install JDK 17+ and Maven 3.8+ first" >&2
    exit 1
  fi
done

# the reactor's version: the first <version> after ithaca-parent's artifactId in the root pom
VERSION="$(awk '/<artifactId>ithaca-parent<\/artifactId>/ {found=1} found && /<version>/ {gsub(/.*<version>|<\/version>.*/, ""); print; exit}' "$ROOT/pom.xml")"
if [[ -z "$VERSION" ]]; then
  echo "verify-install: could not read the version of ithaca-parent from $ROOT/pom.xml" >&2
  exit 1
fi

elapsed() { # seconds since $1 (an EPOCHREALTIME value), one decimal
  awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}

TMP="$(mktemp -d -t ithaca-verify-install.XXXXXX)"
if [[ "${KEEP_TMP:-0}" == 1 ]]; then
  echo "verify-install: keeping $TMP"
else
  trap 'rm -rf "$TMP"' EXIT
fi
REPO="$TMP/repo"
LOGS="$TMP/logs"
mkdir -p "$REPO" "$LOGS"

START=$EPOCHREALTIME
MVN=(mvn -B -q "-Dmaven.repo.local=$REPO")
case "$SEED" in
  m2)
    if [[ -d "$HOME/.m2/repository" ]]; then
      t=$EPOCHREALTIME
      tar -C "$HOME/.m2/repository" --exclude=./dev/ithaca -cf - . | tar -C "$REPO" -xf -
      SEEDED="seeded from ~/.m2/repository without dev/ithaca in $(elapsed "$t") s"
      # offline unless the seed lacks the one plugin only the consumers use (a fresh CI machine after `mvn verify`)
      if [[ "$OFFLINE" == 1 || ( "$OFFLINE" == auto && -f "$REPO/$CONSUMER_PLUGIN_JAR" ) ]]; then
        MVN+=(-o)
        SEEDED+=", offline"
      else
        SEEDED+=", online for what is missing"
      fi
    else
      echo "verify-install: no ~/.m2/repository to seed from; starting empty and online"
    fi
    ;;
  none) ;;
  *)
    echo "verify-install: SEED must be 'm2' (copy ~/.m2/repository minus dev/ithaca, offline) or 'none' (empty, online), got '$SEED'" >&2
    exit 1
    ;;
esac

ROWS=()
FAILED=0

row() { # check, status, seconds, detail
  ROWS+=("$1|$2|$3|$4")
  if [[ "$2" != PASS ]]; then
    FAILED=1
  fi
}

# ---- 1. install ------------------------------------------------------------------------------
echo "verify-install: installing Ithaca $VERSION into $REPO (seed: $SEED)"
t=$EPOCHREALTIME
if ! (cd "$ROOT" && "${MVN[@]}" install -DskipTests) >"$LOGS/install.log" 2>&1; then
  cat "$LOGS/install.log" >&2
  echo "verify-install: 'mvn install' of the reactor failed (log above)" >&2
  exit 1
fi
row "mvn install (reactor)" PASS "$(elapsed "$t")" "installed into a fresh local repository (${SEEDED:-empty, online})"

# ---- 2. artifacts ----------------------------------------------------------------------------
for module in "${LIBRARY_MODULES[@]}"; do
  dir="$REPO/dev/ithaca/ithaca-$module/$VERSION"
  missing=()
  [[ -f "$dir/ithaca-$module-$VERSION.jar" ]] || missing+=("jar")
  attached="sources+javadoc jars"
  for kind in sources javadoc; do
    if [[ ! -f "$dir/ithaca-$module-$VERSION-$kind.jar" ]]; then
      attached="no sources/javadoc jars (not required)"
      if [[ "$REQUIRE_ATTACHED_JARS" == 1 ]]; then
        missing+=("$kind jar")
      fi
    fi
  done
  if ((${#missing[@]} == 0)); then
    row "artifact ithaca-$module" PASS "-" "jar, $attached"
  else
    row "artifact ithaca-$module" FAIL "-" "module ithaca-$module: missing ${missing[*]} in $dir"
  fi
done
if [[ ! -f "$REPO/dev/ithaca/ithaca-bom/$VERSION/ithaca-bom-$VERSION.pom" ]]; then
  row "artifact ithaca-bom" FAIL "-" "module ithaca-bom: missing ithaca-bom-$VERSION.pom"
fi

# ---- 3-5. consumers --------------------------------------------------------------------------
# built in a copy, so the source tree gets no target/ folders
cp -r "$CONSUMERS_SRC" "$TMP/consumers"

build_consumer() { # name -> 0 when its classes and runtime classpath exist
  local name="$1" t=$EPOCHREALTIME
  if (cd "$TMP/consumers/$name" && "${MVN[@]}" compile "-Dithaca.version=$VERSION") >"$LOGS/build-$name.log" 2>&1; then
    row "build consumer $name" PASS "$(elapsed "$t")" "compiled against ithaca-bom $VERSION"
    return 0
  fi
  local cause
  cause="$(grep -m1 -E 'ERROR.*(Could not|cannot find symbol|does not exist|Failed)' "$LOGS/build-$name.log" | cut -c1-160 || true)"
  row "build consumer $name" FAIL "$(elapsed "$t")" "${cause:-mvn compile failed, see below}"
  sed 's/^/    /' "$LOGS/build-$name.log" | tail -40 >&2
  return 1
}

classpath_of() { # name
  echo "$TMP/consumers/$1/target/classes:$(cat "$TMP/consumers/$1/target/runtime-classpath.txt")"
}

run_consumer() { # label, expected exit code, classpath, main class, [VAR=value...] [-- -Dprop=value... program args...]
  local label="$1" expected="$2" cp="$3" main="$4"; shift 4
  local envs=()
  while (($#)) && [[ "$1" != -- ]]; do envs+=("$1"); shift; done
  (($#)) && shift
  local jvm=() program=()
  for arg in "$@"; do
    if [[ "$arg" == -D* ]]; then jvm+=("$arg"); else program+=("$arg"); fi
  done
  local t=$EPOCHREALTIME log="$LOGS/run-${label//[^A-Za-z0-9]/_}.log" code=0
  env -u ITHACA_BACKEND "${envs[@]}" java -Xmx256m "${jvm[@]}" -cp "$cp" "$main" "${program[@]}" >"$log" 2>&1 || code=$?
  local line
  line="$(grep -m1 '^module ' "$log" || echo "no result line (exit $code): $(tail -1 "$log")")"
  if [[ "$code" == "$expected" ]]; then
    row "$label" PASS "$(elapsed "$t")" "$line"
  else
    row "$label" FAIL "$(elapsed "$t")" "exit $code, expected $expected: $line"
    sed 's/^/    /' "$log" | tail -30 >&2
  fi
}

declare -A MAIN=(
  [optimizers]=dev.ithaca.verify.OptimizersCheck
  [schedulers]=dev.ithaca.verify.SchedulersCheck
  [metrics]=dev.ithaca.verify.MetricsCheck
  [callbacks-loops]=dev.ithaca.verify.CallbacksLoopsCheck
  [data]=dev.ithaca.verify.DataCheck
  [backend-selection]=dev.ithaca.verify.BackendSelectionCheck
)
for name in optimizers schedulers metrics callbacks-loops data backend-selection; do
  build_consumer "$name" || continue
  cp="$(classpath_of "$name")"
  if [[ "$name" != backend-selection ]]; then
    run_consumer "run $name" 0 "$cp" "${MAIN[$name]}"
    continue
  fi
  main="${MAIN[$name]}"
  run_consumer "backend: -Dithaca.backend=cpu" 0 "$cp" "$main" -- -Dithaca.backend=cpu expect=cpu
  run_consumer "backend: ITHACA_BACKEND=cpu" 0 "$cp" "$main" ITHACA_BACKEND=cpu -- expect=cpu configured=nonexistent
  run_consumer "backend: new IthacaModule(\"cpu\")" 0 "$cp" "$main" -- configured=cpu expect=cpu
  run_consumer "backend: default (auto)" 0 "$cp" "$main" -- expect=cpu
  run_consumer "backend: -Dithaca.backend=cuda (absent)" 0 "$cp" "$main" -- -Dithaca.backend=cuda expect-unavailable=cuda
done

# negative control: the optimizers consumer without the ithaca-optimizers jar must name the missing class
if [[ -f "$TMP/consumers/optimizers/target/runtime-classpath.txt" ]]; then
  stripped="$(classpath_of optimizers | tr ':' '\n' | grep -v '/ithaca-optimizers-' | paste -sd: -)"
  run_consumer "control: optimizers jar removed" 2 "$stripped" dev.ithaca.verify.OptimizersCheck
  if ! grep -q '^module ithaca-optimizers: missing class dev.ithaca.optim.SGD' "$LOGS"/run-control*.log; then
    row "control: message" FAIL "-" "expected 'module ithaca-optimizers: missing class dev.ithaca.optim.SGD'"
  fi
fi

# ---- 6. summary ------------------------------------------------------------------------------
echo
printf '%-42s %-6s %7s  %s\n' "check" "result" "seconds" "detail"
printf '%-42s %-6s %7s  %s\n' "-----" "------" "-------" "------"
for r in "${ROWS[@]}"; do
  IFS='|' read -r check status seconds detail <<<"$r"
  printf '%-42s %-6s %7s  %s\n' "$check" "$status" "$seconds" "${detail:0:150}"
done
echo
if ((FAILED)); then
  echo "verify-install: FAILED (see the rows marked FAIL; logs above)" >&2
  exit 1
fi
echo "verify-install: all checks passed in $(elapsed "$START") s (Ithaca $VERSION)"
