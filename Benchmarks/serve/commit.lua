-- wrk script: SCORM commits (POST /api/attempts/ID/commits), each learner's sequence numbers rising as
-- the browser's runtime sends them; a record of the size a SCORM 1.2 SCO keeps (about 700 bytes).
dofile(os.getenv("LEARNERS_LUA"))
if os.getenv("RATE") then dofile(os.getenv("PACED_LUA")) end

local suspend = string.rep("p1=a;p2=b;q7=3,1,2;", 20)

function init(args)
  mine = load_learners(args)
  next_learner = 0
end

function request()
  next_learner = next_learner % #mine + 1
  local l = mine[next_learner]
  l.seq = l.seq + 1
  local body = string.format(
    '{"seq":%d,"reason":"commit","record":{"cmi.core.lesson_status":"incomplete","cmi.core.lesson_location":"page-%d",' ..
    '"cmi.core.exit":"suspend","cmi.core.score.raw":"%d","cmi.core.session_time":"00:01:%02d","cmi.suspend_data":"%s"},' ..
    '"calls":[{"fn":"LMSSetValue","args":["cmi.core.lesson_location","page-%d"],"ret":"true","err":"0"},' ..
    '{"fn":"LMSCommit","args":[""],"ret":"true","err":"0"}]}',
    l.seq, l.seq, l.seq % 100, l.seq % 60, suspend, l.seq)
  return wrk.format("POST", "/api/attempts/" .. l.attempt .. "/commits",
                    { ["Authorization"] = "Bearer " .. l.token, ["Content-Type"] = "application/json" }, body)
end
