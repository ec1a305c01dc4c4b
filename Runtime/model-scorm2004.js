/* Coursepack runtime: the SCORM 2004 4th Edition data model (RTE 4.2: the SCORM run-time environment
   data model, and 4.3: the navigation data model). Each element: access (ro, rw, wo), the check of a
   value the SCO sets, and where its initial value comes from; an element without `initial` and
   without a value answers 403 (value not initialized). `n` stands for an array index. */
(function (root) {
  'use strict';
  const R = root.CoursepackRuntime = root.CoursepackRuntime || {};
  const T = R.types;
  const SUCCESS = ['passed', 'failed', 'unknown'];
  const COMPLETION = ['completed', 'incomplete', 'not attempted', 'unknown'];
  const TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'likert', 'matching', 'performance', 'sequencing', 'numeric', 'other'];
  const RESULTS = ['correct', 'incorrect', 'unanticipated', 'neutral'];
  const SCORE = 'scaled,raw,min,max';
  const pref = (name, fallback) => ctx => { const p = ctx.launch.preferences || {}; return p[name] != null ? String(p[name]) : fallback; };
  // a value the LMS gives at launch; none means "not initialized" (403)
  const launchValue = (name, fallback) => ctx => (ctx.launch[name] != null ? String(ctx.launch[name]) : fallback);
  const fromLms = field => ctx => { const c = (ctx.launch.commentsFromLms || [])[ctx.indices[0]] || {}; return c[field] != null ? String(c[field]) : undefined; };

  // completion_status and success_status as the LMS evaluates them (RTE 4.2.4.1 and 4.2.22.1): with a
  // completion threshold the progress measure decides; with a scaled passing score the scaled score decides
  function completion(ctx) {
    const threshold = ctx.launch.completionThreshold;
    if (threshold != null && threshold !== '') {
      const pm = ctx.get('cmi.progress_measure');
      return pm === undefined ? 'unknown' : +pm >= +threshold ? 'completed' : 'incomplete';
    }
    const v = ctx.get('cmi.completion_status');
    return v === undefined ? 'unknown' : v;
  }
  function success(ctx) {
    const passing = ctx.launch.scaledPassingScore;
    if (passing != null && passing !== '') {
      const scaled = ctx.get('cmi.score.scaled');
      return scaled === undefined ? 'unknown' : +scaled >= +passing ? 'passed' : 'failed';
    }
    const v = ctx.get('cmi.success_status');
    return v === undefined ? 'unknown' : v;
  }

  R.models = R.models || {};
  R.models['2004'] = {
    version: '2004',
    children: {
      'cmi.comments_from_learner': 'comment,location,timestamp',
      'cmi.comments_from_lms': 'comment,location,timestamp',
      'cmi.interactions': 'id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description',
      'cmi.learner_preference': 'audio_level,language,delivery_speed,audio_captioning',
      'cmi.objectives': 'id,score,success_status,completion_status,progress_measure,description',
      'cmi.objectives.n.score': SCORE,
      'cmi.score': SCORE
    },
    arrays: {
      'cmi.comments_from_learner': {},
      'cmi.comments_from_lms': { lms: ctx => (ctx.launch.commentsFromLms || []).length },
      // an objective and an interaction begin with their id (408 otherwise), unique in their array (351)
      'cmi.objectives': { id: 'id', unique: 'always', writeOnce: true },
      'cmi.interactions': { id: 'id', unique: 'strict' },
      'cmi.interactions.n.objectives': { id: 'id', unique: 'always' },
      'cmi.interactions.n.correct_responses': { limit: ctx => T.patternLimit2004[ctx.interactionType()] }
    },
    groups: ['cmi', 'cmi.score', 'cmi.learner_preference', 'cmi.objectives.n', 'cmi.objectives.n.score', 'cmi.interactions.n',
      'cmi.interactions.n.objectives.n', 'cmi.interactions.n.correct_responses.n', 'cmi.comments_from_learner.n', 'cmi.comments_from_lms.n'],
    elements: {
      'cmi._version': { access: 'ro', initial: '1.0' },
      'cmi.comments_from_learner.n.comment': { access: 'rw', check: T.localized(4000) },
      'cmi.comments_from_learner.n.location': { access: 'rw', check: T.characterstring(250) },
      'cmi.comments_from_learner.n.timestamp': { access: 'rw', check: T.time },
      'cmi.comments_from_lms.n.comment': { access: 'ro', initial: fromLms('comment') },
      'cmi.comments_from_lms.n.location': { access: 'ro', initial: fromLms('location') },
      'cmi.comments_from_lms.n.timestamp': { access: 'ro', initial: fromLms('timestamp') },
      'cmi.completion_status': { access: 'rw', check: T.vocabulary(COMPLETION), initial: completion, evaluated: true },
      'cmi.completion_threshold': { access: 'ro', initial: launchValue('completionThreshold') },
      'cmi.credit': { access: 'ro', initial: launchValue('credit', 'credit') },
      'cmi.entry': { access: 'ro', initial: launchValue('entry', '') },
      'cmi.exit': { access: 'wo', check: T.vocabulary(['time-out', 'suspend', 'logout', 'normal', '']) },
      'cmi.interactions.n.id': { access: 'rw', check: T.identifier(4000) },
      'cmi.interactions.n.type': { access: 'rw', check: T.vocabulary(TYPES) },
      'cmi.interactions.n.objectives.n.id': { access: 'rw', check: T.identifier(4000) },
      'cmi.interactions.n.timestamp': { access: 'rw', check: T.time },
      'cmi.interactions.n.correct_responses.n.pattern': { access: 'rw', needsType: true, check: (v, ctx) => T.response2004(v, ctx.interactionType(), true) },
      'cmi.interactions.n.weighting': { access: 'rw', check: T.real() },
      'cmi.interactions.n.learner_response': { access: 'rw', needsType: true, check: (v, ctx) => T.response2004(v, ctx.interactionType(), false) },
      'cmi.interactions.n.result': { access: 'rw', check: v => RESULTS.indexOf(v) >= 0 ? null : T.real()(v) && { kind: 'type', why: '"' + v + '" is neither "correct", "incorrect", "unanticipated", "neutral" nor a real number' } },
      'cmi.interactions.n.latency': { access: 'rw', check: T.interval },
      'cmi.interactions.n.description': { access: 'rw', check: T.localized(250) },
      'cmi.launch_data': { access: 'ro', initial: launchValue('launchData') },
      'cmi.learner_id': { access: 'ro', initial: ctx => String((ctx.launch.learner || {}).id || '') },
      'cmi.learner_name': { access: 'ro', initial: ctx => String((ctx.launch.learner || {}).name || '') },
      'cmi.learner_preference.audio_level': { access: 'rw', check: T.real(0), initial: pref('audio_level', '1') },
      'cmi.learner_preference.language': { access: 'rw', check: T.language(true), initial: pref('language', '') },
      'cmi.learner_preference.delivery_speed': { access: 'rw', check: T.real(0), initial: pref('delivery_speed', '1') },
      'cmi.learner_preference.audio_captioning': { access: 'rw', check: T.vocabulary(['-1', '0', '1']), initial: pref('audio_captioning', '0') },
      'cmi.location': { access: 'rw', check: T.characterstring(1000) },
      'cmi.max_time_allowed': { access: 'ro', initial: launchValue('maxTimeAllowed') },
      'cmi.mode': { access: 'ro', initial: launchValue('mode', 'normal') },
      'cmi.objectives.n.id': { access: 'rw', check: T.identifier(4000) },
      'cmi.objectives.n.score.scaled': { access: 'rw', check: T.real(-1, 1) },
      'cmi.objectives.n.score.raw': { access: 'rw', check: T.real() },
      'cmi.objectives.n.score.min': { access: 'rw', check: T.real() },
      'cmi.objectives.n.score.max': { access: 'rw', check: T.real() },
      'cmi.objectives.n.success_status': { access: 'rw', check: T.vocabulary(SUCCESS), initial: 'unknown' },
      'cmi.objectives.n.completion_status': { access: 'rw', check: T.vocabulary(COMPLETION), initial: 'unknown' },
      'cmi.objectives.n.progress_measure': { access: 'rw', check: T.real(0, 1) },
      'cmi.objectives.n.description': { access: 'rw', check: T.localized(250) },
      'cmi.progress_measure': { access: 'rw', check: T.real(0, 1) },
      'cmi.scaled_passing_score': { access: 'ro', initial: launchValue('scaledPassingScore') },
      'cmi.score.scaled': { access: 'rw', check: T.real(-1, 1) },
      'cmi.score.raw': { access: 'rw', check: T.real() },
      'cmi.score.min': { access: 'rw', check: T.real() },
      'cmi.score.max': { access: 'rw', check: T.real() },
      'cmi.session_time': { access: 'wo', check: T.interval },
      'cmi.success_status': { access: 'rw', check: T.vocabulary(SUCCESS), initial: success, evaluated: true },
      'cmi.suspend_data': { access: 'rw', check: T.characterstring(64000) },
      'cmi.time_limit_action': { access: 'ro', initial: launchValue('timeLimitAction', 'continue,no message') },
      'cmi.total_time': { access: 'ro', initial: 'PT0H0M0S' }
    },
    exitElement: 'cmi.exit',
    sessionTimeElement: 'cmi.session_time',
    totalTimeElement: 'cmi.total_time'
  };

  // adl.nav.request (RTE 4.3.1) and adl.nav.request_valid (4.3.2): the targets of choice and jump are
  // activity identifiers in a {target=...} delimiter, so these are matched whole, not split at dots
  const NAV = ['continue', 'previous', 'exit', 'exitAll', 'abandon', 'abandonAll', 'suspendAll', '_none_'];
  R.models['2004'].navigation = {
    request: v => NAV.indexOf(v) >= 0 || /^\{target=[^\s{}]+\}(choice|jump)$/.test(v) ? null
      : { kind: 'type', why: '"' + v + '" is not a navigation request (' + NAV.join(', ') + ', {target=ID}choice or {target=ID}jump)' },
    valid: /^adl\.nav\.request_valid\.(continue|previous|(choice|jump)\.\{target=([^\s{}]+)\})$/
  };
})(typeof self !== 'undefined' ? self : global);
