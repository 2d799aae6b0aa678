-- wrk script: GET /skill-gap for a random (from, to) pair of occupations that have skill ratings.
-- codes.lua (written by run.sh from the release's Skills.txt) defines the table `codes`.
local dir = debug.getinfo(1, "S").source:match("@(.*/)") or "./"
dofile(dir .. "codes.lua")
local n = #codes

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed + os.time())
end

function request()
  return wrk.format("GET", "/skill-gap?from=" .. codes[math.random(n)] .. "&to=" .. codes[math.random(n)])
end

function response(status, headers, body)
  if status ~= 200 then
    bad = (bad or 0) + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
