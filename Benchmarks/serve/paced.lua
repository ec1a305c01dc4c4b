-- Paced runs (RATE set): the requests of each wrk thread are spread evenly, RATE per second in all
-- (RATE / THREADS per thread), instead of every connection sending its next request the moment the
-- last one is answered. A connection whose answer came back waits for the thread's next free slot;
-- when the server falls behind, the slots already due are sent at once, so the offered rate does not
-- drop with the server's speed. The latency wrk reports is from sending to the answer.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } coursepack_timespec;
  int clock_gettime(int clock, coursepack_timespec *now);
]]
local clock = ffi.new("coursepack_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local interval = tonumber(os.getenv("THREADS")) * 1000 / tonumber(os.getenv("RATE"))
local next_slot = nil

function delay()
  local now = now_ms()
  next_slot = (next_slot or now) + interval
  local wait = next_slot - now
  if wait < 0 then return 0 end
  return wait
end
