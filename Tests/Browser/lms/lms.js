/* The test LMS of the browser tests: it hosts the project's own LMS-side runtime (Runtime/, strict by
   default) the way an LMS does, keeps what was committed in localStorage (as a platform keeps it on its
   server) and logs every call with its error code.
   Launch: lms.html?pkg=<package folder>&v=12|2004&key=<learner record>
     [&fail=1]            the LMS cannot be reached: SetValue, Commit and Terminate fail until window.lmsFail = false
     [&doc=index.ar.html] the document the content frame opens
     [&mastery=80]        the manifest's mastery score (1.2 cmi.student_data.mastery_score; 2004 scaled_passing_score 0.8)
     [&lenient=1]         the runtime's lenient mode (Runtime/README.md: SPM overflows truncated, duplicate interaction ids)
     [&attempt=new]       a fresh attempt, as an administrator's reset: an empty record, cmi.entry "ab-initio"
     [&lang=ar]           the learner's language in the LMS profile (learner_preference / student_preference language)
   For the tests: window.lmsFail, lmsRecord(), lmsModel(), lmsErrors(), lmsLaunch, lmsNewAttempt(). */
(function () {
  'use strict';
  const R = window.CoursepackRuntime;
  if (!R || !R.attach) {
    throw new Error('lms.js: the runtime is missing from lms/runtime/; Tests/Browser/run.sh copies it there from Runtime/');
  }
  const q = new URLSearchParams(location.search);
  const version = q.get('v') === '2004' ? '2004' : '1.2';
  const key = 'lms-standin:' + (q.get('key') || 'learner');
  const lenient = q.get('lenient') === '1';
  window.lmsFail = q.get('fail') === '1';

  // the learner's record on the "server": what was committed, every call of every session
  const rec = JSON.parse(localStorage.getItem(key) || '{"committed":{},"calls":[],"sessions":0,"attempts":0}');
  rec.sessions++;
  const start = R.launch(version, rec.committed, { newAttempt: q.get('attempt') === 'new' || rec.resetPending === true });
  delete rec.resetPending;
  if (start.newAttempt) {
    rec.attempts = (rec.attempts || 0) + 1;
    rec.committed = {};
  }
  // written at once, and again at the end of the task that changed it: a learner who answers hundreds of
  // questions in one go must not cost a copy of the whole log per call
  let pending = false;
  function save() { pending = false; localStorage.setItem(key, JSON.stringify(rec)); }
  function saveSoon() { if (!pending) { pending = true; setTimeout(save, 0); } }
  window.addEventListener('pagehide', () => { if (pending) save(); });

  const mastery = q.get('mastery');
  const launch = {
    entry: start.entry, credit: 'credit', mode: 'normal',
    learner: { id: 'learner-42', name: 'Test, Learner' },
    preferences: q.get('lang') ? { language: q.get('lang') } : {}
  };
  if (mastery) {
    if (version === '1.2') launch.masteryScore = mastery;
    else launch.scaledPassingScore = String(Number(mastery) / 100);
  }
  let retired = false;
  const session = R.attach(window, {
    version, lenient, launch, record: start.record,
    unavailable: () => window.lmsFail === true,
    persist(record) {
      if (retired) return false;
      rec.committed = record;
      save();
      return true;
    },
    onCall(c) {
      const entry = { s: rec.sessions, fn: c.fn, args: c.args, ret: c.ret, err: c.err };
      if (c.diagnostic) entry.diagnostic = c.diagnostic;
      rec.calls.push(entry);
      // the calls that start, commit or end a session are written at once: the LMS frame may be leaving
      if (/Initialize|Commit|Finish|Terminate/.test(c.fn)) save(); else saveSoon();
    }
  });
  save();

  window.lmsLaunch = Object.freeze({ version, entry: start.entry, newAttempt: start.newAttempt, lenient, attempt: rec.attempts, session: rec.sessions });
  window.lmsRecord = () => { if (pending) save(); return JSON.parse(localStorage.getItem(key)); };
  window.lmsModel = () => session.record();
  // the calls the runtime refused, in every session of this record (the error functions left out)
  window.lmsErrors = () => window.lmsRecord().calls.filter(c => c.err !== '0' && !/GetLastError|GetErrorString|GetDiagnostic/.test(c.fn));
  // an administrator's reset: the record is emptied and the course starts again with a fresh attempt;
  // the session that was running can keep nothing more (its Commit answers 391 / 101)
  window.lmsNewAttempt = function () {
    retired = true;
    rec.committed = {};
    rec.resetPending = true;
    save();
    const u = new URL(location.href);
    u.searchParams.delete('attempt');
    location.replace(u.href);
  };

  window.addEventListener('DOMContentLoaded', () => {
    // the content sits two frames down, as in LMSs that wrap the SCO in a player frame
    const outer = document.getElementById('player');
    outer.srcdoc = '<!DOCTYPE html><html><body style="margin:0"><iframe id="sco" title="Course" style="border:0;width:100%;height:100vh" src="' +
      new URL('../pkg/' + encodeURIComponent(q.get('pkg')) + '/' + (q.get('doc') || 'index.html'), location.href).href + '"></iframe></body></html>';
  });
})();
