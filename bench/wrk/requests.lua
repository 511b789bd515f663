-- wrk script for bench/reads-vs-pgbench.sh: each request picks a random line of the file named by the
-- environment variable BENCH_PATHS (one request path a line: lookups by report id, or search pages with their
-- cursor) and sends it with the API key in BENCH_API_KEY. done() appends one summary line and the latency
-- histogram ("value_us count" lines) to the file named by BENCH_OUT, so that several runs can be merged.
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
  local out = io.open(os.getenv("BENCH_OUT"), "a")
  out:write(string.format("WRK requests=%d us=%d non2xx=%d timeouts=%d socket=%d\n",
      summary.requests, summary.duration, summary.errors.status, summary.errors.timeout,
      summary.errors.connect + summary.errors.read + summary.errors.write))
  for i = 1, #latency do
    local value, count = latency(i)
    out:write(string.format("%d %d\n", value, count))
  end
  out:close()
end
