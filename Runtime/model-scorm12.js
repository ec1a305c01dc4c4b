/* Coursepack runtime: the SCORM 1.2 data model (SCORM 1.2 RTE, section 3.4: the cmi data model).
   Each element: access (ro, rw, wo), the check of a value the SCO sets, and where its initial value
   comes from when the record has none. `n` stands for an array index. */
(function (root) {
  'use strict';
  const R = root.CoursepackRuntime = root.CoursepackRuntime || {};
  const T = R.types;
  const STATUS = ['passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted'];
  const pref = (name, fallback) => ctx => { const p = ctx.launch.preferences || {}; return p[name] != null ? String(p[name]) : fallback; };
  const launchValue = (name, fallback) => ctx => (ctx.launch[name] != null ? String(ctx.launch[name]) : fallback);

  R.models = R.models || {};
  R.models['1.2'] = {
    version: '1.2',
    children: {
      'cmi.core': 'student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time',
      'cmi.core.score': 'raw,min,max',
      'cmi.objectives': 'id,score,status',
      'cmi.objectives.n.score': 'raw,min,max',
      'cmi.student_data': 'mastery_score,max_time_allowed,time_limit_action',
      'cmi.student_preference': 'audio,language,speed,text',
      'cmi.interactions': 'id,objectives,time,type,correct_responses,weighting,student_response,result,latency'
    },
    arrays: {
      'cmi.objectives': {},
      'cmi.interactions': {},
      'cmi.interactions.n.objectives': {},
      'cmi.interactions.n.correct_responses': {}
    },
    // groups that are elements of their own but hold no value (GetValue on them is an error)
    groups: ['cmi', 'cmi.core', 'cmi.core.score', 'cmi.student_data', 'cmi.student_preference', 'cmi.objectives.n', 'cmi.objectives.n.score',
      'cmi.interactions.n', 'cmi.interactions.n.objectives.n', 'cmi.interactions.n.correct_responses.n'],
    elements: {
      'cmi.core.student_id': { access: 'ro', initial: ctx => String((ctx.launch.learner || {}).id || '') },
      'cmi.core.student_name': { access: 'ro', initial: ctx => String((ctx.launch.learner || {}).name || '') },
      'cmi.core.lesson_location': { access: 'rw', check: T.cmiString(255), initial: '' },
      'cmi.core.credit': { access: 'ro', initial: launchValue('credit', 'credit') },
      'cmi.core.lesson_status': {
        access: 'rw', initial: 'not attempted',
        // "not attempted" is the LMS's to give, never the SCO's (RTE 3.4.4, cmi.core.lesson_status)
        check: T.vocabulary(STATUS.slice(0, 5))
      },
      'cmi.core.entry': { access: 'ro', initial: launchValue('entry', '') },
      'cmi.core.score.raw': { access: 'rw', check: T.cmiDecimalOrBlank(0, 100), initial: '' },
      'cmi.core.score.min': { access: 'rw', check: T.cmiDecimalOrBlank(0, 100), initial: '' },
      'cmi.core.score.max': { access: 'rw', check: T.cmiDecimalOrBlank(0, 100), initial: '' },
      'cmi.core.total_time': { access: 'ro', initial: '0000:00:00.00' },
      'cmi.core.lesson_mode': { access: 'ro', initial: launchValue('mode', 'normal') },
      'cmi.core.exit': { access: 'wo', check: T.vocabulary(['time-out', 'suspend', 'logout', '']) },
      'cmi.core.session_time': { access: 'wo', check: T.cmiTimespan },
      'cmi.suspend_data': { access: 'rw', check: T.cmiString(4096), initial: '' },
      'cmi.launch_data': { access: 'ro', initial: launchValue('launchData', '') },
      'cmi.comments': { access: 'rw', check: T.cmiString(4096), initial: '' },
      'cmi.comments_from_lms': { access: 'ro', initial: ctx => String(ctx.launch.commentsFromLms || '') },
      'cmi.objectives.n.id': { access: 'rw', check: T.cmiIdentifier, initial: '' },
      'cmi.objectives.n.score.raw': { access: 'rw', check: T.cmiDecimalOrBlank(0, 100), initial: '' },
      'cmi.objectives.n.score.min': { access: 'rw', check: T.cmiDecimalOrBlank(0, 100), initial: '' },
      'cmi.objectives.n.score.max': { access: 'rw', check: T.cmiDecimalOrBlank(0, 100), initial: '' },
      'cmi.objectives.n.status': { access: 'rw', check: T.vocabulary(STATUS), initial: 'not attempted' },
      'cmi.student_data.mastery_score': { access: 'ro', initial: launchValue('masteryScore', '') },
      'cmi.student_data.max_time_allowed': { access: 'ro', initial: launchValue('maxTimeAllowed', '') },
      'cmi.student_data.time_limit_action': { access: 'ro', initial: launchValue('timeLimitAction', '') },
      'cmi.student_preference.audio': { access: 'rw', check: T.cmiSInteger(-1, 100), initial: pref('audio', '0') },
      'cmi.student_preference.language': { access: 'rw', check: T.cmiString(255), initial: pref('language', '') },
      'cmi.student_preference.speed': { access: 'rw', check: T.cmiSInteger(-100, 100), initial: pref('speed', '0') },
      'cmi.student_preference.text': { access: 'rw', check: T.cmiSInteger(-1, 1), initial: pref('text', '0') },
      'cmi.interactions.n.id': { access: 'wo', check: T.cmiIdentifier },
      'cmi.interactions.n.objectives.n.id': { access: 'wo', check: T.cmiIdentifier },
      'cmi.interactions.n.time': { access: 'wo', check: T.cmiTime },
      'cmi.interactions.n.type': {
        access: 'wo', check: T.vocabulary(['true-false', 'choice', 'fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric'])
      },
      'cmi.interactions.n.correct_responses.n.pattern': { access: 'wo', check: (v, ctx) => T.cmiFeedback(v, ctx.interactionType()) },
      'cmi.interactions.n.weighting': { access: 'wo', check: T.cmiDecimal() },
      'cmi.interactions.n.student_response': { access: 'wo', check: (v, ctx) => T.cmiFeedback(v, ctx.interactionType()) },
      'cmi.interactions.n.result': { access: 'wo', check: T.cmiResult12 },
      'cmi.interactions.n.latency': { access: 'wo', check: T.cmiTimespan }
    },
    exitElement: 'cmi.core.exit',
    sessionTimeElement: 'cmi.core.session_time',
    totalTimeElement: 'cmi.core.total_time'
  };
})(typeof self !== 'undefined' ? self : global);
