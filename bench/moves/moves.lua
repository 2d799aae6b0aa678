-- wrk script: GET /occupations/{code}/moves?limit=10 for a random occupation that has skill ratings.
-- codes.lua (written by bench/moves/run.sh from the release's Skills.txt, as bench/api does) defines `codes`.
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
  return wrk.format("GET", "/occupations/" .. codes[math.random(n)] .. "/moves?limit=10")
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
