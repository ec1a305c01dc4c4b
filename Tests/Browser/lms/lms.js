/* The test LMS of the browser tests: it hosts the project's own LMS-side runtime (Runtime/, strict by
   default) the way an LMS does, keeps what was committed in localStorage (as a platform keeps it on its
   server) and logs every call with its error code.
   Launch: lms.html?pkg=<package folder>&v=12|2004&key=<learner record>
     [&fail=1]            the LMS cannot be reached: SetValue, Commit and Terminate fail until window.lmsFail = false
     [&doc=index.ar.html] the document the content frame opens
     [&mastery=80]        the manifest's mastery score (1.2 cmi.student_data.mastery_score; 2004 scaled_passing_score 0.8)
     [&lenient=1]         the runtime's lenient mode (Runtime/README.md: SPM overflows truncated, duplicate interaction ids)
     [&attempt=new]       a fresh attempt, as an administrator's reset: an empty record, cmi.entry "ab-initio"
     [&unimplemented=cmi.progress_measure]  elements this LMS does not implement (401 in 1.2, 402 in 2004)
     [&lang=ar]           the learner's language in the LMS profile (learner_preference / student_preference language)
   For the tests: window.lmsFail, lmsRecord() ({committed, calls: [{s, fn, args, ret, err, diagnostic?, len?}],
   sessions, attempts}), lmsModel(), lmsErrors(), lmsLaunch, lmsNewAttempt(). */
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
  /* The record and the log are written once per task (a commit of many values is one write, not one
     per call), at once while this page is being left, and before lmsRecord() reads it. A value over 4,200 characters is logged by its first
     100 characters and its length (`len`), so that a long module's log stays within localStorage. */
  let leaving = false, pending = false;
  function save() {
    pending = false;
    try {
      localStorage.setItem(key, JSON.stringify(rec));
    } catch (err) {
      // over the quota: shorten the logged values further and try once more
      rec.calls.forEach(c => { c.args = c.args.map(a => (typeof a === 'string' && a.length > 100 ? a.slice(0, 100) + '\u2026' : a)); });
      rec.logShortened = true;
      try { localStorage.setItem(key, JSON.stringify(rec)); } catch (again) { console.warn('lms.js: the log no longer fits in localStorage'); }
    }
  }
  function saveSoon() {
    if (leaving) return save();
    if (pending) return;
    pending = true;
    setTimeout(() => { if (pending) save(); }, 0);
  }
  window.addEventListener('pagehide', () => { leaving = true; save(); });

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
    unimplemented: (q.get('unimplemented') || '').split(',').filter(Boolean),
    unavailable: () => window.lmsFail === true,
    persist(record) {
      if (retired) return false;
      rec.committed = record;
      // once per task too: a learner who answers hundreds of questions in one go commits hundreds of
      // times; while the page is being left, at once
      saveSoon();
      return true;
    },
    onCall(c) {
      const entry = { s: rec.sessions, fn: c.fn, args: c.args, ret: c.ret, err: c.err };
      const long = c.args.find(a => typeof a === 'string' && a.length > 4200);
      if (long !== undefined) {
        entry.args = c.args.map(a => (typeof a === 'string' && a.length > 4200 ? a.slice(0, 100) + '\u2026' : a));
        entry.len = long.length;
      }
      if (c.diagnostic) entry.diagnostic = c.diagnostic;
      rec.calls.push(entry);
      saveSoon();
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
