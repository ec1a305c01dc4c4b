/* The runtime's test harness: a test is a name and a function that calls `expect`; results go to
   window.runtimeTests for run.py (or show on the page when opened by hand). */
(function () {
  'use strict';
  const R = self.CoursepackRuntime;
  const results = [];
  const covered = { '1.2': new Set(), '2004': new Set() };
  const H = self.H = {};

  const stats = { tests: 0, failed: 0 };
  H.test = function (name, fn) {
    let failures = 0;
    stats.tests++;
    const expect = (what, got, want) => {
      const same = JSON.stringify(got) === JSON.stringify(want);
      if (!same) { failures++; results.push({ name: name + ': ' + what, ok: false, detail: 'got ' + JSON.stringify(got) + ', expected ' + JSON.stringify(want) }); }
    };
    try {
      fn(expect);
      if (!failures) results.push({ name, ok: true });
    } catch (e) {
      failures++;
      results.push({ name, ok: false, detail: 'threw ' + (e && e.stack || e) });
    }
    if (failures) stats.failed++;
  };

  const NAMES = {
    '1.2': { init: 'LMSInitialize', fin: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', err: 'LMSGetLastError', text: 'LMSGetErrorString', diag: 'LMSGetDiagnostic' },
    '2004': { init: 'Initialize', fin: 'Terminate', get: 'GetValue', set: 'SetValue', commit: 'Commit', err: 'GetLastError', text: 'GetErrorString', diag: 'GetDiagnostic' }
  };
  /* a session with short names: s.get(el) and s.set(el, v) give [return value, error code] */
  H.session = function (version, options, initialize) {
    const o = Object.assign({ version, launch: { entry: 'ab-initio', learner: { id: 'learner-42', name: 'Test, Learner' } } }, options || {});
    const session = R.createSession(o);
    const n = NAMES[version], api = session.api;
    const mark = el => { const p = el.split('.').map(x => (/^\d+$/.test(x) ? 'n' : x)).join('.'); covered[version].add(p); };
    const s = {
      session, api, n,
      init: arg => [api[n.init](arg === undefined ? '' : arg), api[n.err]()],
      fin: arg => [api[n.fin](arg === undefined ? '' : arg), api[n.err]()],
      commit: arg => [api[n.commit](arg === undefined ? '' : arg), api[n.err]()],
      get: el => { mark(el); return [api[n.get](el), api[n.err]()]; },
      set: (el, v) => { mark(el); return [api[n.set](el, v), api[n.err]()]; },
      code: () => api[n.err](),
      diag: c => api[n.diag](c === undefined ? '' : c),
      text: c => api[n.text](c)
    };
    if (initialize !== false) s.init();
    return s;
  };
  H.covered = covered;
  H.results = results;
  H.finish = function () {
    self.runtimeTests = { done: true, results, tests: stats.tests, failedTests: stats.failed };
    const failed = results.filter(r => !r.ok);
    if (typeof document !== 'undefined' && document.body) {
      const pre = document.createElement('pre');
      pre.textContent = failed.map(r => 'FAIL ' + r.name + ': ' + r.detail).join('\n') + '\n' + (stats.tests - stats.failed) + ' tests passed, ' + stats.failed + ' failed (' + failed.length + ' failed checks)';
      document.body.appendChild(pre);
    }
  };
})();
