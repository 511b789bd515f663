#!/usr/bin/env bash
# The service's reads beside pgbench doing the same SQL work, at 1,000,000 lineage rows (bench/README.md,
# "Reads against pgbench"). One command from the repository root:
#
#   LINEAGE_TEST_DB_SUFFIX=_mine bench/reads-vs-pgbench.sh
#
# Builds the packaged service if target/ holds no jar, creates and fills the database
# lineage_read_bench$LINEAGE_TEST_DB_SUFFIX once (1,000,000 rows in SQL, ~70 s; kept for later runs, the same
# rows as ReadBenchmark), starts `java -jar` against it with a test API key, and for each request kind and
# client count runs wrk against the service, then pgbench with the same SQL in one transaction, 10 s each.
# Prints the table and writes it to target/bench/reads-vs-pgbench.md (service logs beside it). Beside the rates,
# each row says where the machine's CPU went, per request or transaction, while that side was measured: the
# service's JVM (/proc/<pid>/stat), the load generator (wrk or pgbench: this script's children, `times`) and the
# rest (all cores' busy time in /proc/stat minus both: PostgreSQL and the kernel's networking, mostly). The audit
# checkpointer runs hourly here: every minute it would sequence and hash the audit rows pgbench wrote too, in
# whichever service and slice it happened to land (its own cost: bench/README.md, "Audit log"). Installs wrk
# and pgbench (Debian 12: package postgresql-15, the client package has no pgbench) when missing.
#
# Environment: BENCH_SECONDS (10), BENCH_CLIENTS ("1 4"), BENCH_PORT (18080), BENCH_DB, PGHOST/PGPORT/PGUSER
# (127.0.0.1 / 5432 / postgres), BENCH_WARMUP_ROUNDS (12: at most this many 10 s rounds until the JIT settles),
# JAVA_OPTS (e.g. -XX:StartFlightRecording=...), BENCH_SERVICE_ARGS (more
# --name=value for the service), BENCH_JARS (default: the jar in target/; several, e.g. "before.jar
# target/x.jar", for a before/after comparison: all run at once on BENCH_PORT, +1, ...; each row measures
# every one of them in turn and then pgbench once, and each jar gets its own table). The word `floor` in
# BENCH_JARS runs, in that place, the bare JVM of src/test/java/.../bench/BareHttpReads.java (the JDK's HTTP
# server, the same SQL, JSON straight from the result set; compiled with the tests): what any JVM answering
# over HTTP costs on this machine (bench/README.md, "The floor: a bare JVM over HTTP").
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${BENCH_DB:-lineage_read_bench${LINEAGE_TEST_DB_SUFFIX:-}}"
DB="${DB//[^a-zA-Z0-9_]/_}" # a branch-named suffix such as _fix-x becomes _fix_x, as in the tests
ROWS=1000000
HOT_LEAD=00000000-0000-4000-8000-00000000beef
SECONDS_EACH="${BENCH_SECONDS:-10}"
CLIENTS="${BENCH_CLIENTS:-1 4}"
PORT="${BENCH_PORT:-18080}"
API_KEY="bench-viewer-$RANDOM$RANDOM$RANDOM"
WORK="$(mktemp -d)"
SERVICE_PIDS=()

