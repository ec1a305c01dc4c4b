#!/usr/bin/env python3
"""Builds the packages the host's browser tests play, written the way other tools write them (not by
coursepack): a plain SCORM 1.2 SCO that calls LMSSetValue directly, a two-SCO SCORM 2004 4th Edition
course that moves between its SCOs with adl.nav.request, a cmi5 course whose AU sends its own
statements, and a hostile zip (a path that climbs out) that the host must refuse.

Usage: make_packages.py OUT_DIR
"""
import os
import sys
import zipfile

FIND_API_12 = """
function findAPI(w) { var n = 0; while (w && n++ < 10) { if (w.API) return w.API; if (w === w.parent) break; w = w.parent; } return null; }
"""
FIND_API_2004 = """
function findAPI(w) { var n = 0; while (w && n++ < 10) { if (w.API_1484_11) return w.API_1484_11; if (w === w.parent) break; w = w.parent; } return null; }
"""

SCO_12 = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Registering your address</title>
<script>%s</script></head>
<body>
<h1>Registering your address</h1>
<p id="state">starting</p>
<p>Where do you register a new address?</p>
<button id="answer-right" type="button">At the municipality office</button>
<button id="answer-wrong" type="button">At the police station</button>
<button id="suspend" type="button">Save and leave</button>
<button id="finish" type="button">Finish</button>
<p id="log"></p>
<script>
var api = findAPI(window);
var log = function (t) { document.getElementById('log').textContent += t + ' '; };
if (!api) { document.getElementById('state').textContent = 'no API'; }
else {
  api.LMSInitialize('');
  var entry = api.LMSGetValue('cmi.core.entry');
  var where = api.LMSGetValue('cmi.core.lesson_location');
  var data = api.LMSGetValue('cmi.suspend_data');
  document.getElementById('state').textContent = 'entry=' + entry + ' location=' + where + ' data=' + data +
    ' student=' + api.LMSGetValue('cmi.core.student_name') + ' mastery=' + api.LMSGetValue('cmi.student_data.mastery_score');
  if (api.LMSGetValue('cmi.core.lesson_status') === 'not attempted') api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
  api.LMSSetValue('cmi.core.lesson_location', 'question-1');
  api.LMSCommit('');
}
function answer(text, right) {
  var n = Number(api.LMSGetValue('cmi.interactions._count'));
  api.LMSSetValue('cmi.interactions.' + n + '.id', 'register-address');
  // fill-in: a 1.2 choice response is single letters (a,b,...), which a strict LMS holds to
  api.LMSSetValue('cmi.interactions.' + n + '.type', 'fill-in');
  api.LMSSetValue('cmi.interactions.' + n + '.student_response', text);
  api.LMSSetValue('cmi.interactions.' + n + '.correct_responses.0.pattern', 'municipality');
  api.LMSSetValue('cmi.interactions.' + n + '.result', right ? 'correct' : 'wrong');
  api.LMSSetValue('cmi.suspend_data', 'answered:' + text);
  log(api.LMSCommit('') === 'true' ? 'committed' : 'commit-failed');
}
document.getElementById('answer-right').onclick = function () { answer('municipality', true); };
document.getElementById('answer-wrong').onclick = function () { answer('police', false); };
document.getElementById('suspend').onclick = function () {
  api.LMSSetValue('cmi.core.exit', 'suspend');
  api.LMSSetValue('cmi.core.session_time', '00:01:30');
  log(api.LMSFinish('') === 'true' ? 'finished' : 'finish-failed');
};
document.getElementById('finish').onclick = function () {
  api.LMSSetValue('cmi.core.score.raw', '80');
  api.LMSSetValue('cmi.core.score.min', '0');
  api.LMSSetValue('cmi.core.score.max', '100');
  api.LMSSetValue('cmi.core.lesson_status', 'completed');
  api.LMSSetValue('cmi.core.exit', '');
  log(api.LMSFinish('') === 'true' ? 'finished' : 'finish-failed');
};
</script>
</body></html>
""" % FIND_API_12

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="plain-sco-12" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org1">
    <organization identifier="org1">
      <title>Registering your address</title>
      <item identifier="item1" identifierref="res1">
        <title>Registering your address</title>
        <adlcp:masteryscore>70</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormtype="sco" href="sco/index.html">
      <file href="sco/index.html"/>
    </resource>
  </resources>
</manifest>
"""

