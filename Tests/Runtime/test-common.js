/* Both versions: what the LMS does at launch (entry, a new attempt), the lenient mode, a failing
   persistence callback or an unreachable LMS, the log; and a check that every element was tested. */
(function () {
  'use strict';
  const { test, session } = self.H;
  const R = self.CoursepackRuntime;
  const long = n => 'x'.repeat(n);

  test('launch: a first launch and a new attempt start empty, ab-initio', expect => {
    expect('no record', R.launch('1.2', null), { record: {}, entry: 'ab-initio', newAttempt: true });
    expect('empty record', R.launch('2004', {}), { record: {}, entry: 'ab-initio', newAttempt: true });
    const stored = { 'cmi.location': 'p4', 'cmi.exit': 'suspend', 'cmi.suspend_data': 'x' };
    expect('new attempt', R.launch('2004', stored, { newAttempt: true }), { record: {}, entry: 'ab-initio', newAttempt: true });
    let threw = '';
    try { R.launch('1.3', null); } catch (e) { threw = e.message; }
    expect('an unknown version', threw, 'CoursepackRuntime: version must be "1.2" or "2004", not "1.3"');
  });

  test('launch: after suspend, resume with the same record (without exit and session_time)', expect => {
    expect('2004', R.launch('2004', { 'cmi.location': 'p4', 'cmi.exit': 'suspend', 'cmi.session_time': 'PT1M' }), { record: { 'cmi.location': 'p4' }, entry: 'resume', newAttempt: false });
    expect('1.2', R.launch('1.2', { 'cmi.core.lesson_location': 'p4', 'cmi.core.exit': 'suspend' }), { record: { 'cmi.core.lesson_location': 'p4' }, entry: 'resume', newAttempt: false });
  });

  test('launch: 2004 after any other exit, a new attempt; 1.2 keeps the record with entry ""', expect => {
    ['normal', 'logout', 'time-out', ''].forEach(exit =>
      expect('2004 exit ' + JSON.stringify(exit), R.launch('2004', { 'cmi.location': 'p4', 'cmi.exit': exit }), { record: {}, entry: 'ab-initio', newAttempt: true }));
    expect('2004 no exit set', R.launch('2004', { 'cmi.location': 'p4' }), { record: { 'cmi.location': 'p4' }, entry: '', newAttempt: false });
    expect('1.2 exit ""', R.launch('1.2', { 'cmi.core.lesson_location': 'p4', 'cmi.core.exit': '' }), { record: { 'cmi.core.lesson_location': 'p4' }, entry: '', newAttempt: false });
  });

  test('a resumed record: arrays continue where they were', expect => {
    const s = session('2004', { record: { 'cmi.interactions.0.id': 'q1', 'cmi.interactions.0.type': 'choice', 'cmi.interactions.1.id': 'q2', 'cmi.objectives.0.id': 'o1' } });
    expect('interactions._count', s.get('cmi.interactions._count'), ['2', '0']);
    expect('next index', s.set('cmi.interactions.2.id', 'q3'), ['true', '0']);
    expect('ids are unique across sessions', s.set('cmi.interactions.3.id', 'q1'), ['false', '351']);
    expect('stored type', s.get('cmi.interactions.0.type'), ['choice', '0']);
  });

  test('learner preference language given by the LMS profile, then set by the content', expect => {
    const s = session('2004', { launch: { preferences: { language: 'ar' } } });
    expect('from the profile', s.get('cmi.learner_preference.language'), ['ar', '0']);
    s.set('cmi.learner_preference.language', 'fa-AF');
    expect('set', s.get('cmi.learner_preference.language'), ['fa-AF', '0']);
    const t = session('1.2', { launch: { preferences: { language: 'ar' } } });
    expect('1.2 from the profile', t.get('cmi.student_preference.language'), ['ar', '0']);
  });

  test('strict: SPM overflows are refused (1.2 suspend_data 4,096: 405; 2004 64,000: 406)', expect => {
    const a = session('1.2');
    expect('1.2 4,097', a.set('cmi.suspend_data', long(4097)), ['false', '405']);
    expect('1.2 nothing stored', a.get('cmi.suspend_data'), ['', '0']);
    const b = session('2004');
    expect('2004 64,001', b.set('cmi.suspend_data', long(64001)), ['false', '406']);
    expect('2004 nothing stored', b.get('cmi.suspend_data'), ['', '403']);
  });

  test('lenient: SPM overflows truncated, duplicate interaction ids accepted, everything else as strict', expect => {
    const a = session('1.2', { lenient: true });
    expect('1.2 suspend_data', a.set('cmi.suspend_data', long(5000)), ['true', '0']);
    expect('1.2 kept 4,096', a.get('cmi.suspend_data')[0].length, 4096);
    expect('1.2 the log says so', a.session.calls.filter(c => c.diagnostic && c.diagnostic.indexOf('lenient: truncated to 4096') === 0).length, 1);
    expect('1.2 lesson_location', a.set('cmi.core.lesson_location', long(300)), ['true', '0']);
    expect('1.2 interaction id', a.set('cmi.interactions.0.id', long(300)), ['true', '0']);
    expect('1.2 a wrong type is still refused', a.set('cmi.core.lesson_status', 'done'), ['false', '405']);
    a.set('cmi.interactions.0.type', 'choice');
    expect('1.2 a choice response over 255 is still refused', a.set('cmi.interactions.0.student_response', 'a,'.repeat(200) + 'a'), ['false', '405']);
    a.set('cmi.interactions.1.id', 'q2'); a.set('cmi.interactions.1.type', 'fill-in');
    expect('1.2 a fill-in response over 255 is truncated', a.set('cmi.interactions.1.student_response', long(300)), ['true', '0']);
    expect('1.2 a range is still refused', a.set('cmi.core.score.raw', '101'), ['false', '405']);
    const b = session('2004', { lenient: true });
    expect('2004 suspend_data', b.set('cmi.suspend_data', long(64001)), ['true', '0']);
    expect('2004 kept 64,000', b.get('cmi.suspend_data')[0].length, 64000);
    expect('2004 localized string keeps its delimiter', b.set('cmi.comments_from_learner.0.comment', '{lang=en}' + long(4005)), ['true', '0']);
    expect('2004 comment length', b.get('cmi.comments_from_learner.0.comment')[0].length, 4009);
    b.set('cmi.interactions.0.id', 'q1');
    expect('2004 duplicate interaction id', b.set('cmi.interactions.1.id', 'q1'), ['true', '0']);
    b.set('cmi.objectives.0.id', 'o1');
    expect('2004 objective ids stay unique', b.set('cmi.objectives.1.id', 'o1'), ['false', '351']);
    expect('2004 dependencies stay', b.set('cmi.interactions.2.type', 'choice'), ['false', '408']);
    expect('2004 list items over their limit stay refused', (b.set('cmi.interactions.0.type', 'choice'), b.set('cmi.interactions.0.learner_response', long(251))), ['false', '406']);
  });

  test('persist: Commit and Terminate hand the record over; a refusal is 391 / 111 (2004), 101 (1.2)', expect => {
    const kept = [];
    let accept = true;
    const s = session('2004', { persist: (r, info) => { kept.push([info.reason, r['cmi.location']]); return accept; } });
    s.set('cmi.location', 'p1');
    expect('commit', s.commit(), ['true', '0']);
    accept = false;
    s.set('cmi.location', 'p2');
    expect('refused commit', s.commit(), ['false', '391']);
    expect('refused terminate', s.fin(), ['false', '111']);
    expect('still running', s.session.state, 'running');
    accept = true;
    expect('terminate again', s.fin(), ['true', '0']);
    expect('handed over', kept, [['commit', 'p1'], ['commit', 'p2'], ['terminate', 'p2'], ['terminate', 'p2']]);
    const t = session('1.2', { persist: () => { throw new Error('disk full'); } });
    expect('1.2 refused commit', t.commit(), ['false', '101']);
    expect('1.2 diagnostic', t.diag(), 'the record could not be kept: disk full');
    expect('1.2 refused finish', t.fin(), ['false', '101']);
  });

  test('an unreachable LMS: SetValue, Commit and Terminate fail and keep nothing', expect => {
    let down = true, persisted = 0;
    const s = session('2004', { unavailable: () => down, persist: () => { persisted++; return true; } });
    expect('set', s.set('cmi.location', 'p1'), ['false', '351']);
    expect('commit', s.commit(), ['false', '391']);
    expect('terminate', s.fin(), ['false', '111']);
    down = false;
    expect('nothing stored', s.get('cmi.location'), ['', '403']);
    expect('nothing persisted', persisted, 0);
    const t = session('1.2', { unavailable: () => true });
    expect('1.2 set', t.set('cmi.core.lesson_location', 'p1'), ['false', '101']);
    expect('1.2 commit', t.commit(), ['false', '101']);
  });

  test('the log: every call with its error code', expect => {
    const log = [];
    const s = session('2004', { onCall: e => log.push(e) }, false);
    s.init(); s.set('cmi.location', long(1001)); s.get('cmi.location');
    expect('calls', log.map(c => [c.fn, c.ret, c.err]), [['Initialize', 'true', '0'], ['GetLastError', '0', '0'], ['SetValue', 'false', '406'], ['GetLastError', '406', '406'],
      ['GetValue', '', '403'], ['GetLastError', '403', '403']]);
    expect('session.calls is the same log', s.session.calls.length, log.length);
    expect('errors()', s.session.errors().map(c => c.err), ['406', '403']);
    expect('a failed call carries its diagnostic', log[2].diagnostic, 'cmi.location: a characterstring of 1,001 characters, over its limit of 1,000');
  });

  test('browser adapter: window.API / window.API_1484_11 expose the eight functions only', expect => {
    const w1 = {}, w2 = {};
    R.attach(w1, { version: '1.2' });
    R.attach(w2, { version: '2004' });
    expect('1.2', Object.keys(w1.API).sort(), ['LMSCommit', 'LMSFinish', 'LMSGetDiagnostic', 'LMSGetErrorString', 'LMSGetLastError', 'LMSGetValue', 'LMSInitialize', 'LMSSetValue']);
    expect('2004', Object.keys(w2.API_1484_11).sort(), ['Commit', 'GetDiagnostic', 'GetErrorString', 'GetLastError', 'GetValue', 'Initialize', 'SetValue', 'Terminate']);
    expect('works', [w2.API_1484_11.Initialize(''), w2.API_1484_11.GetValue('cmi.mode')], ['true', 'normal']);
  });

  // runs last: every element of both data models was exercised by a test above
  test('every data model element is tested', expect => {
    ['1.2', '2004'].forEach(v => {
      const missing = Object.keys(R.models[v].elements).filter(p => !self.H.covered[v].has(p));
      expect(v + ' elements without a test', missing, []);
    });
  });
})();
