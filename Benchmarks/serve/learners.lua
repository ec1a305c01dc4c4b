-- Shared by commit.lua and xapi.lua: each wrk thread takes every Nth learner of the sessions file
-- (wrk ... -- SESSIONS_FILE THREADS), so that each learner is driven by one thread only.
local learners = {}
local threads = 0

function setup(thread)
  thread:set("index", threads)
  threads = threads + 1
end

function load_learners(args)
  local path, count = args[1], tonumber(args[2])
  local mine, n = {}, 0
  for line in io.lines(path) do
    local token, attempt, auth, learner, au, registration = line:match("(%S+) (%S+) (%S+) (%S+) (%S+) (%S+)")
    if n % count == index then
      table.insert(mine, { token = token, attempt = attempt, auth = auth, learner = learner, au = au,
                           registration = registration, seq = 0 })
    end
    n = n + 1
  end
  return mine
end