SCO_2004 = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>%(title)s</title><script>%(find)s</script></head>
<body>
<h1>%(title)s</h1>
<p id="state">starting</p>
<button id="previous" type="button">Previous part</button>
<button id="next" type="button">Next part</button>
<button id="done" type="button">Done</button>
<script>
var api = findAPI(window);
api.Initialize('');
document.getElementById('state').textContent = 'sco=%(id)s entry=' + api.GetValue('cmi.entry') +
  ' continue=' + api.GetValue('adl.nav.request_valid.continue') + ' previous=' + api.GetValue('adl.nav.request_valid.previous');
api.SetValue('cmi.location', '%(id)s-started');
api.SetValue('cmi.interactions.0.id', '%(id)s-q');
api.SetValue('cmi.interactions.0.type', 'true-false');
api.SetValue('cmi.interactions.0.learner_response', 'true');
api.SetValue('cmi.interactions.0.result', 'correct');
api.Commit('');
function leave(request) {
  api.SetValue('cmi.completion_status', 'completed');
  api.SetValue('cmi.success_status', 'passed');
  api.SetValue('cmi.score.scaled', '%(score)s');
  api.SetValue('cmi.exit', 'normal');
  if (request) api.SetValue('adl.nav.request', request);
  api.Terminate('');
}
document.getElementById('next').onclick = function () { leave('continue'); };
document.getElementById('previous').onclick = function () { leave('previous'); };
document.getElementById('done').onclick = function () { leave(null); };
</script>
</body></html>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="two-sco-2004" version="1.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Two parts of a first week</title>
      <item identifier="part1" identifierref="r1"><title>Part one: the town hall</title></item>
      <item identifier="part2" identifierref="r2"><title>Part two: the clinic</title></item>
      <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="one.html"><file href="one.html"/></resource>
    <resource identifier="r2" type="webcontent" adlcp:scormType="sco" href="two.html"><file href="two.html"/></resource>
  </resources>
</manifest>
"""

AU = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Public services quiz</title></head>
<body>
<h1>Public services quiz</h1>
<p id="state">starting</p>
<button id="finish" type="button">Finish the quiz</button>
<pre id="log"></pre>
<script>
var q = new URLSearchParams(location.search);
var endpoint = q.get('endpoint'), actor = JSON.parse(q.get('actor')), registration = q.get('registration'), activityId = q.get('activityId');
var auth = null, launchData = null, out = document.getElementById('log');
function log(t) { out.textContent += t + '\\n'; }
function uuid() { return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) { var r = Math.random() * 16 | 0; return (c === 'x' ? r : (r & 3 | 8)).toString(16); }); }
function headers() { return { 'Authorization': 'Basic ' + auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' }; }
function send(verb, result, moveOn) {
  var ctx = JSON.parse(JSON.stringify(launchData.contextTemplate));
  ctx.registration = registration;
  ctx.contextActivities = ctx.contextActivities || {};
  ctx.contextActivities.category = [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }];
  if (moveOn) ctx.contextActivities.category.push({ id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' });
  var st = { id: uuid(), actor: actor, verb: { id: 'http://adlnet.gov/expapi/verbs/' + verb, display: { 'en-US': verb } },
             object: { id: activityId, objectType: 'Activity' }, context: ctx, timestamp: new Date().toISOString() };
  if (result) st.result = result;
  return fetch(endpoint + 'statements?statementId=' + st.id, { method: 'PUT', headers: headers(), body: JSON.stringify(st) })
    .then(function (r) { log(verb + ' ' + r.status); return r.status; });
}
fetch(q.get('fetch'), { method: 'POST' }).then(function (r) { return r.json(); }).then(function (j) {
  auth = j['auth-token'];
  return fetch(endpoint + 'activities/state?stateId=LMS.LaunchData&activityId=' + encodeURIComponent(activityId) +
    '&agent=' + encodeURIComponent(JSON.stringify(actor)) + '&registration=' + registration, { headers: headers() });
}).then(function (r) { return r.json(); }).then(function (data) {
  launchData = data;
  log('launchMode ' + data.launchMode + ' moveOn ' + data.moveOn + ' masteryScore ' + data.masteryScore);
  // a second use of the one-time fetch URL must fail
  return fetch(q.get('fetch'), { method: 'POST' }).then(function (r) { return r.json(); }).then(function (j) { log('second fetch ' + (j['auth-token'] ? 'got a token' : 'refused')); });
}).then(function () { return send('initialized'); }).then(function () {
  // a statement that breaks the rules: passed under the mastery score
  return send('passed', { success: true, score: { scaled: 0.2 } }, true);
}).then(function () {
  document.getElementById('state').textContent = 'ready';
});
document.getElementById('finish').onclick = function () {
  send('completed', { completion: true, duration: 'PT2M' }, true).then(function () {
    return send('passed', { success: true, score: { scaled: 0.9, raw: 9, min: 0, max: 10 } }, true);
  }).then(function () { return send('terminated', { duration: 'PT2M' }); }).then(function () {
    return send('initialized');
  }).then(function () { document.getElementById('state').textContent = 'done'; });
};
</script>
</body></html>
"""

