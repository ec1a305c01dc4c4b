/* Coursepack runtime: one learner session of one SCO, without any transport. It holds the data model
   of the current attempt (a flat record: element name -> characterstring), runs the API state machine
   (not initialized -> running -> terminated), checks every value against the data model, keeps a log of
   every call with its error code, and hands the record to a `persist` callback on Commit and Terminate.
   The browser adapter (browser.js) puts its API object on window; a server can persist over HTTP. */
(function (root) {
  'use strict';
  const R = root.CoursepackRuntime = root.CoursepackRuntime || {};
  const T = R.types;

  const NAMES = {
    '1.2': ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic'],
    '2004': ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError', 'GetErrorString', 'GetDiagnostic']
  };

  /* What the LMS does at launch: the record the session starts from and cmi.entry.
     - newAttempt (an administrator's reset, a new attempt the LMS starts): an empty record, "ab-initio";
     - no record yet: "ab-initio";
     - the last session exited with "suspend": the same record, "resume";
     - SCORM 2004, the last session set any other exit: that attempt is over (RTE 4.2.10, cmi.exit), so a
       new one starts with an empty record, "ab-initio";
     - otherwise (SCORM 1.2, or no exit set): the same record, "".
     cmi.exit and cmi.session_time describe one session, so they are not carried into the next one. */
  R.launch = function (version, stored, options) {
    const model = modelOf(version);
    const opts = options || {};
    const fresh = { record: {}, entry: 'ab-initio', newAttempt: true };
    if (opts.newAttempt || !stored || !Object.keys(stored).length) return fresh;
    const exit = stored[model.exitElement];
    if (version === '2004' && exit !== undefined && exit !== 'suspend') return fresh;
    const record = Object.assign({}, stored);
    delete record[model.exitElement];
    delete record[model.sessionTimeElement];
    return { record, entry: exit === 'suspend' ? 'resume' : '', newAttempt: false };
  };

  function modelOf(version) {
    const model = R.models[String(version)];
    if (!model) throw new Error('CoursepackRuntime: version must be "1.2" or "2004", not ' + JSON.stringify(version));
    return model;
  }

  /* options: version ("1.2" | "2004"), record (flat map, from R.launch), launch ({entry, credit, mode,
     learner: {id, name}, launchData, masteryScore, scaledPassingScore, completionThreshold, maxTimeAllowed,
     timeLimitAction, preferences: {...}, commentsFromLms, navRequestValid}), lenient (boolean),
     persist(record, {reason}) -> boolean, unavailable() -> boolean, onCall(entry), unimplemented (element
     names this LMS does not implement, as optional elements may be: 401 in 1.2, 402 in 2004). */
  R.createSession = function (options) {
    const version = String(options.version);
    const model = modelOf(version);
    const codes = R.codes[version], texts = R.errors[version];
    const lenient = !!options.lenient;
    const launch = options.launch || {};
    const record = Object.assign({}, options.record || {});
    const persist = options.persist || (() => true);
    const unavailable = options.unavailable || (() => false);
    const unimplemented = new Set(options.unimplemented || []);
    const calls = [];
    const counts = new Map();
    let state = 'not initialized';
    let lastError = '0', lastDiagnostic = '';
    let sessionTimeSet = false;

    /* ---- elements and arrays ---- */
    function parse(element) {
      const parts = element.split('.');
      const pattern = [], arrays = [], indices = [];
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i];
        if (/^\d+$/.test(p)) {
          const at = pattern.join('.');
          if (!model.arrays[at] || (p.length > 1 && p[0] === '0')) return null;
          arrays.push({ pattern: at, path: parts.slice(0, i).join('.'), index: +p, rest: parts.slice(i + 1).join('.') });
          indices.push(+p);
          pattern.push('n');
        } else if (p === '') {
          return null;
        } else {
          pattern.push(p);
        }
      }
      return { pattern: pattern.join('.'), parts, arrays, indices, last: parts[parts.length - 1] };
    }
    function known(pattern) {
      return !!(model.elements[pattern] || model.arrays[pattern] || model.children[pattern] || model.groups.indexOf(pattern) >= 0);
    }
    function context(e) {
      return {
        launch, indices: e ? e.indices : [],
        get: k => record[k],
        interactionType: () => (e && e.indices.length ? record['cmi.interactions.' + e.indices[0] + '.type'] : undefined)
      };
    }
    function countOf(arr) {
      const conf = model.arrays[arr.pattern];
      return conf.lms ? conf.lms({ launch }) : counts.get(arr.path) || 0;
    }
    // the arrays' sizes, from the record the session starts with
    Object.keys(record).forEach(k => {
      const e = parse(k);
      if (e) e.arrays.forEach(a => counts.set(a.path, Math.max(counts.get(a.path) || 0, a.index + 1)));
    });

    /* ---- results ---- */
    function done(fn, args, ret, code, diagnostic) {
      lastError = code;
      lastDiagnostic = diagnostic || '';
      const entry = { fn, args, ret, err: code };
      if (diagnostic) entry.diagnostic = diagnostic;
      calls.push(entry);
      if (options.onCall) options.onCall(entry);
      return ret;
    }
    const ok = (fn, args, ret, note) => done(fn, args, ret, '0', note);

    /* ---- GetValue ---- */
    function getValue(fn, element) {
      const args = [element];
      const no = (code, why) => done(fn, args, '', code, why);
      if (state === 'not initialized') return no(codes.getBeforeInit, 'GetValue before Initialize');
      if (state === 'terminated') return no(codes.getAfterEnd, 'GetValue after the session ended');
      if (typeof element !== 'string' || element === '') return no(codes.getEmpty, 'GetValue needs the name of a data model element');
      if (version === '2004' && element.indexOf('adl.') === 0) return getNavigation(fn, element, no);
      const e = parse(element);
      if (!e) return no(codes.undefined, element + ' is not an element of the data model');
      const outer = e.arrays.find(a => a.index >= countOf(a));
      if (e.last === '_children' || e.last === '_count') {
        const base = e.pattern.slice(0, -(e.last.length + 1));
        const has = e.last === '_children' ? model.children[base] : model.arrays[base];
        if (!has) return known(base) ? no(e.last === '_children' ? codes.noChildren : codes.noCount, base + ' has no ' + e.last) : no(codes.undefined, element + ' is not an element of the data model');
        if (outer) return no(codes.getFailure, outer.path + '.' + outer.index + ' does not exist (' + outer.path + '._count is ' + countOf(outer) + ')');
        if (e.last === '_children') return ok(fn, args, has);
        return ok(fn, args, String(countOf({ pattern: base, path: e.parts.slice(0, -1).join('.') })));
      }
      const spec = model.elements[e.pattern];
      if (!spec) return no(codes.undefined, element + ' is not an element of the data model' + (known(e.pattern) ? ' that holds a value' : ''));
      if (unimplemented.has(e.pattern)) return no(codes.unimplemented, element + ' is not implemented by this LMS');
      if (outer) return no(codes.getFailure, outer.path + '.' + outer.index + ' does not exist (' + outer.path + '._count is ' + countOf(outer) + ')');
      if (spec.access === 'wo') return no(codes.writeOnly, element + ' is write-only');
      const ctx = context(e);
      let v = spec.evaluated || (spec.access === 'ro' && element !== model.totalTimeElement) ? undefined : record[element];
      if (v === undefined) v = typeof spec.initial === 'function' ? spec.initial(ctx) : spec.initial;
      if (v === undefined) return version === '1.2' ? ok(fn, args, '') : no(codes.notInitialized, element + ' has no value yet');
      return ok(fn, args, v);
    }
    function getNavigation(fn, element, no) {
      const args = [element];
      if (element === 'adl.nav.request') return ok(fn, args, record[element] !== undefined ? record[element] : '_none_');
      const m = model.navigation.valid.exec(element);
      if (!m) return no(codes.undefined, element + ' is not an element of the data model');
      const valid = launch.navRequestValid || {};
      const v = m[3] ? (valid[m[2]] || {})[m[3]] : valid[m[1]];
      return ok(fn, args, v != null ? String(v) : 'unknown');
    }

    /* ---- SetValue ---- */
    function setValue(fn, element, value) {
      const args = [element, value];
      const no = (code, why) => done(fn, args, 'false', code, why);
      if (state === 'not initialized') return no(codes.setBeforeInit, 'SetValue before Initialize');
      if (state === 'terminated') return no(codes.setAfterEnd, 'SetValue after the session ended');
      if (unavailable()) return no(codes.unavailableSet, 'the LMS cannot be reached; nothing was stored');
      if (typeof element !== 'string' || element === '') return no(codes.setEmpty, 'SetValue needs the name of a data model element');
      if (value === undefined || value === null || typeof value === 'object' || typeof value === 'function') {
        return no(codes.argument, 'the value for ' + element + ' must be a characterstring, not ' + (value === null ? 'null' : typeof value));
      }
      value = String(value);
      args[1] = value;
      if (version === '2004' && element.indexOf('adl.') === 0) {
        if (element === 'adl.nav.request') {
          const bad = model.navigation.request(value);
          if (bad) return no(codes.type, element + ': ' + bad.why);
          record[element] = value;
          return ok(fn, args, 'true');
        }
        return model.navigation.valid.test(element) ? no(codes.readOnly, element + ' is read-only') : no(codes.undefined, element + ' is not an element of the data model');
      }
      const e = parse(element);
      if (!e) return no(codes.undefined, element + ' is not an element of the data model');
      if (e.last === '_children' || e.last === '_count' || e.last === '_version') {
        const base = e.pattern.slice(0, -(e.last.length + 1));
        if ((e.last === '_children' && model.children[base]) || (e.last === '_count' && model.arrays[base]) || (e.last === '_version' && model.elements[e.pattern])) {
          return no(codes.keywordSet, element + ' is a keyword: the LMS sets it');
        }
        return no(codes.undefined, element + ' is not an element of the data model');
      }
      const spec = model.elements[e.pattern];
      if (!spec) return no(codes.undefined, element + ' is not an element of the data model' + (known(e.pattern) ? ' that holds a value' : ''));
      if (unimplemented.has(e.pattern)) return no(codes.unimplemented, element + ' is not implemented by this LMS');
      if (spec.access === 'ro') return no(codes.readOnly, element + ' is read-only');
      const ctx = context(e);
      for (let i = 0; i < e.arrays.length; i++) {
        const a = e.arrays[i], n = countOf(a), conf = model.arrays[a.pattern];
        if (a.index > n) return no(codes.setFailure, element + ': ' + a.path + ' holds ' + n + ' item' + (n === 1 ? '' : 's') + ', so the next one is ' + a.path + '.' + n + ', not ' + a.index);
        if (a.index === n && version === '2004' && conf.id && a.rest !== conf.id) {
          return no(codes.dependency, element + ': set ' + a.path + '.' + a.index + '.' + conf.id + ' first');
        }
        if (a.index === n && conf.limit) {
          const limit = conf.limit(ctx);
          if (limit != null && a.index >= limit) return no(codes.setFailure, element + ': an interaction of type ' + ctx.interactionType() + ' has at most ' + limit + ' correct response pattern' + (limit === 1 ? '' : 's'));
        }
      }
      if (spec.needsType && ctx.interactionType() === undefined) {
        return no(codes.dependency, element + ': set cmi.interactions.' + e.indices[0] + '.type first');
      }
      let note = '';
      const bad = spec.check(value, ctx);
      if (bad) {
        if (bad.kind === 'spm' && lenient && typeof bad.limit === 'number') {
          note = 'lenient: truncated to ' + bad.limit + ' characters (' + bad.why + ')';
          value = value.slice(0, bad.limit);
        } else {
          return no(bad.kind === 'range' ? codes.range : codes.type, element + ': ' + bad.why);
        }
      }
      const inner = e.arrays[e.arrays.length - 1];
      const conf = inner && model.arrays[inner.pattern];
      if (conf && conf.id && inner.rest === conf.id) {
        if (conf.writeOnce && record[element] !== undefined && record[element] !== value) {
          return no(codes.setFailure, element + ' is already "' + record[element] + '"; an identifier, once set, does not change');
        }
        if (conf.unique === 'always' || (conf.unique === 'strict' && !lenient)) {
          for (let j = 0; j < countOf(inner); j++) {
            if (j !== inner.index && record[inner.path + '.' + j + '.' + conf.id] === value) {
              return no(codes.setFailure, element + ': "' + value + '" is already the id of ' + inner.path + '.' + j + '; ids are unique in ' + inner.path);
            }
          }
        }
      }
      record[element] = value;
      e.arrays.forEach(a => { if (a.index === countOf(a)) counts.set(a.path, a.index + 1); });
      if (element === model.sessionTimeElement) sessionTimeSet = true;
      return ok(fn, args, 'true', note);
    }

    /* ---- what the LMS keeps: the record with the values it evaluates ---- */
    function toPersist(ending) {
      const out = Object.assign({}, record);
      const ctx = context(null);
      if (ending && sessionTimeSet) {
        const total = out[model.totalTimeElement];
        if (version === '1.2') {
          const sum = (total ? T.timespanToCentis(total) : 0) + T.timespanToCentis(out[model.sessionTimeElement]);
          out[model.totalTimeElement] = T.centisToTimespan(sum);
        } else {
          const sum = (total ? T.intervalToCentis(total) : 0) + T.intervalToCentis(out[model.sessionTimeElement]);
          out[model.totalTimeElement] = T.centisToInterval(sum);
        }
      }
      if (version === '2004') {
        ['cmi.completion_status', 'cmi.success_status'].forEach(k => {
          const v = model.elements[k].initial(ctx);
          if (v !== 'unknown' || out[k] !== undefined) out[k] = v;
        });
      } else if (launch.masteryScore != null && launch.masteryScore !== '' && (launch.credit || 'credit') === 'credit' &&
                 out['cmi.core.score.raw'] !== undefined && out['cmi.core.score.raw'] !== '') {
        // RTE 3.4.4 (cmi.student_data.mastery_score): the LMS decides passed or failed from the raw score
        out['cmi.core.lesson_status'] = +out['cmi.core.score.raw'] >= +launch.masteryScore ? 'passed' : 'failed';
      }
      return out;
    }
    function store(out, reason) {
      try {
        return persist(out, { reason, version }) !== false;
      } catch (err) {
        lastDiagnostic = String(err && err.message || err);
        return false;
      }
    }

    /* ---- the API ---- */
    const names = NAMES[version];
    const api = {};
    api[names[0]] = function (arg) {
      const fn = names[0], args = [arg];
      if (state === 'running') return done(fn, args, 'false', codes.initTwice, 'the session is already initialized');
      if (state === 'terminated') return done(fn, args, 'false', codes.initAfterEnd, 'the session has ended; a new launch starts a new one');
      if (arg !== '') return done(fn, args, 'false', codes.argument, names[0] + ' takes "" (an empty characterstring)');
      state = 'running';
      return ok(fn, args, 'true');
    };
    api[names[1]] = function (arg) {
      const fn = names[1], args = [arg];
      if (state === 'not initialized') return done(fn, args, 'false', codes.endBeforeInit, names[1] + ' before ' + names[0]);
      if (state === 'terminated') return done(fn, args, 'false', codes.endAfterEnd, 'the session has already ended');
      if (arg !== '') return done(fn, args, 'false', codes.argument, names[1] + ' takes "" (an empty characterstring)');
      if (unavailable()) return done(fn, args, 'false', codes.endFailed, 'the LMS cannot be reached; the session goes on');
      const out = toPersist(true);
      if (!store(out, 'terminate')) return done(fn, args, 'false', codes.endFailed, 'the record could not be kept' + (lastDiagnostic ? ': ' + lastDiagnostic : '') + '; the session goes on');
      Object.keys(out).forEach(k => { record[k] = out[k]; });
      state = 'terminated';
      return ok(fn, args, 'true');
    };
    api[names[2]] = element => getValue(names[2], element);
    api[names[3]] = (element, value) => setValue(names[3], element, value);
    api[names[4]] = function (arg) {
      const fn = names[4], args = [arg];
      if (state === 'not initialized') return done(fn, args, 'false', codes.commitBeforeInit, names[4] + ' before ' + names[0]);
      if (state === 'terminated') return done(fn, args, 'false', codes.commitAfterEnd, names[4] + ' after the session ended');
      if (arg !== '') return done(fn, args, 'false', codes.argument, names[4] + ' takes "" (an empty characterstring)');
      if (unavailable()) return done(fn, args, 'false', codes.commitFailed, 'the LMS cannot be reached; nothing was kept');
      if (!store(toPersist(false), 'commit')) return done(fn, args, 'false', codes.commitFailed, 'the record could not be kept' + (lastDiagnostic ? ': ' + lastDiagnostic : ''));
      return ok(fn, args, 'true');
    };
    // the error functions work in every state and leave the last error as it is
    function quiet(fn, args, ret) {
      const entry = { fn, args, ret, err: lastError };
      calls.push(entry);
      if (options.onCall) options.onCall(entry);
      return ret;
    }
    api[names[5]] = () => quiet(names[5], [], lastError);
    api[names[6]] = code => quiet(names[6], [code], texts[String(code)] || '');
    api[names[7]] = code => {
      const c = code === undefined || code === null ? '' : String(code);
      const mine = c === '' || c === lastError;
      return quiet(names[7], [code], mine ? (lastDiagnostic || texts[lastError] || '') : texts[c] || '');
    };

    return {
      version, api, lenient,
      get state() { return state; },
      calls,
      errors: () => calls.filter(c => c.err !== '0' && !/GetLastError|GetErrorString|GetDiagnostic/.test(c.fn)),
      record: () => Object.assign({}, record)
    };
  };
})(typeof self !== 'undefined' ? self : global);