cleanup() {
  for pid in "${SERVICE_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  mkdir -p target/bench
  for log in "$WORK"/service-*.log; do
    [[ -e "$log" ]] && cp "$log" "target/bench/reads-vs-pgbench-$(basename "$log")"
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

install_if_missing() { # command package
  command -v "$1" >/dev/null && return
  echo "installing $2 (for $1)" >&2
  local sudo=""
  [[ "$(id -u)" == 0 ]] || sudo=sudo
  $sudo apt-get install -y "$2" >/dev/null || { $sudo apt-get update -qq && $sudo apt-get install -y "$2" >/dev/null; }
}
install_if_missing wrk wrk
install_if_missing pgbench postgresql-15

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

if [[ -z "${BENCH_JARS:-}" ]]; then
  ls target/lineage-panel-*.jar >/dev/null 2>&1 || ./mvnw -B -q -DskipTests -Djacoco.skip=true package
  BENCH_JARS="$(ls target/lineage-panel-*.jar | head -1)"
fi

if [[ -z "$(psql -X -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]]; then
  psql -X -q -d postgres -c "CREATE DATABASE $DB"
fi

start_service() { # index jar: the service on port PORT+index
  local port=$((PORT + $1))
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is already taken: set BENCH_PORT" >&2
    exit 1
  fi
  if [[ "$2" == floor ]]; then
    java ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench/test-classpath.txt)" \
      com.leadfactory.lineage.bench.BareHttpReads "$port" "jdbc:postgresql://$PGHOST:$PGPORT/$DB" "$PGUSER" \
      "$API_KEY" >"$WORK/service-$1.log" 2>&1 &
    SERVICE_PIDS+=($!)
    return
  fi
  # classpath:routes: each jar serves the route files it was built with, not ./routes. The storage and
  # coverage gauges are refreshed hourly instead of every 5 minutes: at 1,000,000 rows the coverage query
  # alone takes about a second of the database's time, which would land in some runs and not others. Every
  # jar signs the kept database's audit log with the tests' committed key: one made per run would not verify
  # the log's last checkpoint, and the service refuses to sign (or, with a key file set, to start) over it.
  java ${JAVA_OPTS:-} -jar "$2" --server.port="$port" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
    --lineage.routes.location=classpath:routes --lineage.demo.enabled=false --lineage.reconcile.enabled=false \
    --lineage.retention.storage-check-interval=1h --lineage.audit.checkpoint-interval=1h \
    --lineage.audit.signing-key-file=src/test/resources/test-audit-signing-key.pem \
    '--lineage.security.clients[0].name=bench-viewer' "--lineage.security.clients[0].api-key=$API_KEY" \
    '--lineage.security.clients[0].roles=viewer' ${BENCH_SERVICE_ARGS:-} >"$WORK/service-$1.log" 2>&1 &
  SERVICE_PIDS+=($!)
}

await_service() { # index
  local port=$((PORT + $1)) pid="${SERVICE_PIDS[$1]}" probe=/api/lineage/search?limit=1
  [[ "${JARS[$1]}" != floor ]] || probe=/api/me
  for _ in $(seq 240); do
    if curl -sf -o /dev/null -H "X-API-Key: $API_KEY" "http://127.0.0.1:$port$probe"; then
      return
    fi
    kill -0 "$pid" 2>/dev/null || { tail -40 "$WORK/service-$1.log" >&2; exit 1; }
    sleep 1
  done
  echo "the service on port $port did not answer within 240 s; its log:" >&2
  tail -40 "$WORK/service-$1.log" >&2
  exit 1
}

# every jar's service at once (an idle JVM costs next to nothing), so that each table row measures them
# back to back beside one pgbench run instead of minutes apart on a machine whose load drifts
read -r -a JARS <<<"$BENCH_JARS"
if [[ " ${JARS[*]} " == *" floor "* ]]; then
  ./mvnw -B -q test-compile -Djacoco.skip=true -Dspotless.check.skip=true
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/test-classpath.txt >/dev/null
fi
for i in "${!JARS[@]}"; do
  start_service "$i" "${JARS[$i]}"
  await_service "$i" # one at a time: the first start migrates an empty database
done
ROWS_THERE="$(psql_db -Atc "SELECT COUNT(*) FROM report_lineage WHERE capture_source = 'bench'")"
if [[ "$ROWS_THERE" == 0 ]]; then
  echo "generating $ROWS lineage rows in $DB (once)" >&2
  psql_db -v rows="$ROWS" -f bench/pgbench/generate-million.sql >/dev/null
  psql_db -c "VACUUM ANALYZE report_lineage" -c "VACUUM ANALYZE d6_report_generations"
elif [[ "$ROWS_THERE" != "$ROWS" ]]; then
  echo "$DB holds $ROWS_THERE generated rows, not $ROWS: drop it to regenerate" >&2
  exit 1
fi

# the same request mix on both sides: every report id of the generator; 99 pages spread over the hot lead's
# 10,000 reports (the cursor after its 100th, 200th, ... 9,900th newest row)
psql_db -Atc "SELECT '/api/lineage/' || CAST(md5('r' || i) AS UUID) FROM generate_series(1, $ROWS) AS i" \
  >"$WORK/lookup.paths"
psql_db -At -F ' ' >"$WORK/cursors" <<SQL
WITH hot AS (
    SELECT created_at, id, row_number() OVER (ORDER BY created_at DESC, id DESC) AS n
    FROM report_lineage WHERE lead_id = '$HOT_LEAD')
SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), id
FROM hot WHERE n % 100 = 0 AND n < 10000 ORDER BY n
SQL
: >"$WORK/search.paths"
PAGE_SCRIPTS=()
while read -r after after_id; do
  cursor="$(printf 'v1|%s|%s' "$after" "$after_id" | base64 -w0 | tr '+/' '-_' | tr -d '=')"
  echo "/api/lineage/search?lead_id=$HOT_LEAD&limit=50&cursor=$cursor" >>"$WORK/search.paths"
  script="$WORK/search-page-${#PAGE_SCRIPTS[@]}.sql"
  # pgbench would read the colons of 14:41:46 as variables: ISO 8601 basic format has none
  sed -e "s/@LEAD@/$HOT_LEAD/g" -e "s/@AFTER@/${after//[-:]/}/g" -e "s/@AFTER_ID@/$after_id/g" \
    bench/pgbench/search-page.sql.in >"$script"
  PAGE_SCRIPTS+=(-f "$script")
done <"$WORK/cursors"
echo "/api/me" >"$WORK/me.paths"

# A measurement is ROUNDS slices of SECONDS_EACH / ROUNDS seconds; the sides take turns slice by slice, so a
# change in the machine's load (other processes, other disks' fsyncs) hits every side alike. The slices' latency
# histograms (wrk) and transaction logs (pgbench) are merged before the percentiles are taken.

run_wrk() { # service-index paths-file clients seconds out-file
  BENCH_PATHS="$2" BENCH_API_KEY="$API_KEY" BENCH_OUT="$5" BENCH_CONNECTIONS="$3" wrk -t1 -c"$3" -d"$4"s --timeout 10s \
    -s bench/wrk/requests.lua "http://127.0.0.1:$((PORT + $1))" >/dev/null
}

wrk_result() { # out-file -> "rate p50 p99 failed"
  # a socket error alone is Tomcat closing a keep-alive connection after 100 requests (wrk reconnects);
  # non-2xx answers and timeouts are failures
  local totals percentiles
  totals="$(grep '^WRK ' "$1" | awk '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); s[kv[1]] += kv[2] } }
    END { printf "%.1f %d", s["requests"] / (s["us"] / 1e6), s["non2xx"] + s["timeouts"] }')"
  percentiles="$(grep -v '^WRK ' "$1" | sort -n -k1,1 | awk '
    { value[NR] = $1; count[NR] = $2; total += $2 }
    END {
      for (i = 1; i <= NR; i++) {
        seen += count[i]
        if (p50 == "" && seen >= total * 0.50) p50 = value[i]
        if (p99 == "" && seen >= total * 0.99) p99 = value[i]
      }
      printf "%.2f %.2f", p50 / 1000, p99 / 1000
    }')"
  read -r rate failed <<<"$totals"
  echo "$rate $percentiles $failed"
}

run_pgbench() { # clients seconds log-dir script-args...
  local clients="$1" seconds="$2" logdir="$3" out
  shift 3
  mkdir -p "$logdir"
  out="$(pgbench -n -M prepared -c "$clients" -j 1 -T "$seconds" -D rows="$ROWS" -l \
    --log-prefix="$logdir/tx$RANDOM" "$@" "$DB" 2>&1)" || { echo "$out" >&2; return 1; }
  if grep -q 'number of failed transactions: [1-9]' <<<"$out"; then
    echo "$out" >&2
    return 1
  fi
  # the run's seconds without connection set-up: transactions / tps
  awk '/^number of transactions actually processed:/ { n = $NF } /^tps = / { t = $3 } END { print n / t }' \
    <<<"$out" >>"$logdir/seconds"
}

pgbench_result() { # log-dir -> "tps p50 p99"
  local logdir="$1" seconds
  seconds="$(awk '{ s += $1 } END { print s }' "$logdir/seconds")"
  # the per-transaction log: client, transaction, latency in microseconds, ...
  cat "$logdir"/tx* | awk '{ print $3 }' | sort -n | awk -v seconds="$seconds" '
    { v[NR] = $1 }
    END { printf "%.1f %.2f %.2f\n", NR / seconds, v[int(NR * 0.50 + 0.5)] / 1000, v[int(NR * 0.99 + 0.5)] / 1000 }'
}

fmt_row() { # label clients "rate p50 p99 failed jvm wrk rest" "tps p50 p99 pgbench rest" (empty: no pgbench)
  local label="$1" rate sp50 sp99 failed jvm wrk rest
  read -r rate sp50 sp99 failed jvm wrk rest <<<"$3"
  [[ "$failed" == 0 ]] || label="$label ($failed non-2xx or timed out)"
  if [[ -z "$4" ]]; then
    printf '| %s | %s | %.0f | – | – | %.1f / %.1f | – | %s / %s / %s | – |\n' "$label" "$2" "$rate" "$sp50" "$sp99" \
      "$jvm" "$wrk" "$rest"
    return
  fi
  read -r tps pp50 pp99 pgbench prest <<<"$4"
  printf '| %s | %s | %.0f | %.0f | %.2f | %.1f / %.1f | %.1f / %.1f | %s / %s / %s | %s / %s |\n' \
    "$label" "$2" "$rate" "$tps" "$(awk -v a="$rate" -v b="$tps" 'BEGIN { print a / b }')" "$sp50" "$sp99" "$pp50" "$pp99" \
    "$jvm" "$wrk" "$rest" "$pgbench" "$prest"
}

TABLE="$WORK/table.md"
{
  echo "reads vs pgbench: $(psql_db -Atc "SELECT COUNT(*) FROM report_lineage") lineage rows," \
    "$(psql_db -Atc "SELECT COUNT(*) FROM report_lineage_audit") audit rows, PostgreSQL" \
    "$(psql_db -Atc 'SHOW server_version'), $(nproc) cores, ${SECONDS_EACH} s each, $(date -u +%FT%TZ)"
} >"$TABLE"

# warm-up, not counted: the pool, the plan caches, the buffer cache and above all the JIT. A fresh JVM's C2
# compiler keeps compiling for a minute or more on 2 shared cores, and every millisecond it takes is a millisecond
# the requests do not get (bench/README.md, "Measured warm"): each service gets rounds of all three request kinds
# until its compiler threads used under 2 % of a round, at most BENCH_WARMUP_ROUNDS (12) rounds of 10 s.
jit_cpu_ms() { # pid -> CPU milliseconds used so far by the JVM's JIT compiler threads
  local task ticks=0
  for task in /proc/"$1"/task/*; do
    [[ "$(cat "$task/comm" 2>/dev/null)" == C[12]\ CompilerThre* ]] || continue
    ticks=$((ticks + $(awk '{ print $14 + $15 }' "$task/stat")))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}
WARMUP_ROUNDS="${BENCH_WARMUP_ROUNDS:-12}"
for i in "${!JARS[@]}"; do
  for round in $(seq "$WARMUP_ROUNDS"); do
    jit_before="$(jit_cpu_ms "${SERVICE_PIDS[$i]}")"
    run_wrk "$i" "$WORK/lookup.paths" 4 4 /dev/null
    run_wrk "$i" "$WORK/search.paths" 4 4 /dev/null
    run_wrk "$i" "$WORK/me.paths" 1 2 /dev/null
    jit_ms=$(($(jit_cpu_ms "${SERVICE_PIDS[$i]}") - jit_before))
    [[ "$jit_ms" -ge 200 ]] || break
  done
  echo "warm-up of ${JARS[$i]}: $round round(s) of 10 s; JIT compiler CPU in the last one: $jit_ms ms" >>"$TABLE"
done
run_pgbench 4 3 "$WORK/warm-up" -f bench/pgbench/lookup.sql
run_pgbench 4 3 "$WORK/warm-up" "${PAGE_SCRIPTS[@]}"

ROUNDS="${BENCH_ROUNDS:-5}"
SLICE="$((SECONDS_EACH / ROUNDS))"
[[ "$SLICE" -ge 1 ]] || { echo "BENCH_SECONDS / BENCH_ROUNDS must be at least 1 s" >&2; exit 1; }
M=0
CLK_TCK="$(getconf CLK_TCK)"
process_cpu_ms() { # pid -> CPU milliseconds the process (all its threads) used so far
  echo $(($(awk '{ print $14 + $15 }' "/proc/$1/stat") * 1000 / CLK_TCK))
}
machine_cpu_ms() { # -> CPU milliseconds all cores spent busy so far (user, nice, system, irq, softirq, steal)
  awk -v tck="$CLK_TCK" '$1 == "cpu" { print int(($2 + $3 + $4 + $7 + $8 + $9) * 1000 / tck) }' /proc/stat
}
load_generator_cpu_ms() { # -> LOAD_MS: CPU milliseconds this script's finished children (wrk, pgbench) used so far
  times >"$WORK/times" # in this shell: in a $( ) subshell `times` would count the subshell's children only
  LOAD_MS="$(awk 'NR == 2 {
    split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }' "$WORK/times")"
}
# CPU used during a side's slices, summed over the rounds: "jvm_ms load_generator_ms machine_ms" per side, in
# $WORK/m$M-cpu-<side>
count_cpu() { # side pid-or-empty before-jvm before-load-generator before-machine
  local jvm=0
  [[ -z "$2" ]] || jvm=$(($(process_cpu_ms "$2") - $3))
  load_generator_cpu_ms
  echo "$jvm $((LOAD_MS - $4)) $(($(machine_cpu_ms) - $5))" >>"$WORK/m$M-cpu-$1"
}
cpu_per_request() { # side requests -> "jvm_ms load_generator_ms rest_ms" per request (rest: the database and the kernel)
  awk -v n="$2" '{ j += $1; l += $2; m += $3 } END { printf "%.2f %.2f %.2f", j / n, l / n, (m - j - l) / n }' \
    "$WORK/m$M-cpu-$1"
}
measure() { # label paths-file clients pgbench-args... (none: no pgbench) -> one row in each jar's table
  local label="$1" paths="$2" c="$3" database="" i r jvm0 load0 machine0
  shift 3
  M=$((M + 1))
  for r in $(seq "$ROUNDS"); do
    for i in "${!JARS[@]}"; do
      load_generator_cpu_ms
      jvm0="$(process_cpu_ms "${SERVICE_PIDS[$i]}")" load0="$LOAD_MS" machine0="$(machine_cpu_ms)"
      run_wrk "$i" "$paths" "$c" "$SLICE" "$WORK/m$M-service-$i"
      count_cpu "service-$i" "${SERVICE_PIDS[$i]}" "$jvm0" "$load0" "$machine0"
    done
    if [[ $# -gt 0 ]]; then
      load_generator_cpu_ms
      load0="$LOAD_MS" machine0="$(machine_cpu_ms)"
      run_pgbench "$c" "$SLICE" "$WORK/m$M-pgbench" "$@"
      count_cpu pgbench "" 0 "$load0" "$machine0"
    fi
  done
  if [[ $# -gt 0 ]]; then
    database="$(pgbench_result "$WORK/m$M-pgbench")"
    database="$database $(cpu_per_request pgbench "$(cat "$WORK/m$M-pgbench"/tx* | wc -l)" | cut -d' ' -f2-)"
  fi
  for i in "${!JARS[@]}"; do
    local service
    service="$(wrk_result "$WORK/m$M-service-$i")"
    service="$service $(cpu_per_request "service-$i" "$(awk '/^WRK / { for (f = 2; f <= NF; f++) { split($f, kv, "="); if (kv[1] == "requests") n += kv[2] } } END { print n }' "$WORK/m$M-service-$i")")"
    fmt_row "$label" "$c" "$service" "$database" >>"$WORK/rows-$i"
    grep -q '^WRK .*non2xx=[1-9]\|^WRK .*timeouts=[1-9]' "$WORK/m$M-service-$i" \
      && grep '^WRK ' "$WORK/m$M-service-$i" | sed "s|^|$label, $c clients, ${JARS[$i]}: |" >>"$WORK/failures"
  done
  return 0
}
echo "$ROUNDS slices of $SLICE s a side, taking turns; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$TABLE"
for c in $CLIENTS; do measure "lookup by report id" "$WORK/lookup.paths" "$c" -f bench/pgbench/lookup.sql; done
for c in $CLIENTS; do measure "search page (lead, 50)" "$WORK/search.paths" "$c" "${PAGE_SCRIPTS[@]}"; done
for c in $CLIENTS; do measure "\`GET /api/me\` (no database)" "$WORK/me.paths" "$c"; done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$TABLE"
for i in "${!JARS[@]}"; do
  {
    echo
    if [[ "${JARS[$i]}" == floor ]]; then
      echo "service: the floor, \`java ${JAVA_OPTS:-} com.leadfactory.lineage.bench.BareHttpReads\` (not the service)"
    else
      echo "service: \`java ${JAVA_OPTS:-} -jar ${JARS[$i]}\`"
    fi
    echo
    echo "| request | clients | service req/s | pgbench tx/s | ratio | service p50 / p99 ms | pgbench p50 / p99 ms | service CPU ms/req: JVM / wrk / rest | pgbench CPU ms/tx: pgbench / rest |"
    echo "|---|---|---|---|---|---|---|---|---|"
    cat "$WORK/rows-$i"
  } >>"$TABLE"
done

if [[ -s "$WORK/failures" ]]; then
  { echo; echo "Runs with requests that failed (non-2xx, or no answer within 10 s):"; sed 's/^/    /' "$WORK/failures"; } \
    >>"$TABLE"
fi
mkdir -p target/bench
cp "$TABLE" target/bench/reads-vs-pgbench.md
cat "$TABLE"
