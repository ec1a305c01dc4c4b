/* Coursepack player. Enhances the document described in docs/package-layout.md: one page at a time,
   quizzes, completion, and reporting to SCORM 1.2, SCORM 2004, cmi5 or this device's storage.
   Plain ES2017, no dependencies, no network request except to the LMS that launched the package and
   to the package's own documents.

   Two layers. The session (S, below) is one per launch: the learner's state, the connection to the
   platform, saving. The view is the document on show; a language switch fetches the other locale's
   document and mounts it in place, so that the session goes on: an LMS sees one Initialize and one
   Terminate whatever the learner does (docs/player.md). */
(function () {
  'use strict';
  const doc = document, root = doc.documentElement, win = window;

  /* ---- the session ---- */
  const S = {
    data: null,        // the data block of the document on show
    // p: location; s: pages seen; q: quiz id -> per question [tries, correct 0/1, response];
    // c: checklist ticks; r: reflections; d: dialogue paths; l: the learner's language;
    // t: time of the last change; a: 1 once the platform has acknowledged this attempt's data
    state: { p: null, s: {}, q: {}, c: {}, r: {}, d: {}, l: null, t: 0, a: 0 },
    started: Date.now(),
    adapter: null, ready: false, failing: false, learner: '', mastery: null, info: {},
    interactions: [],  // answers not yet written as SCORM interactions are taken from here by the adapter
    refused: [],       // values the platform refused: {key, value, code}, each logged once
    view: null, switching: false, left: false
  };
  const storage = (() => { try { const s = win.localStorage; s.getItem('x'); return s; } catch (e) { return null; } })();

  /* ---- the learner's state as one string (suspend data, the state document, this device) ----
     "2|<time>|<page>|<language>|<acknowledged>|<shape>|<pages seen>|<results>|<extras>": the time of
     the last change in base 36; the page's index in base 36; the learner's language tag; "1" when the
     platform has acknowledged the attempt (device copy only); four base-36 characters of a hash of the
     page ids and question ids, so that pages and results, kept by position, are not read into a new
     version of the module that moved them; the pages seen, six to a character (base64url,
     page 0 in the lowest bit); one character per question in the data block's order, tries (at most 31)
     times two plus one when right; then a JSON object of the extras, which are dropped one by one, in
     the order r (reflections), d (role-play paths), a (the options chosen), c (checklist ticks), when
     the whole is longer than the platform allows. The place, the pages seen and the results always
     stay: `coursepack pack --target scorm12` refuses a module for which even they pass 4,096. */
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const pageIds = () => (S.data.pages || []).map(p => p.id);
  function questionList() {
    const out = [], qz = S.data.quizzes || {};
    for (const k in qz) (qz[k].questions || []).forEach((q, i) => out.push([k, i]));
    return out;
  }
  /* FNV-1a of the page ids and the questions' places, 20 bits, four base-36 characters */
  function shape() {
    const text = pageIds().join(',') + '|' + questionList().map(q => q.join('.')).join(',');
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    return ('000' + (h & 0xfffff).toString(36)).slice(-4);
  }
  function encode(limit, device) {
    const st = S.state, ids = pageIds(), qs = questionList();
    let seen = '', res = '';
    for (let i = 0; i < ids.length; i += 6) {
      let n = 0;
      for (let b = 0; b < 6 && i + b < ids.length; b++) if (st.s[ids[i + b]]) n |= 1 << b;
      seen += B64.charAt(n);
    }
    const answers = {};
    qs.forEach(([k, i]) => {
      const r = (st.q[k] || [])[i];
      res += B64.charAt(r ? Math.min(r[0] || 0, 31) * 2 + (r[1] ? 1 : 0) : 0);
      if (r && r[2]) (answers[k] = answers[k] || [])[i] = r[2];
    });
    const p = ids.indexOf(st.p);
    const head = ['2', Math.max(0, Math.round(st.t || 0)).toString(36), p < 0 ? '' : p.toString(36), st.l || '',
      device && st.a ? '1' : '', shape(), seen.replace(/A+$/, ''), res.replace(/A+$/, '')].join('|');
    const x = { c: st.c, a: answers, d: st.d, r: st.r };
    const text = () => {
      const o = {};
      for (const k in x) if (Object.keys(x[k]).length) o[k] = x[k];
      return head + '|' + JSON.stringify(o);
    };
    let s = text();
    for (const cut of ['r', 'd', 'a', 'c']) {
      if (s.length <= limit) break;
      delete x[cut];
      s = text();
    }
    // still too long: only the results can be cut, from the end (pack refuses such a module for SCORM 1.2)
    return s.length <= limit ? s : head.slice(0, Math.max(0, head.length - (s.length - limit))) + '|{}';
  }
  /* returns the state in the shape of S.state, or null; reads this format and the JSON of version 1 */
  function decode(s) {
    if (!s) return null;
    const ids = pageIds(), qs = questionList();
    const o = { p: null, s: {}, q: {}, c: {}, r: {}, d: {}, l: null, t: 0, a: 0 };
    if (s.charAt(0) === '{') {
      let j;
      try { j = JSON.parse(s); } catch (e) { return null; }
      if (!j || j.v !== 1) return null;
      o.t = j.t || 0; o.p = j.p || null;
      String(j.s || '').split('').forEach((b, i) => { if (b === '1' && ids[i]) o.s[ids[i]] = 1; });
      ['q', 'c', 'd', 'r'].forEach(k => { if (j[k] && typeof j[k] === 'object') o[k] = j[k]; });
      return o;
    }
    const parts = s.split('|');
    if (parts[0] !== '2' || parts.length < 9) return null;
    o.t = parseInt(parts[1], 36) || 0;
    o.l = parts[3] || null;
    o.a = parts[4] === '1' ? 1 : 0;
    // another version of the module: positions mean other pages and questions; only the language is kept
    if (parts[5] !== shape()) return o;
    const p = parseInt(parts[2], 36);
    o.p = isNaN(p) ? null : ids[p] || null;
    parts[6].split('').forEach((ch, n) => {
      const v = B64.indexOf(ch);
      for (let b = 0; b < 6; b++) if (v >= 0 && v & (1 << b) && ids[n * 6 + b]) o.s[ids[n * 6 + b]] = 1;
    });
    let x = {};
    try { x = JSON.parse(parts.slice(8).join('|') || '{}') || {}; } catch (e) { /* extras lost: the results stay */ }
    parts[7].split('').forEach((ch, n) => {
      const v = B64.indexOf(ch), at = qs[n];
      if (!at || v <= 0) return;
      const resp = ((x.a || {})[at[0]] || [])[at[1]];
      (o.q[at[0]] = o.q[at[0]] || [])[at[1]] = [v >> 1, v & 1, typeof resp === 'string' ? resp : ''];
    });
    ['c', 'd', 'r'].forEach(k => { if (x[k] && typeof x[k] === 'object') o[k] = x[k]; });
    return o;
  }

  /* ---- score and completion ---- */
  const locked = (q, rec) => !!rec && (rec[1] === 1 || (q.attempts > 0 && rec[0] >= q.attempts));
  function report() {
    const data = S.data, st = S.state, ids = pageIds(), pageInfo = {};
    (data.pages || []).forEach(p => { pageInfo[p.id] = p; });
    const rule = Object.assign({ rule: 'pages-seen', pagesRequired: 100, passingScore: 0 }, data.completion || {});
    let total = 0, earned = 0, open = 0, unsettled = 0, answered = 0;
    for (const key in data.quizzes || {}) {
      const quiz = data.quizzes[key], page = pageInfo[quiz.page];
      if (quiz.scored === false || (page && page.scored === false)) continue;
      (quiz.questions || []).forEach((q, i) => {
        const pts = q.points || 1, r = (st.q[key] || [])[i];
        total += pts;
        if (r && r[1]) earned += pts;
        if (r && r[0]) answered++; else open++;
        if (!locked(q, r)) unsettled++;
      });
    }
    const seen = ids.filter(id => st.s[id]).length;
    const pagesMet = seen * 100 >= (rule.pagesRequired || 100) * ids.length;
    // no score before a scored question has an answer: a platform with a mastery score would fail the learner
    const score = total && answered ? Math.round(100 * earned / total) : null;
    const passing = S.mastery != null ? S.mastery : rule.passingScore || 0;
    const passed = !total || (score != null && score >= passing), failed = !!total && !passed && !open;
    const quizDone = passed || !open;
    const r = rule.rule;
    const completed = r === 'pages-seen' ? pagesMet : r === 'quiz-passed' ? quizDone : pagesMet && quizDone;
    const success = r === 'pages-seen' || !total && r !== 'quiz-passed' ? 'unknown' : passed ? 'passed' : failed ? 'failed' : 'unknown';
    const s12 = r === 'pages-seen' ? (completed ? 'completed' : 'incomplete')
      : success === 'failed' ? 'failed' : success === 'passed' && completed ? 'passed' : 'incomplete';
    // the score an LMS is told: an LMS with a mastery score judges passed or failed from it, so while
    // questions are open it hears of a score only once the score passes (a learner half-way is not failed)
    const reported = score != null && (S.mastery == null || score >= passing || !open) ? score : null;
    return {
      location: st.p, score, reported, passing, completed, success, s12, settled: !unsettled,
      progress: Math.min(1, seen / Math.max(1, Math.ceil(ids.length * (rule.pagesRequired || 100) / 100)))
    };
  }

  /* ---- this device: the web target, and a copy of everything sent to a platform ---- */
  function storeKey() {
    const mod = S.data.module || {};
    return ['coursepack', mod.id, String(mod.version || '').split('.')[0], S.data.target, S.learner].join(':');
  }
  function keep() {
    if (!storage) return;
    try { storage.setItem(storeKey(), encode(1e6, true)); } catch (e) { /* full or blocked */ }
  }
  function kept() { try { return storage ? decode(storage.getItem(storeKey())) : null; } catch (e) { return null; } }
  function forget() { try { if (storage) storage.removeItem(storeKey()); } catch (e) { /* blocked */ } }

  /* ---- SCORM 1.2 and 2004 ---- */
  function findAPI(w, name) {
    for (let n = 0; w; n++) {
      try { if (w[name]) return w[name]; } catch (e) { /* another origin */ }
      let p = null;
      try { p = w.parent; } catch (e) { /* ignore */ }
      if (n >= 7 || !p || p === w) break;
      w = p;
    }
    return null;
  }
  function getAPI(name) {
    let api = findAPI(win, name);
    try { if (!api && win.opener) api = findAPI(win.opener, name); } catch (e) { /* another origin */ }
    return api;
  }
  function clock(ms, v2004) {
    const s = ms / 1000, h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = (s % 60).toFixed(2);
    if (v2004) return 'PT' + h + 'H' + m + 'M' + sec + 'S';
    return (h < 10 ? '000' : h < 100 ? '00' : h < 1000 ? '0' : '') + Math.min(h, 9999) + ':' + (m < 10 ? '0' : '') + m + ':' + (sec < 10 ? '0' : '') + sec;
  }
  /* error codes that mean "this value or element is refused", as opposed to the platform being unreachable
     or broken (101 general exception, 351 general set failure, 391 commit failure and the state errors):
     a refused value is logged once and never sent again, and the learner is not told of a lost connection */
  const REFUSED12 = /^(201|401|402|403|404|405)$/, REFUSED2004 = /^(201|401|402|404|405|406|407|408)$/;
  /* of those, the ones about the element itself (not implemented, unknown, read-only): no value of it is sent again */
  const NO_ELEMENT12 = /^(201|401|403)$/, NO_ELEMENT2004 = /^(401|402|404)$/;
  function scorm(api, v2004) {
    const F = v2004 ? ['Initialize', 'GetValue', 'SetValue', 'Commit', 'Terminate', 'GetLastError']
      : ['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish', 'LMSGetLastError'];
    const call = (i, a, b) => {
      try { return String(i === 1 ? api[F[i]](a) : i === 2 ? api[F[i]](a, b) : api[F[i]](i === 5 ? undefined : '')); } catch (e) { return 'false'; }
    };
    const get = k => { const v = call(1, k); return call(5) === '0' ? v : ''; };
    const refusedCode = c => (v2004 ? REFUSED2004 : REFUSED12).test(c);
    const E = v2004
      ? { loc: 'cmi.location', learner: 'cmi.learner_id', st: 'cmi.completion_status', ss: 'cmi.success_status', mastery: 'cmi.scaled_passing_score', exit: 'cmi.exit', time: 'cmi.session_time', sc: 'cmi.score.', entry: 'cmi.entry', lang: 'cmi.learner_preference.language' }
      : { loc: 'cmi.core.lesson_location', learner: 'cmi.core.student_id', st: 'cmi.core.lesson_status', mastery: 'cmi.student_data.mastery_score', exit: 'cmi.core.exit', time: 'cmi.core.session_time', sc: 'cmi.core.score.', entry: 'cmi.core.entry', lang: 'cmi.student_preference.language' };
    const want = new Map(), done = {}, refused = {}, absent = new Set();
    let first = '', firstSuccess = '', count = 0, sentI = 0, over = false, open = false;
    function flush(commit) {
      for (const [k, v] of want) {
        if (done[k] === v || refused[k] === v || absent.has(k)) continue;
        if (call(2, k, v) === 'true') { done[k] = v; continue; }
        const code = call(5);
        if (!refusedCode(code)) return false; // unreachable or broken: try again later, from here
        refused[k] = v;
        if ((v2004 ? NO_ELEMENT2004 : NO_ELEMENT12).test(code)) absent.add(k);
        S.refused.push({ key: k, value: v, code });
      }
      if (commit && call(3) !== 'true') {
        // the platform may have lost what it held since its last commit: everything is set again next time
        for (const k in done) delete done[k];
        return false;
      }
      if (commit) S.state.a = 1;
      return true;
    }
    function values(r, leaving) {
      const set = (k, v) => want.set(k, String(v));
      set(E.loc, (r.location || '').slice(0, 255));
      set('cmi.suspend_data', encode(v2004 ? 64000 : 4096));
      if (r.reported != null) {
        set(E.sc + 'raw', r.reported); set(E.sc + 'min', 0); set(E.sc + 'max', 100);
        if (v2004) set(E.sc + 'scaled', r.reported / 100);
      }
      if (v2004) {
        const comp = first === 'completed' ? 'completed' : r.completed ? 'completed' : 'incomplete';
        set(E.st, comp);
        set(E.ss, firstSuccess === 'passed' ? 'passed' : r.success);
        set('cmi.progress_measure', comp === 'completed' ? 1 : Math.round(r.progress * 100) / 100);
        set(E.exit, comp === 'completed' && r.success !== 'failed' ? 'normal' : 'suspend');
      } else {
        const keepFirst = first === 'passed' || (first === 'completed' && r.s12 === 'incomplete');
        set(E.st, keepFirst ? first : r.s12);
        set(E.exit, r.s12 === 'passed' || r.s12 === 'completed' || keepFirst ? '' : 'suspend');
      }
      const list = S.interactions;
      for (; sentI < list.length; sentI++) {
        const x = list[sentI], p = 'cmi.interactions.' + (count + sentI) + '.';
        const d = x.when;
        // SCORM 2004 wants every record's id unique: a retried question is a new record, "<id>-try-<n>";
        // SCORM 1.2 journals, so each try is a new record under the question's own id
        const id = v2004 && x.attempt > 1 ? (x.id.slice(0, 240) + '-try-' + x.attempt) : x.id;
        // new keys each time, so they go to the end of the map, in the order the data model wants
        want.set(p + 'id', id);
        want.set(p + 'type', x.type);
        want.set(p + (v2004 ? 'learner_response' : 'student_response'), (v2004 ? x.a : x.a12).slice(0, 255));
        want.set(p + 'correct_responses.0.pattern', (v2004 ? x.b : x.b12).slice(0, 255));
        want.set(p + 'result', x.right ? 'correct' : v2004 ? 'incorrect' : 'wrong');
        want.set(p + 'weighting', x.w);
        want.set(p + (v2004 ? 'timestamp' : 'time'), v2004 ? d.toISOString().slice(0, 22) + 'Z' : d.toTimeString().slice(0, 8));
      }
      if (leaving) set(E.time, clock(Date.now() - S.started, v2004));
    }
    return {
      start() {
        let ok = call(0) === 'true';
        // a reload of the content frame finds the session still open (103 in 2004, 101 in 1.2)
        if (!ok) { call(1, E.st); ok = call(5) === '0'; }
        if (!ok) return null;
        open = true;
        first = get(E.st);
        if (v2004) firstSuccess = get(E.ss);
        count = parseInt(get('cmi.interactions._count'), 10) || 0;
        // SCORM 2004 answers 403 for an element the LMS never set: the passing score is read only when the
        // manifest gives one (a rule with a quiz and a passing score), the suspend data only on a resume
        const c = S.data.completion || {}, entry = get(E.entry);
        const m = c.rule && c.rule !== 'pages-seen' && c.passingScore != null ? parseFloat(get(E.mastery)) : NaN;
        return {
          learner: get(E.learner), entry, language: get(E.lang),
          suspend: !v2004 || entry === 'resume' || entry === '' ? get('cmi.suspend_data') : '',
          mastery: isNaN(m) ? null : v2004 ? m * 100 : m
        };
      },
      save(r, commit) {
        if (over) return true;
        if (!open && !this.start()) return false;
        values(r, false);
        return flush(commit);
      },
      finish(r, mode) {
        if (over || !open) return over;
        values(r, mode === 'leave');
        const ok = flush(true);
        if (mode === 'leave') { over = true; call(4); }
        return ok;
      }
    };
  }

  /* ---- cmi5 ---- */
  const CMI5 = 'https://w3id.org/xapi/cmi5/context/';
  function uuid() {
    const b = new Uint8Array(16);
    (win.crypto || win.msCrypto).getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    const h = Array.prototype.map.call(b, x => (x + 256).toString(16).slice(1)).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  async function cmi5() {
    const q = new URLSearchParams(location.search);
    const endpoint = q.get('endpoint'), fetchURL = q.get('fetch'), reg = q.get('registration'), activityId = q.get('activityId');
    let actor = null;
    try { actor = JSON.parse(q.get('actor')); } catch (e) { /* none */ }
    if (!endpoint || !fetchURL || !actor || !activityId) return null;
    const base = endpoint.replace(/\/?$/, '/');
    const skey = 'coursepack-cmi5:' + fetchURL;
    let sess = null;
    try { sess = JSON.parse(win.sessionStorage.getItem(skey)); } catch (e) { /* none */ }
    const keepSess = () => { try { win.sessionStorage.setItem(skey, JSON.stringify(sess)); } catch (e) { /* none */ } };
    if (!sess || !sess.token || sess.over) {
      const res = await fetch(fetchURL, { method: 'POST', credentials: 'same-origin' });
      const j = await res.json();
      if (!j['auth-token']) throw new Error('cmi5 fetch: ' + (j['error-text'] || j['error-code']));
      sess = { token: j['auth-token'], verbs: {} };
      keepSess();
    }
    const H = { Authorization: 'Basic ' + sess.token, 'X-Experience-API-Version': '1.0.3' };
    const qs = o => Object.keys(o).filter(k => o[k] != null).map(k => k + '=' + encodeURIComponent(o[k])).join('&');
    const agent = JSON.stringify(actor);
    const stateURL = id => base + 'activities/state?' + qs({ stateId: id, activityId, agent, registration: reg });
    const getJSON = async url => {
      const r = await fetch(url, { headers: H });
      if (r.status === 404) return null;
      if (!r.ok) throw new Error('cmi5 ' + r.status);
      return r.json();
    };
    const ld = await getJSON(stateURL('LMS.LaunchData')) || {};
    let prefs = null;
    try { prefs = await getJSON(base + 'agents/profile?' + qs({ agent, profileId: 'cmi5LearnerPreferences' })); } catch (e) { /* preferences are optional */ }
    const saved = await getJSON(stateURL('coursepack')) || {};
    const done = saved.done || {};
    const normal = (ld.launchMode || 'Normal') === 'Normal';
    const ms = typeof ld.masteryScore === 'number' ? ld.masteryScore : null;
    const queue = [];
    let stateBody = null, busy = null, over = false;

    function statement(verb, result, moveOn) {
      const ctx = JSON.parse(JSON.stringify(ld.contextTemplate || {}));
      ctx.registration = reg;
      const ca = ctx.contextActivities = ctx.contextActivities || {};
      ca.category = (ca.category || []).concat({ id: CMI5 + 'categories/cmi5', objectType: 'Activity' });
      if (moveOn) ca.category.push({ id: CMI5 + 'categories/moveon', objectType: 'Activity' });
      if (ms != null && (verb === 'passed' || verb === 'failed')) {
        ctx.extensions = ctx.extensions || {};
        ctx.extensions[CMI5 + 'extensions/masteryscore'] = ms;
      }
      const st = {
        id: uuid(), timestamp: new Date().toISOString(), actor,
        verb: { id: 'http://adlnet.gov/expapi/verbs/' + verb, display: { 'en-US': verb } },
        object: { id: activityId, objectType: 'Activity' }, context: ctx
      };
      if (result) st.result = result;
      sess.verbs[verb] = 1;
      keepSess();
      queue.push({ url: base + 'statements?' + qs({ statementId: st.id }), body: JSON.stringify(st), verb });
    }
    const duration = () => clock(Date.now() - S.started, true);
    const send = (it, keepalive) => fetch(it.url, {
      method: 'PUT', keepalive, headers: Object.assign({ 'Content-Type': 'application/json' }, H), body: it.body
    }).then(r => { if (!r.ok && r.status !== 409) throw new Error('cmi5 ' + r.status); });
    function pump() {
      if (busy) return busy.then(ok => ok && (queue.length || stateBody) ? pump() : ok);
      busy = (async () => {
        try {
          while (queue.length) {
            await send(queue[0]);
            const it = queue.shift();
            if (it.verb === 'completed' || it.verb === 'passed') { done[it.verb] = 1; stateBody = stateDoc(); }
          }
          if (stateBody) {
            const body = stateBody;
            await send({ url: stateURL('coursepack'), body });
            S.state.a = 1;
            if (stateBody === body) stateBody = null;
          }
          return true;
        } catch (e) { return false; } finally { busy = null; }
      })();
      return busy;
    }
    function stateDoc() { return JSON.stringify({ location: S.state.p, suspend: encode(32000), done }); }
    function judge(r, leaving) {
      if (!normal) return;
      const v = sess.verbs;
      if (r.completed && !done.completed && !v.completed) statement('completed', { completion: true, duration: duration() }, true);
      const sc = r.score == null ? null : { scaled: r.score / 100, raw: r.score, min: 0, max: 100 };
      if (!done.passed && !v.passed && !v.failed) {
        // once per registration: when every answer is final (right, or no attempt left), or when leaving
        if (r.success === 'passed' && (r.settled || leaving)) statement('passed', Object.assign(sc ? { score: sc } : {}, { success: true, duration: duration() }), true);
        else if (leaving && r.success === 'failed') statement('failed', Object.assign(sc ? { score: sc } : {}, { success: false, duration: duration() }), true);
      }
    }
    return {
      start() {
        if (!sess.verbs.initialized) statement('initialized');
        return {
          learner: (actor.account && actor.account.name) || actor.mbox || '', suspend: saved.suspend || '',
          mastery: ms == null ? null : ms * 100, returnURL: ld.returnURL,
          // a new registration is a new attempt; the LMS's copy is the state document
          entry: saved.suspend ? 'resume' : 'ab-initio',
          language: prefs && typeof prefs.languagePreference === 'string' ? prefs.languagePreference.split(',')[0].trim() : ''
        };
      },
      save(r, commit) {
        if (over) return true;
        judge(r, false);
        stateBody = stateDoc();
        return commit ? pump() : true;
      },
      finish(r, mode) {
        if (over) return true;
        stateBody = stateDoc();
        if (mode === 'hide') return pump();
        if (mode === 'leave') {
          judge(r, true);
          statement('terminated', { duration: duration() });
          over = sess.over = true;
          keepSess();
        }
        // the page is going away: what is left goes in one request, in order, and the browser finishes it
        const left = queue.splice(0);
        if (left.length) {
          fetch(base + 'statements', {
            method: 'POST', keepalive: true, headers: Object.assign({ 'Content-Type': 'application/json' }, H),
            body: '[' + left.map(it => it.body).join(',') + ']'
          }).catch(() => {});
        }
        send({ url: stateURL('coursepack'), body: stateBody }, true).catch(() => {});
        return true;
      },
      end: () => pump()
    };
  }


  /* ---- the view: the document on show ---- */
  const $ = (s, el) => (el || doc).querySelector(s);
  const $$ = (s, el) => Array.prototype.slice.call((el || doc).querySelectorAll(s));
  function make(tag, attrs, text) {
    const el = doc.createElement(tag);
    for (const k in attrs || {}) el.setAttribute(k, attrs[k]);
    if (text != null) el.textContent = text;
    return el;
  }
  function esc(s) { return String(s).replace(/[&<>"]/g, c => '&#' + c.charCodeAt(0) + ';'); }

  /* interface messages (ui/* in the data block, English here as a fallback) */
  const MSG = {
    contents: 'Contents', previous: 'Previous', next: 'Next', pages: 'Pages',
    progress: 'Page {current} of {total}', seen: '(seen)',
    'check-answer': 'Check my answer', correct: 'Correct.', incorrect: 'Not quite.',
    'choose-answer': 'Please answer the question first.',
    'attempts-left': { one: 'You have {count} attempt left.', other: 'You have {count} attempts left.' },
    'no-attempts-left': 'No attempts left.', question: 'Question {count}',
    completed: 'You have completed this module.', passed: 'You passed with a score of {count}%.',
    failed: 'Your score is {count}%. You need {total}% to pass.',
    'saved-offline': 'No connection to the learning platform. Your progress is kept on this device and will be sent later: nothing is lost.',
    saved: 'Your progress has been sent to the learning platform.',
    'welcome-back': 'Welcome back. You are on the page where you left off.',
    'show-answer': 'Show the answer', 'hide-answer': 'Hide the answer', 'start-over': 'Start from the beginning',
    you: 'You', exit: 'Exit'
  };

  /* a locale of the package for a language tag: the same tag, else the same language (ar-SA finds ar) */
  function matchLocale(tag) {
    const all = S.data.locales || [];
    if (!tag) return null;
    const low = String(tag).toLowerCase().replace(/_/g, '-');
    return all.find(l => l.tag.toLowerCase() === low) || all.find(l => l.tag.toLowerCase().split('-')[0] === low.split('-')[0]) || null;
  }

  /* mounts the view on the document on show; returns false when the document is not a module */
  function mount(data) {
    S.data = data;
    const listeners = [];
    const on = (el, ev, fn, opt) => { el.addEventListener(ev, fn, opt); if (el === doc || el === win) listeners.push([el, ev, fn, opt]); };
    const messages = Object.assign({}, MSG, data.messages || {});
    const locale = data.locale || root.lang || 'en';
    let nf, pr;
    try { nf = new Intl.NumberFormat(locale); pr = new Intl.PluralRules(locale); } catch (e) { /* old browser */ }
    function t(key, vars) {
      vars = vars || {};
      let m = messages[key];
      if (m && typeof m === 'object') m = m[pr && vars.count != null ? pr.select(vars.count) : 'other'] || m.other;
      return String(m == null ? key : m).replace(/\{(\w+)\}/g, (_, k) => {
        const v = vars[k];
        return typeof v === 'number' && nf ? nf.format(v) : v == null ? '' : v;
      });
    }

    const state = S.state;
    const sections = $$('.cp-page');
    if (!sections.length) return false;
    const pageIds = sections.map(s => s.getAttribute('data-page') || s.id.replace(/^page-/, ''));
    const indexOfSection = new Map(sections.map((s, i) => [s, i]));
    const quizzes = data.quizzes || {}, dialogues = data.dialogues || {};

    /* the key a component's data and progress live under: data-id, its id, or its id without cp-<page>- */
    function keyOf(el, map) {
      const sec = el.closest('.cp-page');
      const pref = sec ? 'cp-' + pageIds[indexOfSection.get(sec)] + '-' : 'cp-';
      const c = [el.getAttribute('data-id'), el.getAttribute('data-quiz'), el.id, el.id && el.id.indexOf(pref) === 0 ? el.id.slice(pref.length) : null];
      for (const k of c) if (k && (!map || map[k])) return k;
      return map ? null : el.id;
    }

    /* ---- layout: status regions, contents toggle, pager ---- */
    const header = $('.cp-header'), toc = $('#cp-toc') || $('.cp-toc'), main = $('#cp-main') || sections[0].parentNode;
    const notice = make('p', { class: 'cp-notice', role: 'status' });
    const saveNote = make('p', { class: 'cp-save', role: 'status' });
    main.parentNode.insertBefore(notice, main);
    main.parentNode.insertBefore(saveNote, main);
    function say(el, text) { el.textContent = text || ''; el.classList.toggle('cp-shown', !!text); }

    const tocLinks = toc ? $$('a[href^="#"]', toc) : [];
    // the contents entry of each page, by the page's index
    const tocOf = sections.map(() => null);
    tocLinks.forEach(a => {
      const sec = doc.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
      const i = sec ? indexOfSection.get(sec) : undefined;
      if (i !== undefined) tocOf[i] = a;
    });
    let tocButton = null;
    if (toc) {
      toc.id = toc.id || 'cp-toc';
      tocButton = make('button', { type: 'button', class: 'cp-toc-toggle', 'aria-controls': toc.id, 'aria-expanded': 'false' }, t('contents'));
      (header || doc.body).appendChild(tocButton);
      on(tocButton, 'click', () => setToc(tocButton.getAttribute('aria-expanded') !== 'true'));
      const mark = make('span', { class: 'cp-visually-hidden cp-seen-mark' }, ' ' + t('seen'));
      tocLinks.forEach(a => a.appendChild(mark.cloneNode(true)));
    }
    function setToc(open) {
      if (!tocButton) return;
      tocButton.setAttribute('aria-expanded', String(open));
      toc.classList.toggle('cp-open', open);
      if (open) { const a = $('[aria-current]', toc) || tocLinks[0]; if (a) a.focus(); }
    }
    function markSeen() { tocOf.forEach((a, i) => { if (a) a.parentNode.classList.toggle('cp-seen', !!state.s[pageIds[i]]); }); }

    const pager = make('nav', { class: 'cp-pager', 'aria-label': t('pages') });
    const prevB = make('button', { type: 'button', class: 'cp-prev', 'aria-keyshortcuts': 'Alt+PageUp' }, t('previous'));
    const nextB = make('button', { type: 'button', class: 'cp-next', 'aria-keyshortcuts': 'Alt+PageDown' }, t('next'));
    const where = make('p', { class: 'cp-where' });
    pager.append(prevB, where, nextB);
    main.appendChild(pager);
    on(prevB, 'click', () => go(current - 1, true));
    on(nextB, 'click', () => go(current + 1, true));
    on(doc, 'keydown', e => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'PageDown' || e.key === 'PageUp')) {
        e.preventDefault();
        go(current + (e.key === 'PageDown' ? 1 : -1), true);
      } else if (e.key === 'Escape' && toc && toc.classList.contains('cp-open')) {
        setToc(false); tocButton.focus();
      }
    });
    const baseTitle = doc.title;
    let current = -1, moved = false;

    function go(i, focus, target) {
      if (i < 0 || i >= sections.length) return;
      if (focus) moved = true;
      if (i !== current) {
        if (current >= 0) {
          sections[current].classList.remove('cp-current');
          $$('audio,video', sections[current]).forEach(m => { try { m.pause(); } catch (e) { /* ignore */ } });
          if (tocOf[current]) tocOf[current].removeAttribute('aria-current');
          // "welcome back" is about the page the learner came back to
          if (focus) say(notice, '');
        }
        current = i;
        const sec = sections[i], id = pageIds[i];
        prepare(i);
        sec.classList.add('cp-current');
        state.p = id;
        state.s[id] = 1;
        if (tocOf[i]) { tocOf[i].setAttribute('aria-current', 'page'); tocOf[i].parentNode.classList.add('cp-seen'); }
        prevB.disabled = i === 0;
        nextB.disabled = i === sections.length - 1;
        where.textContent = t('progress', { current: i + 1, total: sections.length });
        const h = $('h1', sec);
        doc.title = (h ? h.textContent.trim() + ' – ' : '') + baseTitle;
        save(true);
      }
      if (focus) {
        const el = target || $('h1', sections[i]) || sections[i];
        if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) el.setAttribute('tabindex', '-1');
        el.focus({ preventScroll: true });
        if (target) el.scrollIntoView(); else win.scrollTo(0, 0);
      }
    }

    /* an element by id, building the page that holds it when that page is still text */
    function target(id) {
      if (!id) return null;
      const el = doc.getElementById(id);
      if (el) return el;
      const needle = 'id="' + id.replace(/&/g, '&amp;').replace(/"/g, '&quot;') + '"';
      const i = sections.findIndex((s, n) => !painters[n] && s.innerHTML.indexOf(needle) >= 0);
      if (i < 0) return null;
      prepare(i);
      return doc.getElementById(id);
    }

    /* links inside the document: show the page that holds the target */
    on(doc, 'click', e => {
      const a = e.target.closest && e.target.closest('a[href^="#"]');
      if (!a || e.defaultPrevented) return;
      const el = target(decodeURIComponent(a.getAttribute('href').slice(1)));
      const sec = el && el.closest('.cp-page');
      if (!sec) return;
      e.preventDefault();
      if (toc && toc.contains(a)) setToc(false);
      go(indexOfSection.get(sec), true, el === sec ? null : el);
    });
    // printing shows every page: each is set up first
    on(win, 'beforeprint', () => sections.forEach((s, i) => prepare(i)));
    on(win, 'hashchange', () => {
      const el = location.hash && target(decodeURIComponent(location.hash.slice(1)));
      const sec = el && el.closest('.cp-page');
      if (sec) go(indexOfSection.get(sec), true, el === sec ? null : el);
    });

    /* language links: the other locale is mounted in place, in the same session */
    $$('.cp-languages a[href]').forEach(a => {
      if (a.getAttribute('aria-current')) return;
      a.setAttribute('href', a.getAttribute('href').split(/[?#]/)[0] + location.search);
      on(a, 'click', e => {
        const loc = matchLocale(a.getAttribute('hreflang') || a.getAttribute('lang'));
        if (!loc || e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        switchLanguage(loc, true);
      });
    });
    /* ---- quizzes ---- */
    function questionsOf(form) { return $$('fieldset', form).filter(f => !f.parentNode.closest('fieldset')); }
    function response(q, fs) {
      if (q.kind === 'ordering' || q.kind === 'matching') {
        const sel = $$('select', fs);
        if (!sel.length || sel.some(s => !s.value)) return null;
        if (q.kind === 'matching') {
          const o = {};
          sel.forEach(s => { o[s.getAttribute('data-left') || s.name] = s.value; });
          return o;
        }
        const pos = sel.map(s => +s.value);
        if (new Set(pos).size !== pos.length) return null;
        return sel.slice().sort((a, b) => a.value - b.value).map(s => s.getAttribute('data-item') || s.name);
      }
      const v = $$('input:checked', fs).map(i => i.value);
      return v.length ? v : null;
    }
    function isRight(q, r) {
      const a = q.answer;
      if (q.kind === 'matching') return Object.keys(a).length === Object.keys(r).length && Object.keys(a).every(k => r[k] === a[k]);
      const w = [].concat(a).map(String);
      if (q.kind === 'ordering') return w.join('\n') === r.join('\n');
      return w.length === r.length && w.every(x => r.indexOf(x) >= 0);
    }
    const enc = (q, r) => q.kind === 'matching' ? Object.keys(r).map(k => k + '.' + r[k]).join(',') : r.join(',');
    function restoreInputs(q, fs, s) {
      if (!s) return;
      if (q.kind === 'matching') {
        s.split(',').forEach(p => { const i = p.indexOf('.'), sel = $$('select', fs).find(x => (x.getAttribute('data-left') || x.name) === p.slice(0, i)); if (sel) sel.value = p.slice(i + 1); });
      } else if (q.kind === 'ordering') {
        s.split(',').forEach((id, i) => { const sel = $$('select', fs).find(x => (x.getAttribute('data-item') || x.name) === id); if (sel) sel.value = String(i + 1); });
      } else {
        const v = s.split(',');
        $$('input', fs).forEach(i => { i.checked = v.indexOf(i.value) >= 0; });
      }
    }

    function paintQuiz(form, key, announce, fresh) {
      const quiz = quizzes[key], fss = questionsOf(form), rec = state.q[key] || [];
      const many = quiz.questions.length > 1;
      let html = '', all = true;
      quiz.questions.forEach((q, i) => {
        const fs = fss[i], r = rec[i];
        if (!fs) return;
        if (!r || !r[0]) { fs.removeAttribute('data-result'); fs.disabled = false; all = false; return; }
        fs.setAttribute('data-result', r[1] ? 'correct' : 'incorrect');
        const lock = locked(q, r);
        fs.disabled = lock;
        all = all && lock;
        if (fresh && fresh.indexOf(i) < 0) return;
        const fb = q.feedback || {};
        let p = '<strong>' + esc(t(r[1] ? 'correct' : 'incorrect')) + '</strong> ';
        if (!r[1] && q.optionFeedback && r[2]) r[2].split(',').forEach(v => { if (q.optionFeedback[v]) p += q.optionFeedback[v] + ' '; });
        p += (r[1] ? fb.correct : fb.incorrect) || '';
        if (!r[1]) p += ' ' + esc(q.attempts > 0 ? (lock ? t('no-attempts-left') : t('attempts-left', { count: q.attempts - r[0] })) : '');
        if (lock && q.explanation) p += ' ' + q.explanation;
        html += '<p>' + (many ? '<span class="cp-qn">' + esc(t('question', { count: i + 1 })) + '</span> ' : '') + p + '</p>';
      });
      const btn = $('button[type=submit],button:not([type]),input[type=submit]', form);
      if (btn) btn.disabled = all;
      const box = $('.cp-feedback', form);
      if (!box) return;
      if (announce) { box.textContent = ''; setTimeout(() => { box.innerHTML = html; }, 60); } else box.innerHTML = html;
    }

    function submitQuiz(form, key) {
      const quiz = quizzes[key], fss = questionsOf(form), rec = state.q[key] || (state.q[key] = []);
      const fresh = [];
      let missing = false;
      quiz.questions.forEach((q, i) => {
        const r0 = rec[i] || (rec[i] = [0, 0, '']);
        if (!fss[i] || locked(q, r0)) return;
        const r = response(q, fss[i]);
        if (!r) { missing = true; return; }
        r0[0]++;
        r0[1] = isRight(q, r) ? 1 : 0;
        r0[2] = enc(q, r);
        fresh.push(i);
        interaction(key, i, q, r, r0[1], fss[i], r0[0]);
      });
      if (!fresh.length && missing) {
        const box = $('.cp-feedback', form);
        if (box) { box.textContent = ''; setTimeout(() => { box.textContent = t('choose-answer'); }, 60); }
        return;
      }
      paintQuiz(form, key, true, fresh);
      save(true);
    }
    /* interactions for SCORM: the id, type, response and pattern, each kept within 255 characters */
    function interaction(key, i, q, r, right, fs, attempt) {
      const many = quizzes[key].questions.length > 1;
      const id = (many ? key + '-' + (q.id || i + 1) : key).slice(0, 255);
      const ids = q.kind === 'matching' ? Object.keys(q.answer) : [].concat(q.answer).map(String);
      const ch = n => '0123456789abcdefghijklmnopqrstuvwxyz'.charAt(n) || 'z';
      let type, a, b, a12, b12;
      if (q.kind === 'ordering') {
        type = 'sequencing';
        a = r.join('[,]'); b = ids.join('[,]');
        a12 = r.map(x => ch(ids.indexOf(x) + 10)).join(','); b12 = ids.map((x, n) => ch(n + 10)).join(',');
      } else if (q.kind === 'matching') {
        const rights = ids.map(k => q.answer[k]);
        $$('option', fs).forEach(o => { if (o.value && rights.indexOf(o.value) < 0) rights.push(o.value); });
        type = 'matching';
        a = Object.keys(r).map(k => k + '[.]' + r[k]).join('[,]'); b = ids.map(k => k + '[.]' + q.answer[k]).join('[,]');
        a12 = Object.keys(r).map(k => ch(ids.indexOf(k)) + '.' + ch(rights.indexOf(r[k]) + 10)).join(',');
        b12 = ids.map((k, n) => ch(n) + '.' + ch(n + 10)).join(',');
      } else if (q.kind === 'true-false') {
        type = 'true-false'; a = r[0]; b = ids[0]; a12 = a.charAt(0); b12 = b.charAt(0);
      } else {
        const opts = $$('input', fs).map(x => x.value);
        type = 'choice'; a = r.join('[,]'); b = ids.join('[,]');
        a12 = r.map(x => ch(opts.indexOf(x) + 10)).join(','); b12 = ids.map(x => ch(opts.indexOf(x) + 10)).join(',');
      }
      S.interactions.push({ id, attempt, type, a, b, a12, b12, right, w: String(q.points || 1), when: new Date() });
    }

    /* ---- other components: basic behaviour ---- */
    function setupChecklist(el) {
      const key = keyOf(el);
      const boxes = $$('input[type=checkbox]', el);
      boxes.forEach(b => on(b, 'change', () => { state.c[key] = boxes.filter(x => x.checked).map(x => x.value !== 'on' ? x.value : x.id); save(); }));
      return () => { const v = state.c[key] || []; boxes.forEach(x => { x.checked = v.indexOf(x.value !== 'on' ? x.value : x.id) >= 0; }); };
    }
    function setupReflection(el) {
      const key = keyOf(el), box = $('textarea', el);
      if (!box) return () => {};
      let timer;
      on(box, 'input', () => { state.r[key] = box.value; clearTimeout(timer); timer = setTimeout(() => save(), 800); });
      return () => { if (state.r[key] != null) box.value = state.r[key]; };
    }
    function setupCards(el) {
      $$('.cp-card', el).forEach((card, n) => {
        const back = $('.cp-card-back', card);
        if (!back) return;
        back.id = back.id || (el.id || 'cp-cards') + '-back-' + n;
        back.hidden = true;
        const b = make('button', { type: 'button', class: 'cp-flip', 'aria-expanded': 'false', 'aria-controls': back.id }, t('show-answer'));
        on(b, 'click', () => {
          const open = back.hidden;
          back.hidden = !open;
          card.classList.toggle('cp-flipped', open);
          b.setAttribute('aria-expanded', String(open));
          b.textContent = t(open ? 'hide-answer' : 'show-answer');
        });
        back.parentNode.insertBefore(b, back);
      });
    }
    function setupDialogue(el) {
      const key = keyOf(el, dialogues);
      if (!key) return () => {};
      const dd = dialogues[key], scenes = {};
      $$('[data-scene]', el).forEach(s => { scenes[s.getAttribute('data-scene')] = s; });
      const first = scenes[dd.start];
      if (!first) return () => {};
      const list = first.parentNode;
      list.hidden = true;
      const log = make('div', { class: 'cp-log' }), live = make('p', { class: 'cp-dialogue-feedback', role: 'status' });
      list.parentNode.insertBefore(log, list.nextSibling);
      log.parentNode.insertBefore(live, log.nextSibling);
      const choicesOf = s => $$('.cp-choices > li, .cp-choices > a', s);
      const clone = s => {
        const k = s.cloneNode(true), c = make('div', { class: 'cp-said' });
        $$('.cp-choices', k).forEach(x => x.remove());
        $$('[id]', k).forEach(x => x.removeAttribute('id'));
        while (k.firstChild) c.appendChild(k.firstChild);
        return c;
      };
      function render(focus) {
        const path = state.d[key] || [];
        log.textContent = '';
        let id = dd.start, last = null;
        for (let n = 0; n <= path.length; n++) {
          const sc = scenes[id], sd = (dd.scenes || {})[id] || {};
          if (!sc) break;
          last = clone(sc);
          log.appendChild(last);
          if (n === path.length) {
            const opts = choicesOf(sc);
            if (opts.length) {
              const box = make('div', { class: 'cp-choice-buttons' });
              opts.forEach((o, k) => {
                const b = make('button', { type: 'button', class: 'cp-choice' });
                const a = $('a', o);
                b.innerHTML = (a || o).innerHTML;
                on(b, 'click', () => {
                  state.d[key] = path.concat(k);
                  const ch = (sd.choices || [])[k] || {};
                  live.innerHTML = ch.feedback || '';
                  render(true);
                  save();
                });
                box.appendChild(b);
              });
              log.appendChild(box);
            } else {
              const b = make('button', { type: 'button', class: 'cp-restart' }, t('start-over'));
              on(b, 'click', () => { state.d[key] = []; live.textContent = ''; render(true); save(); });
              log.appendChild(b);
            }
            break;
          }
          const k = path[n], ch = (sd.choices || [])[k], opt = choicesOf(sc)[k];
          if (!ch || !opt) { state.d[key] = path.slice(0, n); break; }
          const said = make('p', { class: 'cp-you' });
          said.appendChild(make('span', { class: 'cp-speaker' }, t('you') + ': '));
          said.appendChild(doc.createTextNode(opt.textContent.trim()));
          log.appendChild(said);
          id = ch.next;
        }
        if (focus && last) { last.setAttribute('tabindex', '-1'); last.focus(); }
      }
      return () => render(false);
    }
    /* captions: Chromium refuses <track src> from file://, so there the player makes the tracks from the
       caption text the data block carries; elsewhere it turns on the default track */
    function cues(text) {
      const out = [], sec = t => t.trim().split(':').reduce((a, x) => a * 60 + parseFloat(x), 0);
      text.replace(/\r/g, '').split(/\n\s*\n/).forEach(block => {
        const lines = block.split('\n'), i = lines.findIndex(l => l.indexOf('-->') > 0);
        if (i < 0) return;
        const [a, b] = lines[i].split('-->');
        try { out.push(new VTTCue(sec(a), sec(b.trim().split(/\s/)[0]), lines.slice(i + 1).join('\n'))); } catch (e) { /* no VTTCue */ }
      });
      return out;
    }
    /* one medium plays at a time */
    on(doc, 'play', e => { $$('audio,video').forEach(m => { if (m !== e.target) m.pause(); }); }, true);


    /* a page's quizzes and components are set up when it is first shown, so that a long module is
       ready as soon as its first page is */
    const painters = sections.map(() => null);
    function prepare(i) {
      if (painters[i]) return;
      const sec = sections[i], list = painters[i] = [];
      // the renderer keeps every page but the first as text in a <noscript> (PageHTML): built here, once
      const kept = $$('noscript', sec).find(n => n.parentNode === sec);
      if (kept && kept.firstElementChild) {
        // a document fetched for a language switch was parsed without script (DOMParser): already elements
        const part = doc.createDocumentFragment();
        while (kept.firstChild) part.appendChild(kept.firstChild);
        kept.replaceWith(part);
      } else if (kept) {
        const html = kept.textContent;
        kept.remove();
        sec.insertAdjacentHTML('beforeend', html);
      }
      $$('form[data-quiz]', sec).forEach(form => {
        const key = keyOf(form, quizzes);
        if (!key) return;
        form.setAttribute('novalidate', '');
        on(form, 'submit', e => { e.preventDefault(); submitQuiz(form, key); });
        list.push(() => {
          const quiz = quizzes[key], fss = questionsOf(form);
          (state.q[key] || []).forEach((r, n) => { if (r && quiz.questions[n] && fss[n]) restoreInputs(quiz.questions[n], fss[n], r[2]); });
          paintQuiz(form, key, false);
        });
      });
      $$('[data-component]', sec).forEach(el => {
        const type = el.getAttribute('data-component');
        if (type === 'checklist') list.push(setupChecklist(el));
        else if (type === 'reflection') list.push(setupReflection(el));
        else if (type === 'flashcards') setupCards(el);
        else if (type === 'dialogue') list.push(setupDialogue(el));
      });
      const comps = data.components || {};
      for (const key in comps) {
        const c = comps[key], el = c.captions && doc.getElementById(c.element || '');
        const media = el && sec.contains(el) && (/^(VIDEO|AUDIO)$/.test(el.tagName) ? el : $('video,audio', el));
        if (!media) continue;
        c.captions.forEach(cap => {
          const lang = cap.srclang || cap.locale;
          const track = $$('track', media).find(t => t.srclang === lang);
          if (location.protocol === 'file:' && cap.vtt && media.addTextTrack) {
            if (track) track.remove();
            const tt = media.addTextTrack('captions', cap.label || lang, lang);
            cues(cap.vtt).forEach(q => tt.addCue(q));
            tt.mode = cap.default ? 'showing' : 'hidden';
          } else if (track && cap.default) track.track.mode = 'showing';
        });
      }
      list.forEach(f => f());
    }

    /* what the learner is told of completion: the message, and a key that changes when it must be said again */
    function outcome(r) {
      if (r.success === 'passed' && r.completed) return r.score == null ? ['c', t('completed')] : ['p' + r.score, t('completed') + ' ' + t('passed', { count: r.score })];
      if (r.success === 'failed') return ['f' + r.score, t('failed', { count: r.score, total: r.passing })];
      if (r.completed) return ['c', t('completed')];
      return [null, ''];
    }

    const view = {
      t, go,
      get page() { return pageIds[current]; },
      /* a new status, or a new score once passed or failed, is said once */
      announce(r) {
        const [key, text] = outcome(r);
        if (S.outcome === undefined) { S.outcome = key; return; }
        if (key === S.outcome) return;
        S.outcome = key;
        if (key) { say(notice, text); S.outcomeShown = true; }
      },
      saved(kind) { say(saveNote, kind ? t(kind === 'offline' ? 'saved-offline' : 'saved') : ''); },
      /* paints the learner's state; `resumed`: they come back to it from an earlier session */
      restore(resumed) {
        painters.forEach(list => { if (list) list.forEach(f => f()); });
        markSeen();
        const i = pageIds.indexOf(state.p);
        if (i < 0 && current >= 0) {
          // nothing to go back to: the page on show is the place, and seen
          state.p = pageIds[current];
          state.s[state.p] = 1;
          markSeen();
        } else if (!moved && i >= 0) {
          const was = current;
          current = -1;
          if (was >= 0) { sections[was].classList.remove('cp-current'); if (tocOf[was]) tocOf[was].removeAttribute('aria-current'); }
          go(i, false);
          if (resumed && i > 0) say(notice, t('welcome-back'));
        }
        if (!resumed && S.outcomeShown) say(notice, outcome(report())[1]);
        if (S.failing) view.saved('offline');
      },
      first() {
        const h = location.hash && target(decodeURIComponent(location.hash.slice(1)));
        const sec = h && h.closest('.cp-page');
        go(sec ? indexOfSection.get(sec) : 0, false);
        if (sec && h !== sec) h.scrollIntoView();
      },
      unmount() { listeners.forEach(([el, ev, fn, opt]) => el.removeEventListener(ev, fn, opt)); },
      /* the live preview (coursepack preview) gives a page new content and its part of the data: the page
         is built again as when first shown, in place, so the learner's place and scroll stay */
      replacePage(id, html, parts) {
        const i = pageIds.indexOf(id);
        if (i < 0) return false;
        parts = parts || {};
        Object.assign(quizzes, parts.quizzes || {});
        Object.assign(dialogues, parts.dialogues || {});
        Object.assign(data.components || (data.components = {}), parts.components || {});
        const sec = sections[i], kept = make('noscript');
        kept.textContent = html;
        sec.textContent = '';
        sec.appendChild(kept);
        painters[i] = null;
        if (i === current) prepare(i);
        return true;
      },
      focusLanguage() { const a = $('.cp-languages a[aria-current]'); if (a) a.focus(); },
      exitButton(url) {
        if (!url || !header) return;
        const b = make('button', { type: 'button', class: 'cp-exit' }, t('exit'));
        on(b, 'click', () => {
          leave();
          Promise.resolve(S.adapter && S.adapter.end && S.adapter.end()).then(() => { location.href = url; });
        });
        header.appendChild(b);
      }
    };
    S.view = view;
    return true;
  }

  /* ---- saving: to the platform, with a copy on this device, retried until the platform answers ---- */
  let timer = null, retry = null, delay = 4000;
  /* `step`: a page change or an answer, committed at once, so that leaving loses nothing even when the
     platform refuses the last commit; anything else (a tick, typing) a moment later */
  function save(step) {
    S.state.t = Date.now();
    if (!S.ready) return;
    keep();
    clearTimeout(timer);
    if (step) push(true); else timer = setTimeout(() => push(true), 1500);
  }
  function health(ok) {
    if (ok === false) {
      if (!S.failing && S.view) S.view.saved('offline');
      S.failing = true;
      // one retry at a time, each later than the one before (at most 20 s apart); a learner's step that
      // fails meanwhile does not push it further away
      if (!retry) {
        retry = setTimeout(() => { retry = null; push(true); }, delay);
        delay = Math.min(delay * 2, 20000);
      }
    } else if (S.failing) {
      S.failing = false;
      delay = 4000;
      clearTimeout(retry);
      retry = null;
      if (S.view) S.view.saved('saved');
    }
  }
  function push(commit) {
    if (!S.ready) return;
    clearTimeout(timer);
    const r = report();
    if (S.view) S.view.announce(r);
    if (!S.adapter) return;
    const res = S.adapter.save(r, commit);
    if (res && res.then) res.then(health); else health(res);
    keep();
  }
  function leave() {
    if (!S.ready || S.left) return;
    keep();
    S.left = !S.switching;
    if (S.adapter) health(S.adapter.finish(report(), S.switching ? 'switch' : 'leave'));
  }
  win.addEventListener('pagehide', leave);
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState !== 'hidden' || !S.ready || S.left) return;
    keep();
    if (S.adapter) {
      const res = S.adapter.finish(report(), 'hide');
      if (res && res.then) res.then(health); else health(res);
    }
  });
  win.addEventListener('pageshow', e => { if (e.persisted && S.left) location.reload(); });

  /* ---- languages: the other locale's document is fetched and mounted in place; from file://, where
     browsers refuse to fetch, it is opened instead (there is no platform session there to keep) ---- */
  function switchLanguage(loc, chosen) {
    if (chosen) S.state.l = loc.tag;
    save(true);
    const url = new URL(loc.href, location.href);
    url.search = location.search;
    const open = () => {
      S.switching = true;
      leave();
      location.href = url.href;
    };
    if (!/^https?:$/.test(location.protocol) || !win.fetch || !win.DOMParser) return open();
    fetch(url.href, { credentials: 'same-origin' })
      .then(res => { if (!res.ok) throw new Error('HTTP ' + res.status); return res.text(); })
      .then(html => {
        const next = new DOMParser().parseFromString(html, 'text/html');
        const block = next.getElementById('coursepack-data');
        const data = block && JSON.parse(block.textContent);
        if (!data || !next.body) throw new Error('not a module document');
        // DOMParser reads without script, so the pages kept in <noscript> came out as elements: back to
        // text, so that their images and media do not all start loading once in this document
        $$('.cp-page > noscript', next).forEach(n => { n.textContent = n.innerHTML; });
        S.view.unmount();
        doc.getElementById('coursepack-data').textContent = block.textContent;
        root.lang = next.documentElement.getAttribute('lang') || data.locale;
        root.dir = next.documentElement.getAttribute('dir') || data.dir || 'ltr';
        doc.title = next.title;
        doc.body.parentNode.replaceChild(doc.importNode(next.body, true), doc.body);
        try { history.replaceState(history.state, '', url.href); } catch (e) { /* sandboxed frame */ }
        if (!mount(data)) throw new Error('no pages');
        S.view.restore(false);
        S.view.exitButton(S.info.returnURL);
        if (chosen) S.view.focusLanguage();
        push(true);
      })
      .catch(open);
  }

  /* ---- start ---- */
  async function boot() {
    let info = null, lms = false;
    const target = S.data.target;
    try {
      if (target === 'scorm12' || target === 'scorm2004') {
        const api = getAPI(target === 'scorm12' ? 'API' : 'API_1484_11');
        if (api) { lms = true; S.adapter = scorm(api, target === 'scorm2004'); info = S.adapter.start(); }
      } else if (target === 'cmi5' && /[?&]fetch=/.test(location.search)) {
        lms = true;
        S.adapter = await cmi5();
        info = S.adapter && S.adapter.start();
      }
    } catch (e) { S.adapter = null; }
    if (!info) {
      // no platform: this device keeps the progress; a platform that did not answer is tried again
      if (lms) {
        S.adapter = S.adapter || { save: () => false, finish: () => false };
        S.failing = true;
      } else S.adapter = null;
      info = {};
    }
    S.info = info;
    S.learner = info.learner || '';
    S.mastery = info.mastery != null ? info.mastery : null;
    const fromLMS = decode(info.suspend);
    let here = kept();
    // the platform starts a new attempt (ab-initio: first launch, a reset, a new attempt): a copy on this
    // device that the platform had acknowledged belongs to an earlier attempt and goes; one it never
    // acknowledged is this attempt's, made while the platform could not be reached, and stays
    if (info.entry === 'ab-initio' && here && here.a) { forget(); here = null; }
    const saved = here && (!fromLMS || here.t > fromLMS.t) ? here : fromLMS;
    if (saved) Object.assign(S.state, saved);
    S.view.restore(!!saved);
    S.view.exitButton(info.returnURL);
    S.ready = true;
    // the learner's language: the one they chose last, else the platform's preference for them
    const loc = matchLocale(S.state.l || info.language);
    if (loc && loc.tag !== S.data.locale) switchLanguage(loc, false);
    else push(true);
  }

  const block = doc.getElementById('coursepack-data');
  let data;
  try { data = JSON.parse(block.textContent); } catch (e) { return; }
  root.classList.remove('no-js');
  root.classList.add('js');
  if (!mount(data)) return;
  S.view.first();
  S.state.t = 0;
  boot();

  win.Coursepack = {
    state: S.state, report, go: i => S.view.go(i, true), save: () => push(true), encode, decode, refused: S.refused,
    get page() { return S.view.page; }, get ready() { return S.ready; }, get failing() { return S.failing; },
    get locale() { return S.data.locale; },
    replacePage: (id, html, parts) => S.view.replacePage(id, html, parts)
  };
})();
