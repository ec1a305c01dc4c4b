-- wrk script: xAPI statements (POST /xapi/statements), one statement per request with its own UUID, as an
-- AU reports an answered question; authorized by the credential of the learner's cmi5 launch.
dofile(os.getenv("LEARNERS_LUA"))
if os.getenv("RATE") then dofile(os.getenv("PACED_LUA")) end

function init(args)
  mine = load_learners(args)
  next_learner = 0
  math.randomseed(os.time() + index * 7919)
end

local function uuid()
  local r = math.random
  return string.format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x", r(0, 0xffff), r(0, 0xffff), r(0, 0xffff),
                       r(0, 0xfff), 0x8000 + r(0, 0x3fff), r(0, 0xffff), r(0, 0xffff), r(0, 0xffff))
end

function request()
  next_learner = next_learner % #mine + 1
  local l = mine[next_learner]
  l.seq = l.seq + 1
  local body = string.format(
    '{"id":"%s","actor":{"objectType":"Agent","account":{"homePage":"http://127.0.0.1","name":"%s"}},' ..
    '"verb":{"id":"http://adlnet.gov/expapi/verbs/answered","display":{"en-US":"answered"}},' ..
    '"object":{"objectType":"Activity","id":"%s/question-%d"},' ..
    '"result":{"success":true,"response":"choice-2"},"context":{"registration":"%s"}}',
    uuid(), l.learner, l.au, l.seq % 40, l.registration)
  return wrk.format("POST", "/xapi/statements",
                    { ["Authorization"] = "Basic " .. l.auth, ["Content-Type"] = "application/json",
                      ["X-Experience-API-Version"] = "1.0.3" }, body)
end
