-- wrk script: GET /skill-gap for a random (from, to) pair of occupations that have skill ratings.
-- codes.lua (written by run.sh from the release's Skills.txt) defines the table `codes` (bench/wrk-codes.lua).
local dir = debug.getinfo(1, "S").source:match("@(.*/)") or "./"
local random_code = dofile(dir .. "../wrk-codes.lua")(dir)

function request()
  return wrk.format("GET", "/skill-gap?from=" .. random_code() .. "&to=" .. random_code())
end
