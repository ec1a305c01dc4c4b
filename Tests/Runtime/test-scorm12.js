/* SCORM 1.2: every data model element with a valid value, invalid ones and the exact error code;
   read-only and write-only; keywords; the state machine. */
(function () {
  'use strict';
  const { test, session } = self.H;
  const V = '1.2';
  const long = n => 'x'.repeat(n);
  const I = 'cmi.interactions.0.';
  const asChoice = [[I + 'id', 'q1'], [I + 'type', 'choice']];

  /* [element, valid values, [invalid value, code]..., calls made first] */
  const RW = [
    ['cmi.core.lesson_location', ['p4', '', long(255)], [[long(256), '405']]],
    ['cmi.core.lesson_status', ['passed', 'completed', 'failed', 'incomplete', 'browsed'], [['not attempted', '405'], ['done', '405'], ['Passed', '405']]],
    ['cmi.core.score.raw', ['86', '86.5', '0', '100', ''], [['101', '405'], ['-1', '405'], ['abc', '405'], ['8e1', '405']]],
    ['cmi.core.score.min', ['0'], [['100.01', '405'], ['x', '405']]],
    ['cmi.core.score.max', ['100'], [['1000', '405'], ['1,5', '405']]],
    ['cmi.core.exit', ['time-out', 'suspend', 'logout', ''], [['normal', '405'], ['quit', '405']]],
    ['cmi.core.session_time', ['00:00:05', '0000:01:30.5', '9999:59:59.99'], [['1:30:00', '405'], ['00:60:00', '405'], ['00:00:60', '405'], ['10000:00:00', '405'], ['00:00:05.123', '405'], ['PT5S', '405']]],
    ['cmi.suspend_data', ['', 'state', long(4096)], [[long(4097), '405']]],
    ['cmi.comments', ['Good module', long(4096)], [[long(4097), '405']]],
    ['cmi.objectives.0.id', ['obj-1', 'A1333'], [['has space', '405'], ['', '405'], [long(256), '405'], ['objé', '405']]],
    ['cmi.objectives.0.score.raw', ['50', ''], [['-1', '405'], ['fifty', '405']], [['cmi.objectives.0.id', 'o']]],
    ['cmi.objectives.0.score.min', ['0'], [['101', '405']], [['cmi.objectives.0.id', 'o']]],
    ['cmi.objectives.0.score.max', ['100'], [['x', '405']], [['cmi.objectives.0.id', 'o']]],
    ['cmi.objectives.0.status', ['passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted'], [['done', '405']], [['cmi.objectives.0.id', 'o']]],
    ['cmi.student_preference.audio', ['-1', '0', '100'], [['101', '405'], ['-2', '405'], ['1.5', '405'], ['loud', '405']]],
    ['cmi.student_preference.language', ['ar', '', long(255)], [[long(256), '405']]],
    ['cmi.student_preference.speed', ['-100', '0', '100'], [['-101', '405'], ['101', '405'], ['fast', '405']]],
    ['cmi.student_preference.text', ['-1', '0', '1'], [['2', '405'], ['-2', '405'], ['on', '405']]],
    ['cmi.interactions.0.id', ['q1', 'where-to-register:0'], [['q 1', '405'], ['', '405'], [long(256), '405']]],
    ['cmi.interactions.0.objectives.0.id', ['obj1'], [['obj 1', '405'], ['', '405']], [[I + 'id', 'q1']]],
    ['cmi.interactions.0.time', ['00:00:00', '23:59:59.99', '12:30:05.5'], [['24:00:00', '405'], ['12:60:00', '405'], ['1:00:00', '405'], ['12:00', '405']], [[I + 'id', 'q1']]],
    ['cmi.interactions.0.type', ['true-false', 'choice', 'fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric'], [['long-fill-in', '405'], ['other', '405'], ['essay', '405']], [[I + 'id', 'q1']]],
    ['cmi.interactions.0.correct_responses.0.pattern', ['a,b', 'a', '{a,b}'], [['a;b', '405'], ['ab', '405'], ['A', '405']], asChoice],
    ['cmi.interactions.0.weighting', ['1', '2.5', '-1'], [['heavy', '405'], ['', '405']], [[I + 'id', 'q1']]],
    ['cmi.interactions.0.student_response', ['k', 'k,l', '0,1,2'], [['k l', '405'], ['kl', '405'], [',', '405']], asChoice],
    ['cmi.interactions.0.result', ['correct', 'wrong', 'unanticipated', 'neutral', '0.5'], [['incorrect', '405'], ['right', '405']], [[I + 'id', 'q1']]],
    ['cmi.interactions.0.latency', ['00:00:05', '0001:02:03.04'], [['5s', '405'], ['PT5S', '405'], ['00:00:5', '405']], [[I + 'id', 'q1']]]
  ];
  RW.forEach(([el, good, bad, first]) => test('1.2 ' + el + ': valid and invalid values', expect => {
    const s = session(V);
    (first || []).forEach(([e, v]) => expect('setup ' + e, s.set(e, v), ['true', '0']));
    good.forEach(v => expect('set ' + JSON.stringify(v.length > 40 ? v.slice(0, 20) + '...(' + v.length + ')' : v), s.set(el, v), ['true', '0']));
    bad.forEach(([v, code]) => expect('refuse ' + JSON.stringify(v.length > 40 ? v.slice(0, 20) + '...(' + v.length + ')' : v), s.set(el, v), ['false', code]));
  }));

  // CMIFeedback follows the interaction's type (RTE 3.4.2)
  const FEEDBACK = {
    'true-false': [['0', '1', 't', 'f'], ['true', 'yes', '2']],
    choice: [['a', '1,2,z'], ['a b', 'ab,c']],
    'fill-in': [['any text at all', long(255)], [long(256)]],
    numeric: [['3.14', '-2'], ['three', '1/2']],
    likert: [['5', 'c', ''], ['55', 'cc']],
    matching: [['1.a', '1.a,2.b', '{1.a,2.b}'], ['1-a', '1.a;2.b', '1.']],
    performance: [['step one', long(255)], [long(256)]],
    sequencing: [['a,b,c'], ['abc', 'a b']]
  };
  Object.keys(FEEDBACK).forEach(type => test('1.2 student_response and pattern for type ' + type, expect => {
    const s = session(V);
    s.set(I + 'id', 'q1');
    s.set(I + 'type', type);
    FEEDBACK[type][0].forEach(v => { expect('response ' + v.slice(0, 20), s.set(I + 'student_response', v), ['true', '0']); expect('pattern ' + v.slice(0, 20), s.set(I + 'correct_responses.0.pattern', v), ['true', '0']); });
    FEEDBACK[type][1].forEach(v => { expect('response ' + v.slice(0, 20), s.set(I + 'student_response', v), ['false', '405']); expect('pattern ' + v.slice(0, 20), s.set(I + 'correct_responses.0.pattern', v), ['false', '405']); });
  }));

  test('1.2 read-only elements: their values, and 403 on LMSSetValue', expect => {
    const s = session(V, { launch: { entry: 'resume', credit: 'no-credit', mode: 'review', learner: { id: 'learner-42', name: 'Test, Learner' }, launchData: 'from-manifest', commentsFromLms: 'See page 3', masteryScore: '80', maxTimeAllowed: '0001:00:00', timeLimitAction: 'exit,message' }, record: { 'cmi.core.total_time': '0000:10:00.00' } });
    const RO = {
      'cmi.core.student_id': 'learner-42', 'cmi.core.student_name': 'Test, Learner', 'cmi.core.credit': 'no-credit', 'cmi.core.entry': 'resume',
      'cmi.core.total_time': '0000:10:00.00', 'cmi.core.lesson_mode': 'review', 'cmi.launch_data': 'from-manifest', 'cmi.comments_from_lms': 'See page 3',
      'cmi.student_data.mastery_score': '80', 'cmi.student_data.max_time_allowed': '0001:00:00', 'cmi.student_data.time_limit_action': 'exit,message'
    };
    Object.keys(RO).forEach(el => {
      expect('get ' + el, s.get(el), [RO[el], '0']);
      expect('set ' + el, s.set(el, RO[el]), ['false', '403']);
      expect(el + ' unchanged', s.get(el), [RO[el], '0']);
    });
  });

  test('1.2 defaults before anything is set', expect => {
    const s = session(V);
    const D = {
      'cmi.core.lesson_location': '', 'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'ab-initio', 'cmi.core.credit': 'credit',
      'cmi.core.lesson_mode': 'normal', 'cmi.core.total_time': '0000:00:00.00', 'cmi.core.score.raw': '', 'cmi.suspend_data': '', 'cmi.launch_data': '',
      'cmi.comments': '', 'cmi.comments_from_lms': '', 'cmi.student_data.mastery_score': '', 'cmi.student_preference.language': '',
      'cmi.student_preference.audio': '0', 'cmi.student_preference.speed': '0', 'cmi.student_preference.text': '0', 'cmi.objectives._count': '0', 'cmi.interactions._count': '0'
    };
    Object.keys(D).forEach(el => expect(el, s.get(el), [D[el], '0']));
  });

  test('1.2 elements an LMS does not implement: 401 on LMSSetValue, others unaffected', expect => {
    const s = session(V, { unimplemented: ['cmi.interactions.n.time'] });
    s.set(I + 'id', 'q1');
    expect('set time', s.set(I + 'time', '10:00:00'), ['false', '401']);
    expect('set result', s.set(I + 'result', 'correct'), ['true', '0']);
  });

  test('1.2 write-only elements: 404 on LMSGetValue', expect => {
    const s = session(V);
    s.set(I + 'id', 'q1'); s.set(I + 'type', 'choice'); s.set(I + 'objectives.0.id', 'o1'); s.set(I + 'correct_responses.0.pattern', 'a');
    ['cmi.core.exit', 'cmi.core.session_time', I + 'id', I + 'objectives.0.id', I + 'time', I + 'type', I + 'correct_responses.0.pattern', I + 'weighting',
      I + 'student_response', I + 'result', I + 'latency'].forEach(el => expect(el, s.get(el), ['', '404']));
  });

  test('1.2 keywords: _children, _count, 202, 203 and 402', expect => {
    const s = session(V);
    expect('core._children', s.get('cmi.core._children'), ['student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time', '0']);
    expect('score._children', s.get('cmi.core.score._children'), ['raw,min,max', '0']);
    expect('objectives._children', s.get('cmi.objectives._children'), ['id,score,status', '0']);
    expect('student_data._children', s.get('cmi.student_data._children'), ['mastery_score,max_time_allowed,time_limit_action', '0']);
    expect('student_preference._children', s.get('cmi.student_preference._children'), ['audio,language,speed,text', '0']);
    expect('interactions._children', s.get('cmi.interactions._children'), ['id,objectives,time,type,correct_responses,weighting,student_response,result,latency', '0']);
    expect('no children', s.get('cmi.core.lesson_location._children'), ['', '202']);
    expect('not an array', s.get('cmi.core._count'), ['', '203']);
    expect('set _children', s.set('cmi.core._children', 'x'), ['false', '402']);
    expect('set _count', s.set('cmi.interactions._count', '3'), ['false', '402']);
    expect('undefined element', s.get('cmi.core.foo'), ['', '201']);
    expect('set undefined element', s.set('cmi.learner_id', 'x'), ['false', '201']);
    expect('empty element', s.get(''), ['', '201']);
    expect('a 2004 element', s.get('cmi.location'), ['', '201']);
    s.set(I + 'id', 'q1');
    expect('interactions._count', s.get('cmi.interactions._count'), ['1', '0']);
    expect('interaction objectives._count', s.get(I + 'objectives._count'), ['0', '0']);
    expect('correct_responses._count', s.get(I + 'correct_responses._count'), ['0', '0']);
    s.set(I + 'objectives.0.id', 'o');
    expect('interaction objectives._count after one', s.get(I + 'objectives._count'), ['1', '0']);
  });

  test('1.2 arrays: the next index only; reading past _count', expect => {
    const s = session(V);
    expect('skip ahead', s.set('cmi.interactions.1.id', 'q2'), ['false', '201']);
    expect('first', s.set('cmi.interactions.0.id', 'q1'), ['true', '0']);
    expect('same id again (1.2 does not require unique ids)', s.set('cmi.interactions.1.id', 'q1'), ['true', '0']);
    expect('objective past _count', s.get('cmi.objectives.0.id'), ['', '201']);
    s.set('cmi.objectives.0.id', 'o1');
    expect('objective id', s.get('cmi.objectives.0.id'), ['o1', '0']);
    expect('objective status default', s.get('cmi.objectives.0.status'), ['not attempted', '0']);
    expect('objective field creates the next one', s.set('cmi.objectives.1.status', 'passed'), ['true', '0']);
    expect('objectives._count', s.get('cmi.objectives._count'), ['2', '0']);
    expect('leading zero index', s.set('cmi.objectives.01.id', 'x'), ['false', '201']);
  });

  test('1.2 state machine: before LMSInitialize, twice, after LMSFinish', expect => {
    const s = session(V, null, false);
    expect('get before', s.get('cmi.core.lesson_location'), ['', '301']);
    expect('set before', s.set('cmi.core.lesson_location', 'p'), ['false', '301']);
    expect('commit before', s.commit(), ['false', '301']);
    expect('finish before', s.fin(), ['false', '301']);
    expect('initialize with an argument', s.init('x'), ['false', '201']);
    expect('initialize', s.init(), ['true', '0']);
    expect('initialize twice', s.init(), ['false', '101']);
    expect('commit with an argument', s.commit('x'), ['false', '201']);
    expect('finish with an argument', s.fin('x'), ['false', '201']);
    expect('commit', s.commit(), ['true', '0']);
    expect('finish', s.fin(), ['true', '0']);
    expect('get after', s.get('cmi.core.lesson_location'), ['', '301']);
    expect('set after', s.set('cmi.core.lesson_location', 'p'), ['false', '301']);
    expect('commit after', s.commit(), ['false', '301']);
    expect('finish after', s.fin(), ['false', '301']);
    expect('initialize after', s.init(), ['false', '101']);
    expect('state', s.session.state, 'terminated');
  });

  test('1.2 error texts and diagnostics', expect => {
    const s = session(V);
    const T = { '0': 'No error', '101': 'General exception', '201': 'Invalid argument error', '202': 'Element cannot have children', '203': 'Element not an array - cannot have count',
      '301': 'Not initialized', '401': 'Not implemented error', '402': 'Invalid set value, element is a keyword', '403': 'Element is read only', '404': 'Element is write only', '405': 'Incorrect Data Type' };
    Object.keys(T).forEach(c => expect('text ' + c, s.text(c), T[c]));
    expect('unknown code', s.text('999'), '');
    s.set('cmi.suspend_data', long(4097));
    expect('code kept by the error functions', [s.code(), s.text('405'), s.code()], ['405', 'Incorrect Data Type', '405']);
    expect('diagnostic', s.diag(''), 'cmi.suspend_data: a CMIString4096 of 4,097 characters, over its limit of 4,096');
    expect('diagnostic of the last code', s.diag('405'), 'cmi.suspend_data: a CMIString4096 of 4,097 characters, over its limit of 4,096');
    expect('diagnostic of another code', s.diag('403'), 'Element is read only');
  });

  test('1.2 LMSFinish: total_time adds session_time; the mastery score decides passed or failed', expect => {
    let kept = null;
    const s = session(V, { record: { 'cmi.core.total_time': '0000:59:50.00' }, launch: { entry: 'resume', masteryScore: '80' }, persist: r => { kept = r; return true; } });
    s.set('cmi.core.session_time', '00:00:15.5');
    s.set('cmi.core.score.raw', '50');
    s.set('cmi.core.lesson_status', 'incomplete');
    expect('lesson_status in the session', s.get('cmi.core.lesson_status'), ['incomplete', '0']);
    expect('finish', s.fin(), ['true', '0']);
    expect('total_time', kept['cmi.core.total_time'], '0001:00:05.50');
    expect('lesson_status kept', kept['cmi.core.lesson_status'], 'failed');
    expect('session_time kept', kept['cmi.core.session_time'], '00:00:15.5');
    const t = session(V, { launch: { masteryScore: '80', credit: 'no-credit' }, persist: r => { kept = r; return true; } });
    t.set('cmi.core.score.raw', '50'); t.set('cmi.core.lesson_status', 'incomplete'); t.fin();
    expect('no-credit leaves the status', kept['cmi.core.lesson_status'], 'incomplete');
    expect('no session_time, no total_time', kept['cmi.core.total_time'], undefined);
  });
})();