CMI5_XML = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/courses/public-services">
    <title><langstring lang="en-US">Public services</langstring><langstring lang="fr-FR">Services publics</langstring></title>
    <description><langstring lang="en-US">A short quiz about public services.</langstring></description>
  </course>
  <au id="https://example.org/courses/public-services/quiz" moveOn="CompletedAndPassed" masteryScore="0.6" launchMethod="AnyWindow">
    <title><langstring lang="en-US">Public services quiz</langstring></title>
    <description><langstring lang="en-US">Five questions.</langstring></description>
    <url>au/index.html</url>
  </au>
</courseStructure>
"""


def write_zip(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, files[name])


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write_zip(os.path.join(out, "plain-sco-12.zip"), {"imsmanifest.xml": MANIFEST_12, "sco/index.html": SCO_12})
    # a later version of the same package, for the trainer's choice of version
    write_zip(os.path.join(out, "plain-sco-12-v1.1.zip"), {
        "imsmanifest.xml": MANIFEST_12.replace('identifier="plain-sco-12" version="1.0"', 'identifier="plain-sco-12" version="1.1"'),
        "sco/index.html": SCO_12})
    write_zip(os.path.join(out, "two-sco-2004.zip"), {
        "imsmanifest.xml": MANIFEST_2004,
        "one.html": SCO_2004 % {"title": "Part one: the town hall", "find": FIND_API_2004, "id": "part1", "score": "0.8"},
        "two.html": SCO_2004 % {"title": "Part two: the clinic", "find": FIND_API_2004, "id": "part2", "score": "1"},
    })
    # the same parts, but the second may only open once the first is satisfied: a sequencing rule this
    # host does not carry out, which it must say
    rule = ('<imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions>'
            '<imsss:ruleCondition referencedObjective="p1" condition="satisfied" operator="not"/></imsss:ruleConditions>'
            '<imsss:ruleAction action="disabled"/></imsss:preConditionRule></imsss:sequencingRules>'
            '<imsss:objectives><imsss:primaryObjective objectiveID="p1"/></imsss:objectives></imsss:sequencing></item>')
    sequenced = (MANIFEST_2004.replace('identifier="two-sco-2004"', 'identifier="sequenced-2004"')
                 .replace("<title>Two parts of a first week</title>", "<title>Two parts in a set order</title>")
                 .replace("<title>Part two: the clinic</title></item>", "<title>Part two: the clinic</title>" + rule))
    assert rule in sequenced
    write_zip(os.path.join(out, "sequenced-2004.zip"), {
        "imsmanifest.xml": sequenced,
        "one.html": SCO_2004 % {"title": "Part one: the town hall", "find": FIND_API_2004, "id": "part1", "score": "0.8"},
        "two.html": SCO_2004 % {"title": "Part two: the clinic", "find": FIND_API_2004, "id": "part2", "score": "1"},
    })
    write_zip(os.path.join(out, "cmi5-quiz.zip"), {"cmi5.xml": CMI5_XML, "au/index.html": AU})
    # hostile: an entry that climbs out of the package
    with zipfile.ZipFile(os.path.join(out, "hostile.zip"), "w") as z:
        z.writestr("imsmanifest.xml", MANIFEST_12)
        z.writestr("sco/index.html", SCO_12)
        z.writestr("../../escape.txt", "outside")


if __name__ == "__main__":
    main()
