-- wrk script for bench/reads-vs-pgbench.sh: each request picks a random line of the file named by the
-- environment variable BENCH_PATHS (one request path a line: lookups by report id, or search pages with their
-- cursor) and sends it with the API key in BENCH_API_KEY. done() appends one summary line and the latency
-- histogram ("value_us count" lines) to the file named by BENCH_OUT, so that several runs can be merged;
-- BENCH_CONNECTIONS is wrk's -c.
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

-- wrk 4 "corrects" its latency histogram for coordinated omission before done() sees it: for every recorded
-- latency above twice the mean interval between requests of a connection it adds synthetic samples (value minus
-- one interval, minus two, ...). pgbench's log has no such samples, so undo it: process values from the top,
-- removing the synthetic copies each real sample added below it (the interval as wrk computes it).
local function uncorrected(summary, latency)
  local connections = tonumber(os.getenv("BENCH_CONNECTIONS"))
  local per_connection = math.floor(summary.requests / connections)
  local counts, values = {}, {}
  for i = 1, #latency do
    local value, count = latency(i)
    counts[value] = count
    values[#values + 1] = value
  end
  if per_connection == 0 then
    return counts, values
  end
  local interval = math.floor(summary.duration / per_connection)
  for i = #values, 1, -1 do
    local value = values[i]
    local real = counts[value]
    if value >= 2 * interval and real > 0 then
      local m = value - interval
      while m > interval do
        if counts[m] then
          counts[m] = counts[m] - real
        end
        m = m - interval
      end
    end
  end
  return counts, values
end

done = function(summary, latency, requests)
  local out = io.open(os.getenv("BENCH_OUT"), "a")
  out:write(string.format("WRK requests=%d us=%d non2xx=%d timeouts=%d socket=%d\n",
      summary.requests, summary.duration, summary.errors.status, summary.errors.timeout,
      summary.errors.connect + summary.errors.read + summary.errors.write))
  local counts, values = uncorrected(summary, latency)
  for _, value in ipairs(values) do
    if counts[value] > 0 then
      out:write(string.format("%d %d\n", value, counts[value]))
    end
  end
  out:close()
end
