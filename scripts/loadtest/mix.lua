-- mix.lua: the request mix of scripts/loadtest/run for wrk (Apache-2.0, ties).
--
-- Rotates over the API endpoints and the dashboard (each connection starts at
-- a different point), counts answers by class in every thread, and prints one
-- machine-readable RESULT line at the end. Two requests are wrong on purpose
-- (an unknown article, a bad limit); their 4xx answers carry the marker
-- "loadtest-expected" in the error message and are counted apart, so any
-- other 4xx is a failure.
--
-- wrk args (after --): article ids to fetch; "web" adds the dashboard pages.

local paths = {
  "/api/health",
  "/api/stats",
  "/api/articles?limit=20",
  "/api/articles?q=Kazakhstan",
  "/api/articles?q=tourism%20OR%20trade&limit=5",
  "/api/articles?country=KAZ&limit=10",
  "/api/articles?from=2025-01-01&to=2025-12-31&limit=50",
  "/api/quotes?limit=20",
  "/api/quotes?country=KAZ&limit=10",
  "/api/quotes?q=cooperation",
  "/api/entities?type=PERSON&limit=50",
  "/api/entities?name=Kazakh",
  "/api/dyads/KAZ/CHN/series?by=month",
  "/api/dyads/CHN/USA/series?by=week",
  "/api/network?limit=50",
  "/api/themes",
  "/api/articles?format=csv&limit=100",
  "/api/articles/loadtest-expected-404",
  "/api/articles?limit=loadtest-expected-400",
}

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for _, arg in ipairs(args) do
    if arg == "web" then
      table.insert(paths, "/")
      table.insert(paths, "/api/openapi.json")
    else
      table.insert(paths, "/api/articles/" .. arg)
    end
  end
  counter = math.random(#paths)
  ok, expected4xx, other4xx, server5xx, other = 0, 0, 0, 0, 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[counter % #paths + 1])
end

function response(status, headers, body)
  if status < 400 then
    ok = ok + 1
  elseif status >= 500 then
    server5xx = server5xx + 1
  elseif body ~= nil and string.find(body, "loadtest-expected", 1, true) then
    expected4xx = expected4xx + 1
  else
    other4xx = other4xx + 1
  end
end

function done(summary, latency, requests)
  local sums = {ok = 0, expected4xx = 0, other4xx = 0, server5xx = 0}
  for _, t in ipairs(threads) do
    for name, _ in pairs(sums) do sums[name] = sums[name] + (t:get(name) or 0) end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f ok=%d expected_4xx=%d other_4xx=%d server_5xx=%d " ..
    "connect_errors=%d read_errors=%d write_errors=%d timeouts=%d " ..
    "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, seconds, summary.requests / seconds, sums.ok, sums.expected4xx, sums.other4xx,
    sums.server5xx, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
