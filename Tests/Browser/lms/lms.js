/* An LMS stand-in for the browser tests: SCORM 1.2 `API` and SCORM 2004 `API_1484_11` objects that
   check every value against the run-time data model, record every call, keep what was committed in
   localStorage (as a platform keeps it on its server), and can be told to fail: while
   `lmsFail` is true, LMSSetValue/SetValue and LMSCommit/Commit return "false" and keep nothing.
   Launch: lms.html?pkg=<package folder>&v=12|2004&key=<learner record>[&fail=1][&doc=index.ar.html] */
(function () {
  'use strict';
  const q = new URLSearchParams(location.search);
  const v2004 = q.get('v') === '2004';
  const key = 'lms-standin:' + (q.get('key') || 'learner');
  window.lmsFail = q.get('fail') === '1';

  const rec = JSON.parse(localStorage.getItem(key) || '{"committed":{},"calls":[],"sessions":0}');
  rec.sessions++;
  const model = Object.assign({}, rec.committed);
  const learner = { id: 'learner-42', name: 'Test, Learner' };
  let state = 'new'; // new | running | over
  let lastError = '0';
  function persist() { localStorage.setItem(key, JSON.stringify(rec)); }
  function log(fn, args, ret) { rec.calls.push({ s: rec.sessions, fn, args, ret, err: lastError }); persist(); }

  const RE = {
    time12: /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/,
    span2004: /^P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/,
    stamp2004: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?(Z|[+-]\d{2}(:\d{2})?)?$/,
    decimal: /^-?\d+(\.\d+)?$/,
    ident12: /^[^\s]{1,255}$/
  };
  const chars = '[0-9a-z]';
  const RESP12 = {
    choice: new RegExp('^' + chars + '(,' + chars + ')*$'), sequencing: new RegExp('^' + chars + '(,' + chars + ')*$'),
    'true-false': /^[01tf]$/, matching: new RegExp('^' + chars + '\\.' + chars + '(,' + chars + '\\.' + chars + ')*$')
  };
  const RESP2004 = {
    choice: /^[^\s[\]]+(\[,\][^\s[\]]+)*$/, sequencing: /^[^\s[\]]+(\[,\][^\s[\]]+)*$/, 'true-false': /^(true|false)$/,
    matching: /^[^\s[\]]+\[\.\][^\s[\]]+(\[,\][^\s[\]]+\[\.\][^\s[\]]+)*$/
  };

  /* returns an error code, or '0' when the value may be stored */
  function check12(k, v) {
    const ro = ['cmi.core.student_id', 'cmi.core.student_name', 'cmi.core.entry', 'cmi.core.credit', 'cmi.core.total_time',
      'cmi.core.lesson_mode', 'cmi.launch_data', 'cmi.student_data.mastery_score', 'cmi.interactions._count'];
    if (ro.indexOf(k) >= 0) return '403';
    if (k === 'cmi.core.lesson_location') return v.length <= 255 ? '0' : '405';
    if (k === 'cmi.suspend_data') return v.length <= 4096 ? '0' : '405';
    if (k === 'cmi.core.lesson_status') return ['passed', 'completed', 'failed', 'incomplete', 'browsed'].indexOf(v) >= 0 ? '0' : '405';
    if (k === 'cmi.core.exit') return ['time-out', 'suspend', 'logout', ''].indexOf(v) >= 0 ? '0' : '405';
    if (k === 'cmi.core.session_time') return RE.time12.test(v) ? '0' : '405';
    if (/^cmi\.core\.score\.(raw|min|max)$/.test(k)) return v === '' || (RE.decimal.test(v) && +v >= 0 && +v <= 100) ? '0' : '405';
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(k);
    if (m) {
      const n = +m[1], f = m[2], count = interactionCount();
      if (n > count) return '201';
      if (n === count && f !== 'id') return '201';
      if (v.length > 255) return '405';
      if (f === 'id') return RE.ident12.test(v) ? '0' : '405';
      if (f === 'type') return ['true-false', 'choice', 'fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric'].indexOf(v) >= 0 ? '0' : '405';
      if (f === 'result') return ['correct', 'wrong', 'unanticipated', 'neutral'].indexOf(v) >= 0 || RE.decimal.test(v) ? '0' : '405';
      if (f === 'weighting') return RE.decimal.test(v) ? '0' : '405';
      if (f === 'time') return RE.time12.test(v) ? '0' : '405';
      const type = model['cmi.interactions.' + n + '.type'];
      if (f === 'student_response' || /^correct_responses\.\d+\.pattern$/.test(f)) return !RESP12[type] || RESP12[type].test(v) ? '0' : '405';
      return '401';
    }
    return '401';
  }
  function check2004(k, v) {
    const ro = ['cmi.learner_id', 'cmi.learner_name', 'cmi.entry', 'cmi.credit', 'cmi.mode', 'cmi.total_time', 'cmi.launch_data',
      'cmi.scaled_passing_score', 'cmi.completion_threshold', 'cmi.interactions._count', 'cmi._version'];
    if (ro.indexOf(k) >= 0) return '404';
    if (k === 'cmi.location') return v.length <= 1000 ? '0' : '406';
    if (k === 'cmi.suspend_data') return v.length <= 64000 ? '0' : '406';
    if (k === 'cmi.completion_status') return ['completed', 'incomplete', 'not attempted', 'unknown'].indexOf(v) >= 0 ? '0' : '406';
    if (k === 'cmi.success_status') return ['passed', 'failed', 'unknown'].indexOf(v) >= 0 ? '0' : '406';
    if (k === 'cmi.exit') return ['time-out', 'suspend', 'logout', 'normal', ''].indexOf(v) >= 0 ? '0' : '406';
    if (k === 'cmi.session_time') return RE.span2004.test(v) ? '0' : '406';
    if (k === 'cmi.progress_measure') return RE.decimal.test(v) && +v >= 0 && +v <= 1 ? '0' : '407';
    if (k === 'cmi.score.scaled') return RE.decimal.test(v) && +v >= -1 && +v <= 1 ? '0' : '407';
    if (/^cmi\.score\.(raw|min|max)$/.test(k)) return RE.decimal.test(v) ? '0' : '406';
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(k);
    if (m) {
      const n = +m[1], f = m[2], count = interactionCount();
      if (n > count) return '351';
      if (n === count && f !== 'id') return '408';
      if (f === 'id') return v.length && v.length <= 4000 && !/\s/.test(v) ? '0' : '406';
      if (f === 'type') return ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'].indexOf(v) >= 0 ? '0' : '406';
      if (f === 'result') return ['correct', 'incorrect', 'unanticipated', 'neutral'].indexOf(v) >= 0 || RE.decimal.test(v) ? '0' : '406';
      if (f === 'weighting') return RE.decimal.test(v) ? '0' : '406';
      if (f === 'timestamp') return RE.stamp2004.test(v) ? '0' : '406';
      if (f === 'description') return '0';
      const type = model['cmi.interactions.' + n + '.type'];
      if (f === 'learner_response' || /^correct_responses\.\d+\.pattern$/.test(f)) return !RESP2004[type] || RESP2004[type].test(v) ? '0' : '406';
      return '401';
    }
    return '401';
  }
  function interactionCount() {
    let n = 0;
    while (model['cmi.interactions.' + n + '.id'] != null) n++;
    return n;
  }
  function read(k) {
    if (k === 'cmi.interactions._count') return String(interactionCount());
    if (k === (v2004 ? 'cmi.learner_id' : 'cmi.core.student_id')) return learner.id;
    if (k === (v2004 ? 'cmi.learner_name' : 'cmi.core.student_name')) return learner.name;
    if (k === (v2004 ? 'cmi.entry' : 'cmi.core.entry')) return rec.committed['cmi.suspend_data'] ? 'resume' : 'ab-initio';
    if (k === 'cmi.core.lesson_status') return model[k] || 'not attempted';
    if (k === 'cmi.completion_status') return model[k] || 'not attempted';
    if (k === 'cmi.success_status') return model[k] || 'unknown';
    if (k === 'cmi.student_data.mastery_score') return q.get('mastery') || '';
    if (k === 'cmi.scaled_passing_score') return q.get('mastery') ? String(q.get('mastery') / 100) : '';
    if (/^cmi\.interactions\.\d+\.(id|type|student_response|learner_response|result|time|weighting)$/.test(k) && !v2004) { lastError = '404'; return ''; }
    if (k in model) return model[k];
    if (/^cmi\.(core\.)?(lesson_location|location|suspend_data|score\.(raw|min|max|scaled)|core\.score\.(raw|min|max))$/.test(k)) return '';
    lastError = '401';
    return '';
  }

  function initialize(fn) {
    return function (arg) {
      let ret = 'true';
      lastError = '0';
      if (arg !== '') { lastError = '201'; ret = 'false'; } else if (state === 'running') { lastError = v2004 ? '103' : '101'; ret = 'false'; } else if (state === 'over') { lastError = v2004 ? '104' : '101'; ret = 'false'; } else state = 'running';
      log(fn, [arg], ret);
      return ret;
    };
  }
  function finish(fn) {
    return function (arg) {
      let ret = 'true';
      lastError = '0';
      if (state !== 'running') { lastError = v2004 ? '112' : '301'; ret = 'false'; } else if (window.lmsFail) { lastError = v2004 ? '391' : '101'; ret = 'false'; state = 'over'; } else {
        rec.committed = Object.assign({}, model);
        state = 'over';
      }
      log(fn, [arg], ret);
      return ret;
    };
  }
  function getValue(fn) {
    return function (k) {
      lastError = '0';
      const ret = state !== 'running' ? (lastError = v2004 ? '122' : '301', '') : read(k);
      log(fn, [k], ret);
      return ret;
    };
  }
  function setValue(fn) {
    return function (k, v) {
      lastError = '0';
      v = String(v);
      let ret = 'false';
      if (state !== 'running') lastError = v2004 ? '132' : '301';
      else if (window.lmsFail) lastError = v2004 ? '351' : '101';
      else {
        lastError = v2004 ? check2004(k, v) : check12(k, v);
        if (lastError === '0') { model[k] = v; ret = 'true'; }
      }
      log(fn, [k, v], ret);
      return ret;
    };
  }
  function commit(fn) {
    return function (arg) {
      lastError = '0';
      let ret = 'false';
      if (state !== 'running') lastError = v2004 ? '142' : '301';
      else if (window.lmsFail) lastError = v2004 ? '391' : '101';
      else { rec.committed = Object.assign({}, model); ret = 'true'; }
      log(fn, [arg], ret);
      return ret;
    };
  }
  const lastErr = fn => function () { log(fn, [], lastError); return lastError; };
  const text = () => function (c) { return 'error ' + c; };
  if (v2004) {
    window.API_1484_11 = {
      Initialize: initialize('Initialize'), Terminate: finish('Terminate'), GetValue: getValue('GetValue'), SetValue: setValue('SetValue'),
      Commit: commit('Commit'), GetLastError: lastErr('GetLastError'), GetErrorString: text(), GetDiagnostic: text()
    };
  } else {
    window.API = {
      LMSInitialize: initialize('LMSInitialize'), LMSFinish: finish('LMSFinish'), LMSGetValue: getValue('LMSGetValue'), LMSSetValue: setValue('LMSSetValue'),
      LMSCommit: commit('LMSCommit'), LMSGetLastError: lastErr('LMSGetLastError'), LMSGetErrorString: text(), LMSGetDiagnostic: text()
    };
  }
  persist();
  window.lmsRecord = () => JSON.parse(localStorage.getItem(key));
  window.lmsModel = () => Object.assign({}, model);
  window.addEventListener('DOMContentLoaded', () => {
    // the content sits two frames down, as in LMSs that wrap the SCO in a player frame
    const outer = document.getElementById('player');
    outer.srcdoc = '<!DOCTYPE html><html><body style="margin:0"><iframe id="sco" title="Course" style="border:0;width:100%;height:100vh" src="' +
      new URL('../pkg/' + encodeURIComponent(q.get('pkg')) + '/' + (q.get('doc') || 'index.html'), location.href).href + '"></iframe></body></html>';
  });
})();
