/* SCORM 2004 4th Edition: every data model element with a valid value, invalid ones and the exact
   error code; read-only and write-only; keywords; dependencies and unique ids; the state machine. */
(function () {
  'use strict';
  const { test, session } = self.H;
  const V = '2004';
  const long = n => 'x'.repeat(n);
  const I = 'cmi.interactions.0.';
  const O = 'cmi.objectives.0.';
  const C = 'cmi.comments_from_learner.0.';
  const inter = type => [[I + 'id', 'q1'], [I + 'type', type]];
  const obj = [[O + 'id', 'obj1']];

  const RW = [
    [C + 'comment', ['Good', '{lang=ar}جيد', long(4000), '{lang=en}' + long(4000)], [['{lang=1x}Bad', '406'], [long(4001), '406']]],
    [C + 'location', ['page-3', long(250)], [[long(251), '406']], [[C + 'comment', 'c']]],
    [C + 'timestamp', ['2026-12-07T10:00:00', '2026', '2026-12-07T10:00:00.5Z'], [['2026-13-01', '406'], ['07/12/2026', '406']], [[C + 'comment', 'c']]],
    ['cmi.completion_status', ['completed', 'incomplete', 'not attempted', 'unknown'], [['done', '406'], ['Completed', '406']]],
    ['cmi.exit', ['time-out', 'suspend', 'logout', 'normal', ''], [['quit', '406']]],
    [I + 'id', ['q1', 'urn:coursepack:q1', long(4000)], [['q 1', '406'], ['', '406'], [long(4001), '406']]],
    [I + 'type', ['true-false', 'choice', 'fill-in', 'long-fill-in', 'likert', 'matching', 'performance', 'sequencing', 'numeric', 'other'], [['essay', '406']], [[I + 'id', 'q1']]],
    [I + 'objectives.0.id', ['obj1'], [['', '406'], ['obj 1', '406']], [[I + 'id', 'q1']]],
    [I + 'timestamp', ['2026-12-07T03:45:12.34Z', '2026-12-07T03:45:12+05:30', '1970-01-01', '2038-01-19T03:14:07'], [['2026-12-07T03:45:12.345Z', '406'], ['1969-12-31', '406'], ['2039-01-01', '406'], ['2026-02-30', '406'], ['2026-12-07T24:00:00', '406'], ['2026-12-07 03:45:12', '406']], [[I + 'id', 'q1']]],
    [I + 'correct_responses.0.pattern', ['a[,]b', 'a'], [['a[,]a', '406'], ['a b', '406']], inter('choice')],
    [I + 'weighting', ['1', '-1.5', '0.1234567'], [['x', '406'], ['', '406']], [[I + 'id', 'q1']]],
    [I + 'learner_response', ['a[,]b', ''], [['a b', '406'], ['a[,]b[,]a', '406']], inter('choice')],
    [I + 'result', ['correct', 'incorrect', 'unanticipated', 'neutral', '0.75', '-2'], [['wrong', '406'], ['right', '406']], [[I + 'id', 'q1']]],
    [I + 'latency', ['PT5.25S', 'P1DT2H', 'PT0S', 'P1Y2M3DT4H5M6.7S'], [['PT5.255S', '406'], ['P', '406'], ['PT', '406'], ['P1DT', '406'], ['00:00:05', '406'], ['-PT5S', '406']], [[I + 'id', 'q1']]],
    [I + 'description', ['Where do you register?', '{lang=ar}أين تسجل؟', long(250)], [[long(251), '406'], ['{lang=}x', '406']], [[I + 'id', 'q1']]],
    ['cmi.learner_preference.audio_level', ['0', '0.5', '10'], [['-0.1', '407'], ['loud', '406']]],
    ['cmi.learner_preference.language', ['ar', 'fa-AF', 'en-US', ''], [['english language', '406'], ['e', '406'], ['toolonglanguage', '406']]],
    ['cmi.learner_preference.delivery_speed', ['2', '0.5'], [['-1', '407'], ['fast', '406']]],
    ['cmi.learner_preference.audio_captioning', ['-1', '0', '1'], [['2', '406'], ['on', '406']]],
    ['cmi.location', ['p4', long(1000)], [[long(1001), '406']]],
    [O + 'id', ['urn:x:obj-1'], [['a b', '406'], ['', '406']]],
    [O + 'score.scaled', ['-1', '0', '1', '0.5'], [['-1.01', '407'], ['1.0000001', '407'], ['half', '406']], obj],
    [O + 'score.raw', ['-5.5', '1000'], [['five', '406']], obj],
    [O + 'score.min', ['0'], [['', '406']], obj],
    [O + 'score.max', ['100'], [['1e2', '406']], obj],
    [O + 'success_status', ['passed', 'failed', 'unknown'], [['pass', '406']], obj],
    [O + 'completion_status', ['completed', 'incomplete', 'not attempted', 'unknown'], [['complete', '406']], obj],
    [O + 'progress_measure', ['0', '0.5', '1'], [['1.1', '407'], ['-0.1', '407'], ['most', '406']], obj],
    [O + 'description', ['Register an address', long(250)], [[long(251), '406']], obj],
    ['cmi.progress_measure', ['0', '0.25', '1'], [['-0.1', '407'], ['1.01', '407'], ['x', '406']]],
    ['cmi.score.scaled', ['0.86', '-1', '1'], [['1.01', '407'], ['-1.5', '407'], ['86%', '406']]],
    ['cmi.score.raw', ['86', '-3', '1234.5'], [['x', '406'], ['', '406']]],
    ['cmi.score.min', ['0'], [['zero', '406']]],
    ['cmi.score.max', ['100'], [['100 points', '406']]],
    ['cmi.session_time', ['PT1H0M0S', 'PT0.5S', 'P0D'], [['01:00:00', '406'], ['PT1.123S', '406']]],
    ['cmi.success_status', ['passed', 'failed', 'unknown'], [['fail', '406']]],
    ['cmi.suspend_data', ['', 'state', long(64000)], [[long(64001), '406']]],
    ['adl.nav.request', ['continue', 'previous', 'exit', 'exitAll', 'abandon', 'abandonAll', 'suspendAll', '_none_', '{target=page-2}choice', '{target=p}jump'], [['goto', '406'], ['{target=}choice', '406'], ['choice', '406']]]
  ];
  RW.forEach(([el, good, bad, first]) => test('2004 ' + el + ': valid and invalid values', expect => {
    const s = session(V);
    (first || []).forEach(([e, v]) => expect('setup ' + e, s.set(e, v), ['true', '0']));
    const show = v => JSON.stringify(v.length > 40 ? v.slice(0, 20) + '...(' + v.length + ')' : v);
    good.forEach(v => {
      expect('set ' + show(v), s.set(el, v), ['true', '0']);
      if (!/\.exit$|session_time$/.test(el)) expect('read back ' + show(v), s.get(el), [v, '0']);
    });
    bad.forEach(([v, code]) => expect('refuse ' + show(v), s.set(el, v), ['false', code]));
  }));

  // learner_response and correct_responses.n.pattern by interaction type (RTE 4.2.9.1)
  const RESPONSES = {
    'true-false': [['true', 'false'], ['t', '1', 'True'], [], []],
    choice: [['a', 'a[,]b', ''], ['a[,]', 'a[,]a'], [], []],
    'fill-in': [['Town hall', 'a[,]b', '{lang=de}Rathaus'], [long(251), '{lang=9}x'], ['{case_matters=true}{order_matters=false}a[,]b'], ['{case_matters=yes}a']],
    'long-fill-in': [['A long answer. ' + long(3000)], [long(4001)], ['{case_matters=false}An answer'], ['{order_matters=true}a']],
    likert: [['agree'], ['strongly agree', '']],
    matching: [['a[.]1', 'a[.]1[,]b[.]2'], ['a[.]', 'a-1', 'a[.]1[.]2'], [], []],
    performance: [['step1[.]done', '[.]42'], ['[.]', 'step 1[.]x'], ['{order_matters=false}s[.]1[:]5'], ['s[.]5[:]1']],
    sequencing: [['a[,]b[,]c'], ['a b', '']],
    numeric: [[], [], ['1[:]5', '[:]5', '1[:]', '-1.5[:]2'], ['5[:]1', '1-5', '3.14', 'three'], ['3.14', '-2'], ['three', '1[:]2']],
    other: [['anything at all', long(4000)], [long(4001)]]
  };
  Object.keys(RESPONSES).forEach(type => test('2004 learner_response and pattern for type ' + type, expect => {
    const [good, bad, patternOnly, patternBad, responseOnly, responseBad] = RESPONSES[type];
    const s = session(V);
    s.set(I + 'id', 'q1'); s.set(I + 'type', type);
    good.forEach(v => {
      expect('response ' + v.slice(0, 20), s.set(I + 'learner_response', v), ['true', '0']);
      expect('pattern ' + v.slice(0, 20), s.set(I + 'correct_responses.0.pattern', v), ['true', '0']);
    });
    bad.forEach(v => {
      expect('refuse response ' + v.slice(0, 20), s.set(I + 'learner_response', v), ['false', '406']);
      expect('refuse pattern ' + v.slice(0, 20), s.set(I + 'correct_responses.0.pattern', v), ['false', '406']);
    });
    (patternOnly || []).forEach(v => expect('pattern only ' + v, s.set(I + 'correct_responses.0.pattern', v), ['true', '0']));
    (patternBad || []).forEach(v => expect('refuse pattern ' + v, s.set(I + 'correct_responses.0.pattern', v), ['false', '406']));
    (responseOnly || []).forEach(v => expect('response only ' + v, s.set(I + 'learner_response', v), ['true', '0']));
    (responseBad || []).forEach(v => expect('refuse response ' + v, s.set(I + 'learner_response', v), ['false', '406']));
  }));

  test('2004 correct response patterns: as many as the type allows, then 351', expect => {
    const limits = { 'true-false': 1, choice: 10, 'fill-in': 5, 'long-fill-in': 5, likert: 1, matching: 5, performance: 5, sequencing: 5, numeric: 1, other: 1 };
    const sample = { 'true-false': 'true', choice: 'a', 'fill-in': 'a', 'long-fill-in': 'a', likert: 'a', matching: 'a[.]b', performance: 's[.]a', sequencing: 'a', numeric: '1[:]2', other: 'a' };
    Object.keys(limits).forEach((type, i) => {
      const s = session(V);
      s.set(I + 'id', 'q'); s.set(I + 'type', type);
      for (let n = 0; n < limits[type]; n++) expect(type + ' pattern ' + n, s.set(I + 'correct_responses.' + n + '.pattern', sample[type]), ['true', '0']);
      expect(type + ' one pattern too many', s.set(I + 'correct_responses.' + limits[type] + '.pattern', sample[type]), ['false', '351']);
      expect(type + ' _count', s.get(I + 'correct_responses._count'), [String(limits[type]), '0']);
    });
  });

  test('2004 read-only elements: their values, and 404 on SetValue', expect => {
    const launch = {
      entry: 'resume', credit: 'no-credit', mode: 'review', learner: { id: 'learner-42', name: 'Test, Learner' }, launchData: 'from-manifest',
      scaledPassingScore: '0.8', completionThreshold: '0.75', maxTimeAllowed: 'PT1H', timeLimitAction: 'exit,message',
      commentsFromLms: [{ comment: 'See page 3', location: 'p3', timestamp: '2026-12-01T09:00:00' }],
      navRequestValid: { continue: 'true', previous: 'false', choice: { 'page-2': 'true' }, jump: { 'page-9': 'false' } }
    };
    const s = session(V, { launch, record: { 'cmi.total_time': 'PT10M' } });
    const RO = {
      'cmi._version': '1.0', 'cmi.comments_from_lms.0.comment': 'See page 3', 'cmi.comments_from_lms.0.location': 'p3',
      'cmi.comments_from_lms.0.timestamp': '2026-12-01T09:00:00', 'cmi.comments_from_lms._count': '1', 'cmi.completion_threshold': '0.75',
      'cmi.credit': 'no-credit', 'cmi.entry': 'resume', 'cmi.launch_data': 'from-manifest', 'cmi.learner_id': 'learner-42',
      'cmi.learner_name': 'Test, Learner', 'cmi.max_time_allowed': 'PT1H', 'cmi.mode': 'review', 'cmi.scaled_passing_score': '0.8',
      'cmi.time_limit_action': 'exit,message', 'cmi.total_time': 'PT10M', 'adl.nav.request_valid.continue': 'true',
      'adl.nav.request_valid.previous': 'false', 'adl.nav.request_valid.choice.{target=page-2}': 'true',
      'adl.nav.request_valid.jump.{target=page-9}': 'false', 'adl.nav.request_valid.choice.{target=other}': 'unknown'
    };
    Object.keys(RO).forEach(el => {
      expect('get ' + el, s.get(el), [RO[el], '0']);
      expect('set ' + el, s.set(el, RO[el]), ['false', '404']);
    });
    expect('comments_from_lms past _count', s.get('cmi.comments_from_lms.1.comment'), ['', '301']);
  });

  test('2004 values never set: 403, and the defaults', expect => {
    const s = session(V);
    ['cmi.location', 'cmi.suspend_data', 'cmi.score.scaled', 'cmi.score.raw', 'cmi.score.min', 'cmi.score.max', 'cmi.progress_measure',
      'cmi.launch_data', 'cmi.max_time_allowed', 'cmi.scaled_passing_score', 'cmi.completion_threshold'].forEach(el => expect(el, s.get(el), ['', '403']));
    const D = {
      'cmi.completion_status': 'unknown', 'cmi.success_status': 'unknown', 'cmi.entry': 'ab-initio', 'cmi.credit': 'credit', 'cmi.mode': 'normal',
      'cmi.total_time': 'PT0H0M0S', 'cmi.time_limit_action': 'continue,no message', 'cmi.learner_preference.audio_level': '1',
      'cmi.learner_preference.language': '', 'cmi.learner_preference.delivery_speed': '1', 'cmi.learner_preference.audio_captioning': '0',
      'cmi.interactions._count': '0', 'cmi.objectives._count': '0', 'cmi.comments_from_learner._count': '0', 'cmi.comments_from_lms._count': '0',
      'adl.nav.request': '_none_', 'adl.nav.request_valid.continue': 'unknown'
    };
    Object.keys(D).forEach(el => expect(el, s.get(el), [D[el], '0']));
    s.set(I + 'id', 'q1'); s.set(O + 'id', 'o1'); s.set(C + 'comment', 'c');
    [I + 'type', I + 'timestamp', I + 'weighting', I + 'learner_response', I + 'result', I + 'latency', I + 'description',
      O + 'score.scaled', O + 'score.raw', O + 'score.min', O + 'score.max', O + 'progress_measure', O + 'description',
      C + 'location', C + 'timestamp'].forEach(el => expect(el, s.get(el), ['', '403']));
    expect('objective success default', s.get(O + 'success_status'), ['unknown', '0']);
    expect('objective completion default', s.get(O + 'completion_status'), ['unknown', '0']);
  });

  test('2004 elements an LMS does not implement: 402 on GetValue and SetValue, others unaffected', expect => {
    const s = session(V, { unimplemented: ['cmi.progress_measure', 'cmi.interactions.n.latency'] });
    expect('set progress_measure', s.set('cmi.progress_measure', '0.5'), ['false', '402']);
    expect('get progress_measure', s.get('cmi.progress_measure'), ['', '402']);
    s.set(I + 'id', 'q1');
    expect('set latency', s.set(I + 'latency', 'PT5S'), ['false', '402']);
    expect('set result', s.set(I + 'result', 'correct'), ['true', '0']);
    expect('set location', s.set('cmi.location', 'p2'), ['true', '0']);
  });

  test('2004 write-only elements: 405 on GetValue', expect => {
    const s = session(V);
    s.set('cmi.exit', 'suspend'); s.set('cmi.session_time', 'PT1M');
    expect('cmi.exit', s.get('cmi.exit'), ['', '405']);
    expect('cmi.session_time', s.get('cmi.session_time'), ['', '405']);
  });

  test('2004 keywords: _children, _count, _version', expect => {
    const s = session(V);
    const CH = {
      'cmi.comments_from_learner._children': 'comment,location,timestamp', 'cmi.comments_from_lms._children': 'comment,location,timestamp',
      'cmi.interactions._children': 'id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description',
      'cmi.learner_preference._children': 'audio_level,language,delivery_speed,audio_captioning',
      'cmi.objectives._children': 'id,score,success_status,completion_status,progress_measure,description', 'cmi.score._children': 'scaled,raw,min,max'
    };
    Object.keys(CH).forEach(el => { expect(el, s.get(el), [CH[el], '0']); expect('set ' + el, s.set(el, 'x'), ['false', '404']); });
    s.set(O + 'id', 'o');
    expect('objective score._children', s.get(O + 'score._children'), ['scaled,raw,min,max', '0']);
    expect('no children', s.get('cmi.location._children'), ['', '301']);
    expect('not an array', s.get('cmi.score._count'), ['', '301']);
    expect('set _count', s.set('cmi.objectives._count', '2'), ['false', '404']);
    expect('set _version', s.set('cmi._version', '2.0'), ['false', '404']);
    expect('undefined element', s.get('cmi.core.lesson_status'), ['', '401']);
    expect('set undefined element', s.set('cmi.foo', 'x'), ['false', '401']);
    expect('a group is not an element', s.get('cmi.score'), ['', '401']);
    expect('undefined adl element', s.get('adl.nav.foo'), ['', '401']);
    expect('empty GetValue', s.get(''), ['', '301']);
    expect('empty SetValue', s.set('', 'x'), ['false', '351']);
    expect('SetValue of undefined', s.set('cmi.location', undefined), ['false', '201']);
    expect('SetValue of a number', s.set('cmi.score.raw', 86), ['true', '0']);
    expect('a number reads back as a string', s.get('cmi.score.raw'), ['86', '0']);
  });

  test('2004 objectives and interactions: id first (408), unique ids (351), no skipping (351), reading past _count (301)', expect => {
    const s = session(V);
    expect('interaction type before id', s.set(I + 'type', 'choice'), ['false', '408']);
    expect('interaction objective before id', s.set(I + 'objectives.0.id', 'o'), ['false', '408']);
    expect('objective score before id', s.set(O + 'score.raw', '5'), ['false', '408']);
    expect('nothing was created', s.get('cmi.interactions._count'), ['0', '0']);
    expect('skip ahead', s.set('cmi.interactions.1.id', 'q2'), ['false', '351']);
    expect('id', s.set(I + 'id', 'q1'), ['true', '0']);
    expect('response before type', s.set(I + 'learner_response', 'a'), ['false', '408']);
    expect('pattern before type', s.set(I + 'correct_responses.0.pattern', 'a'), ['false', '408']);
    expect('a second interaction with the same id', s.set('cmi.interactions.1.id', 'q1'), ['false', '351']);
    expect('its diagnostic', s.diag(), 'cmi.interactions.1.id: "q1" is already the id of cmi.interactions.0; ids are unique in cmi.interactions');
    expect('no record left behind', s.get('cmi.interactions._count'), ['1', '0']);
    expect('the next one, then, with its own id', s.set('cmi.interactions.1.id', 'q1-2'), ['true', '0']);
    expect('setting an existing id again to itself', s.set(I + 'id', 'q1'), ['true', '0']);
    expect('changing to another interaction id', s.set(I + 'id', 'q1-2'), ['false', '351']);
    expect('read past _count', s.get('cmi.interactions.2.id'), ['', '301']);
    expect('interaction objective', s.set(I + 'objectives.0.id', 'o1'), ['true', '0']);
    expect('interaction objective twice', s.set(I + 'objectives.1.id', 'o1'), ['false', '351']);
    expect('objective', s.set(O + 'id', 'obj1'), ['true', '0']);
    expect('objective twice', s.set('cmi.objectives.1.id', 'obj1'), ['false', '351']);
    expect('objective id changed', s.set(O + 'id', 'obj2'), ['false', '351']);
    expect('objective id set to itself', s.set(O + 'id', 'obj1'), ['true', '0']);
    expect('comments need no id', s.set('cmi.comments_from_learner.0.location', 'p1'), ['true', '0']);
    expect('comments skip ahead', s.set('cmi.comments_from_learner.2.comment', 'x'), ['false', '351']);
    expect('leading zero index', s.get('cmi.interactions.00.id'), ['', '401']);
  });

  test('2004 state machine: before Initialize, twice, after Terminate', expect => {
    const s = session(V, null, false);
    expect('get before', s.get('cmi.location'), ['', '122']);
    expect('set before', s.set('cmi.location', 'p'), ['false', '132']);
    expect('commit before', s.commit(), ['false', '142']);
    expect('terminate before', s.fin(), ['false', '112']);
    expect('initialize with an argument', s.init('x'), ['false', '201']);
    expect('initialize', s.init(), ['true', '0']);
    expect('initialize twice', s.init(), ['false', '103']);
    expect('the session goes on', s.set('cmi.location', 'p'), ['true', '0']);
    expect('commit with an argument', s.commit('x'), ['false', '201']);
    expect('terminate with an argument', s.fin('x'), ['false', '201']);
    expect('commit', s.commit(), ['true', '0']);
    expect('terminate', s.fin(), ['true', '0']);
    expect('get after', s.get('cmi.location'), ['', '123']);
    expect('set after', s.set('cmi.location', 'p'), ['false', '133']);
    expect('commit after', s.commit(), ['false', '143']);
    expect('terminate after', s.fin(), ['false', '113']);
    expect('initialize after', s.init(), ['false', '104']);
  });

  test('2004 error texts and diagnostics', expect => {
    const s = session(V);
    const T = { '0': 'No Error', '101': 'General Exception', '102': 'General Initialization Failure', '103': 'Already Initialized', '104': 'Content Instance Terminated',
      '111': 'General Termination Failure', '112': 'Termination Before Initialization', '113': 'Termination After Termination', '122': 'Retrieve Data Before Initialization',
      '123': 'Retrieve Data After Termination', '132': 'Store Data Before Initialization', '133': 'Store Data After Termination', '142': 'Commit Before Initialization',
      '143': 'Commit After Termination', '201': 'General Argument Error', '301': 'General Get Failure', '351': 'General Set Failure', '391': 'General Commit Failure',
      '401': 'Undefined Data Model Element', '402': 'Unimplemented Data Model Element', '403': 'Data Model Element Value Not Initialized',
      '404': 'Data Model Element Is Read Only', '405': 'Data Model Element Is Write Only', '406': 'Data Model Element Type Mismatch',
      '407': 'Data Model Element Value Out Of Range', '408': 'Data Model Dependency Not Established' };
    Object.keys(T).forEach(c => expect('text ' + c, s.text(c), T[c]));
    expect('unknown code', s.text('999'), '');
    s.set('cmi.score.scaled', '2');
    expect('diagnostic', s.diag(''), 'cmi.score.scaled: 2 is outside -1 to 1');
    expect('the error functions keep the code', s.code(), '407');
    s.get('cmi.location');
    expect('a successful call clears it... and this one was 403', s.code(), '403');
    s.set('cmi.location', 'p');
    expect('cleared', [s.code(), s.diag('')], ['0', 'No Error']);
  });

  test('2004 the LMS evaluates success and completion from the scaled passing score and completion threshold', expect => {
    let kept = null;
    const s = session(V, { launch: { scaledPassingScore: '0.8', completionThreshold: '0.5' }, persist: r => { kept = r; return true; } });
    expect('no score: unknown', s.get('cmi.success_status'), ['unknown', '0']);
    s.set('cmi.success_status', 'passed');
    expect('the content cannot override it', s.get('cmi.success_status'), ['unknown', '0']);
    s.set('cmi.score.scaled', '0.5');
    expect('below the passing score', s.get('cmi.success_status'), ['failed', '0']);
    s.set('cmi.score.scaled', '0.8');
    expect('at the passing score', s.get('cmi.success_status'), ['passed', '0']);
    expect('no progress measure: unknown', s.get('cmi.completion_status'), ['unknown', '0']);
    s.set('cmi.progress_measure', '0.4');
    expect('below the threshold', s.get('cmi.completion_status'), ['incomplete', '0']);
    s.commit();
    expect('kept as evaluated', [kept['cmi.success_status'], kept['cmi.completion_status']], ['passed', 'incomplete']);
  });

  test('2004 Terminate: total_time adds session_time', expect => {
    let kept = null;
    const s = session(V, { record: { 'cmi.total_time': 'PT1H30M' }, persist: r => { kept = r; return true; } });
    s.set('cmi.session_time', 'PT45M10.5S');
    expect('terminate', s.fin(), ['true', '0']);
    expect('total', kept['cmi.total_time'], 'PT2H15M10.5S');
  });
})();
