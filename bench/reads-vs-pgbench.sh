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
# Prints the table and writes it to target/bench/reads-vs-pgbench.md. Installs wrk and pgbench (Debian 12:
# package postgresql-15, the client package has no pgbench) when missing.
#
# Environment: BENCH_SECONDS (10), BENCH_CLIENTS ("1 4"), BENCH_PORT (18080), BENCH_DB, PGHOST/PGPORT/PGUSER
# (127.0.0.1 / 5432 / postgres), JAVA_OPTS (e.g. -XX:StartFlightRecording=...), BENCH_SERVICE_ARGS (more
# --name=value for the service), BENCH_JARS (several jars, e.g. "before.jar target/x.jar": each one is
# measured in turn in the same run; pgbench runs beside every one of them).
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${BENCH_DB:-lineage_read_bench${LINEAGE_TEST_DB_SUFFIX:-}}"
ROWS=1000000
HOT_LEAD=00000000-0000-4000-8000-00000000beef
SECONDS_EACH="${BENCH_SECONDS:-10}"
CLIENTS="${BENCH_CLIENTS:-1 4}"
PORT="${BENCH_PORT:-18080}"
API_KEY="bench-viewer-$RANDOM$RANDOM$RANDOM"
WORK="$(mktemp -d)"
SERVICE_PID=""

cleanup() {
  if [[ -n "$SERVICE_PID" ]]; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
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

start_service() { # jar
  # classpath:routes: each jar serves the route files it was built with, not ./routes
  java ${JAVA_OPTS:-} -jar "$1" --server.port="$PORT" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
    --lineage.routes.location=classpath:routes --lineage.demo.enabled=false --lineage.reconcile.enabled=false \
    '--lineage.security.clients[0].name=bench-viewer' "--lineage.security.clients[0].api-key=$API_KEY" \
    '--lineage.security.clients[0].roles=viewer' ${BENCH_SERVICE_ARGS:-} >"$WORK/service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 180); do
    if curl -sf -o /dev/null -H "X-API-Key: $API_KEY" "http://127.0.0.1:$PORT/api/lineage/search?limit=1"; then
      return
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -40 "$WORK/service.log" >&2; exit 1; }
    sleep 1
  done
  echo "the service did not answer within 180 s; its log:" >&2
  tail -40 "$WORK/service.log" >&2
  exit 1
}

stop_service() {
  kill "$SERVICE_PID"
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=""
  mkdir -p target/bench
  cp "$WORK/service.log" target/bench/reads-vs-pgbench-service.log
}

# the first start migrates an empty database; then the rows are generated once
start_service "${BENCH_JARS%% *}"
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

run_wrk() { # paths-file clients seconds -> "rate p50 p99"
  local out
  out="$(BENCH_PATHS="$1" BENCH_API_KEY="$API_KEY" wrk -t1 -c"$2" -d"$3"s -s bench/wrk/requests.lua \
    "http://127.0.0.1:$PORT" | grep '^WRK ')"
  if [[ "$out" != *" failed=0" ]]; then
    echo "wrk saw failed requests: $out" >&2
    exit 1
  fi
  sed -E 's/.* rate=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+).*/\1 \2 \3/' <<<"$out"
}

run_pgbench() { # clients seconds script-args... -> "tps p50 p99"
  local clients="$1" seconds="$2" logdir="$WORK/pgbench-log"
  shift 2
  rm -rf "$logdir" && mkdir -p "$logdir"
  local out
  out="$(pgbench -n -M prepared -c "$clients" -j 1 -T "$seconds" -D rows="$ROWS" -l \
    --log-prefix="$logdir/tx" "$@" "$DB" 2>&1)" || { echo "$out" >&2; exit 1; }
  if grep -q 'number of failed transactions: [1-9]' <<<"$out"; then
    echo "$out" >&2
    exit 1
  fi
  local tps
  tps="$(sed -nE 's/^tps = ([0-9.]+) .*/\1/p' <<<"$out")"
  # the per-transaction log: client, transaction, latency in microseconds, ...
  cat "$logdir"/tx* | awk '{ print $3 }' | sort -n | awk -v tps="$tps" '
    { v[NR] = $1 }
    END { p50 = v[int(NR * 0.50 + 0.5)]; p99 = v[int(NR * 0.99 + 0.5)];
          printf "%s %.2f %.2f\n", tps, p50 / 1000, p99 / 1000 }'
}

fmt_row() { # label clients "rate p50 p99" "tps p50 p99"
  read -r rate sp50 sp99 <<<"$3"
  if [[ -z "$4" ]]; then
    printf '| %s | %s | %.0f | – | – | %.1f / %.1f | – |\n' "$1" "$2" "$rate" "$sp50" "$sp99"
    return
  fi
  read -r tps pp50 pp99 <<<"$4"
  printf '| %s | %s | %.0f | %.0f | %.2f | %.1f / %.1f | %.1f / %.1f |\n' \
    "$1" "$2" "$rate" "$tps" "$(awk -v a="$rate" -v b="$tps" 'BEGIN { print a / b }')" "$sp50" "$sp99" "$pp50" "$pp99"
}

TABLE="$WORK/table.md"
{
  echo "reads vs pgbench: $(psql_db -Atc "SELECT COUNT(*) FROM report_lineage") lineage rows," \
    "$(psql_db -Atc "SELECT COUNT(*) FROM report_lineage_audit") audit rows, PostgreSQL" \
    "$(psql_db -Atc 'SHOW server_version'), $(nproc) cores, ${SECONDS_EACH} s each, $(date -u +%FT%TZ)"
} >"$TABLE"

FIRST=1
for jar in $BENCH_JARS; do
  [[ $FIRST == 1 ]] || start_service "$jar"
  FIRST=0
  # warm-up, not counted: the JIT, the pool, the plan caches, the buffer cache
  run_wrk "$WORK/lookup.paths" 4 5 >/dev/null
  run_wrk "$WORK/search.paths" 4 5 >/dev/null
  run_pgbench 4 3 -f bench/pgbench/lookup.sql >/dev/null
  run_pgbench 4 3 "${PAGE_SCRIPTS[@]}" >/dev/null
  {
    echo
    echo "service: \`java ${JAVA_OPTS:-} -jar $jar\` (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo "| request | clients | service req/s | pgbench tx/s | ratio | service p50 / p99 ms | pgbench p50 / p99 ms |"
    echo "|---|---|---|---|---|---|---|"
  } >>"$TABLE"
  for c in $CLIENTS; do
    fmt_row "lookup by report id" "$c" "$(run_wrk "$WORK/lookup.paths" "$c" "$SECONDS_EACH")" \
      "$(run_pgbench "$c" "$SECONDS_EACH" -f bench/pgbench/lookup.sql)" >>"$TABLE"
  done
  for c in $CLIENTS; do
    fmt_row "search page (lead, 50)" "$c" "$(run_wrk "$WORK/search.paths" "$c" "$SECONDS_EACH")" \
      "$(run_pgbench "$c" "$SECONDS_EACH" "${PAGE_SCRIPTS[@]}")" >>"$TABLE"
  done
  for c in $CLIENTS; do
    fmt_row "\`GET /api/me\` (no database)" "$c" "$(run_wrk "$WORK/me.paths" "$c" "$SECONDS_EACH")" "" >>"$TABLE"
  done
  echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg))" >>"$TABLE"
  stop_service
done

mkdir -p target/bench
cp "$TABLE" target/bench/reads-vs-pgbench.md
cat "$TABLE"
