-- Shared by bench/'s wrk scripts (bench/api/pairs.lua, bench/moves/moves.lua): loads the table `codes` of the
-- occupations that have skill ratings from codes.lua in the script's folder (written there by its run.sh from the
-- release's Skills.txt), seeds each wrk thread, and prints the failed requests at the end (wrk's own summary has
-- no line for them). Returns a function that draws a random code.
--   local random_code = dofile(dir .. "../wrk-codes.lua")(dir)
return function(dir)
  dofile(dir .. "codes.lua")
  local n = #codes

  function setup(thread)
    thread:set("seed", math.random(1, 1000000))
  end

  function init(args)
    math.randomseed(seed + os.time())
  end

  function done(summary, latency, requests)
    io.write(string.format("non-2xx or socket errors: %d\n",
      summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  end

  return function()
    return codes[math.random(n)]
  end
end
