-- wrk script for bench/reads-vs-pgbench.sh: each request picks a random line of the file named by the
-- environment variable BENCH_PATHS (one request path a line: lookups by report id, or search pages with their
-- cursor) and sends it with the API key in BENCH_API_KEY. done() prints one machine-readable line.
local paths = {}

init = function(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time())
  wrk.headers["X-API-Key"] = os.getenv("BENCH_API_KEY")
  wrk.headers["User-Agent"] = "wrk (bench/reads-vs-pgbench.sh)"
end

request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("WRK requests=%d seconds=%.3f rate=%.1f p50_ms=%.2f p99_ms=%.2f failed=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed))
end
