-- wrk script: GET /occupations/{code}/moves?limit=10 for a random occupation that has skill ratings.
-- codes.lua (written by bench/moves/run.sh from the release's Skills.txt, as bench/api does) defines `codes`
-- (bench/wrk-codes.lua).
local dir = debug.getinfo(1, "S").source:match("@(.*/)") or "./"
local random_code = dofile(dir .. "../wrk-codes.lua")(dir)

function request()
  return wrk.format("GET", "/occupations/" .. random_code() .. "/moves?limit=10")
end
