/* Coursepack runtime: the data types of both data models, as checks on a characterstring.
   A check returns null when the value is valid, or {kind, why} where kind is 'type' (wrong form),
   'range' (a number outside its range) or 'spm' (longer than the smallest permitted maximum, with
   `limit` set, so that the lenient mode can truncate instead of refusing).
   SCORM 1.2 RTE 3.4.1 (CMIBlank ... CMIVocabulary); SCORM 2004 4th Ed. RTE 4.1.1 (data types). */
(function (root) {
  'use strict';
  const R = root.CoursepackRuntime = root.CoursepackRuntime || {};
  const T = R.types = {};

  const bad = (kind, why, limit) => ({ kind, why, limit });
  const fmt = n => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

  /* ---- shared ---- */
  function length(v, limit, what) {
    return v.length > limit ? bad('spm', what + ' of ' + fmt(v.length) + ' characters, over its limit of ' + fmt(limit), limit) : null;
  }
  T.vocabulary = function (words) {
    return v => words.indexOf(v) >= 0 ? null : bad('type', '"' + v + '" is not one of: ' + words.map(w => '"' + w + '"').join(', '));
  };

  /* ---- SCORM 1.2 ---- */
  const DECIMAL12 = /^-?\d+(\.\d+)?$/;
  T.cmiString = limit => v => length(v, limit, 'a CMIString' + limit);
  T.cmiDecimal = (min, max) => v => {
    if (!DECIMAL12.test(v)) return bad('type', '"' + v + '" is not a CMIDecimal (digits, an optional minus sign and decimal point)');
    if ((min != null && +v < min) || (max != null && +v > max)) return bad('range', v + ' is outside ' + min + ' to ' + max);
    return null;
  };
  T.cmiDecimalOrBlank = (min, max) => { const d = T.cmiDecimal(min, max); return v => v === '' ? null : d(v); };
  T.cmiSInteger = (min, max) => v => {
    if (!/^-?\d+$/.test(v)) return bad('type', '"' + v + '" is not a CMISInteger');
    if (+v < min || +v > max) return bad('range', v + ' is outside ' + min + ' to ' + max);
    return null;
  };
  // "An alphanumeric group of characters with no white space or unprintable characters in it. Maximum of
  // 255 characters": read as 1 to 255 printable ASCII characters other than space.
  T.cmiIdentifier = v => v.length > 255 ? bad('spm', 'a CMIIdentifier of ' + fmt(v.length) + ' characters, over its limit of 255', 255)
    : /^[\x21-\x7e]+$/.test(v) ? null : bad('type', '"' + v + '" is not a CMIIdentifier (1 to 255 printable ASCII characters, no space)');
  // CMITime: HH:MM:SS, with an optional decimal point and 1 or 2 more digits; a time of day on a 24-hour clock
  T.cmiTime = v => {
    const m = /^(\d{2}):(\d{2}):(\d{2})(\.\d{1,2})?$/.exec(v);
    if (!m || +m[1] > 23 || +m[2] > 59 || +m[3] > 59) return bad('type', '"' + v + '" is not a CMITime (HH:MM:SS.SS, 00:00:00 to 23:59:59.99)');
    return null;
  };
  // CMITimespan: HHHH:MM:SS.SS, hours of 2 to 4 digits
  T.cmiTimespan = v => {
    const m = /^(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?$/.exec(v);
    if (!m || +m[2] > 59 || +m[3] > 59) return bad('type', '"' + v + '" is not a CMITimespan (HHHH:MM:SS.SS: 2 to 4 digits of hours, minutes and seconds under 60)');
    return null;
  };
  T.cmiResult12 = v => ['correct', 'wrong', 'unanticipated', 'neutral'].indexOf(v) >= 0 || DECIMAL12.test(v) ? null
    : bad('type', '"' + v + '" is neither "correct", "wrong", "unanticipated", "neutral" nor a CMIDecimal');
  // CMIFeedback: its form depends on the interaction's type (RTE 3.4.2, cmi.interactions.n.student_response)
  const ch = '[0-9a-z]';
  const list12 = new RegExp('^(' + ch + '(,' + ch + ')*|\\{' + ch + '(,' + ch + ')*\\})$');
  const FEEDBACK12 = {
    'true-false': v => /^[01tf]$/.test(v) ? null : bad('type', '"' + v + '" is not a true-false response (0, 1, t or f)'),
    choice: v => list12.test(v) ? null : bad('type', '"' + v + '" is not a choice response (single characters 0-9 or a-z, separated by commas)'),
    'fill-in': v => length(v, 255, 'a fill-in response'),
    numeric: v => DECIMAL12.test(v) ? null : bad('type', '"' + v + '" is not a numeric response (a CMIDecimal)'),
    likert: v => v === '' || new RegExp('^' + ch + '$').test(v) ? null : bad('type', '"' + v + '" is not a likert response (one character 0-9 or a-z)'),
    matching: v => new RegExp('^(' + ch + '\\.' + ch + '(,' + ch + '\\.' + ch + ')*|\\{' + ch + '\\.' + ch + '(,' + ch + '\\.' + ch + ')*\\})$').test(v) ? null
      : bad('type', '"' + v + '" is not a matching response (pairs such as 1.a, separated by commas)'),
    performance: v => length(v, 255, 'a performance response'),
    sequencing: v => list12.test(v) ? null : bad('type', '"' + v + '" is not a sequencing response (single characters 0-9 or a-z, separated by commas)')
  };
  // free text (fill-in, performance, no type yet) may be truncated in the lenient mode; a list may not
  T.cmiFeedback = (v, type) => {
    if (v.length > 255) {
      const why = 'a CMIFeedback of ' + fmt(v.length) + ' characters, over its limit of 255';
      return !type || type === 'fill-in' || type === 'performance' ? bad('spm', why, 255) : bad('type', why);
    }
    return FEEDBACK12[type] ? FEEDBACK12[type](v) : null;
  };

  /* ---- SCORM 2004 ---- */
  const REAL = /^-?(\d+(\.\d*)?|\.\d+)$/;
  // real(10,7): a real number; a range where the element has one
  T.real = (min, max) => v => {
    if (!REAL.test(v)) return bad('type', '"' + v + '" is not a real number');
    if ((min != null && +v < min) || (max != null && +v > max)) {
      return bad('range', v + ' is outside ' + (min != null ? min : '-infinity') + ' to ' + (max != null ? max : 'infinity'));
    }
    return null;
  };
  T.characterstring = limit => v => length(v, limit, 'a characterstring');
  // long_identifier_type / short_identifier_type: a URI (RFC 3986), so not empty and without white space
  T.identifier = limit => v => {
    if (v.length > limit) return bad('spm', 'an identifier of ' + fmt(v.length) + ' characters, over its limit of ' + fmt(limit), limit);
    if (!v.length || /[\s]/.test(v)) return bad('type', '"' + v + '" is not an identifier (a URI: not empty, no white space)');
    return null;
  };
  // language_type: a language tag (ISO 639 code and subtags, RFC 3066 / BCP 47 form), or empty where allowed
  const LANGUAGE = /^([a-zA-Z]{2,3}|[iIxX])(-[a-zA-Z0-9]{1,8})*$/;
  T.language = allowEmpty => v => {
    if (v === '' && allowEmpty) return null;
    if (v.length > 250) return bad('spm', 'a language of ' + fmt(v.length) + ' characters, over its limit of 250', 250);
    return LANGUAGE.test(v) ? null : bad('type', '"' + v + '" is not a language tag (such as en, ar, fa-AF)');
  };
  // localized_string_type: an optional {lang=<language>} delimiter, then the text; the limit counts the text
  function splitLang(v) {
    const m = /^\{lang=([^}]*)\}/.exec(v);
    return m ? { lang: m[1], text: v.slice(m[0].length) } : { lang: null, text: v };
  }
  T.localized = limit => v => {
    const s = splitLang(v);
    if (s.lang !== null && !LANGUAGE.test(s.lang)) return bad('type', '"{lang=' + s.lang + '}" does not name a language');
    return s.text.length > limit ? bad('spm', 'a localized string of ' + fmt(s.text.length) + ' characters, over its limit of ' + fmt(limit), limit + v.length - s.text.length) : null;
  };
  // time(second,10,2): YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]], year 1970 to 2038
  const TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,2}))?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?)?)?$/;
  T.time = v => {
    const m = TIME.exec(v);
    const no = () => bad('type', '"' + v + '" is not a time(second,10,2) (YYYY-MM-DDThh:mm:ss.s with an optional time zone, years 1970 to 2038)');
    if (!m) return no();
    const y = +m[1], mo = m[2] ? +m[2] : 1, d = m[3] ? +m[3] : 1;
    if (y < 1970 || y > 2038 || mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return no();
    if ((m[4] && +m[4] > 23) || (m[5] && +m[5] > 59) || (m[6] && +m[6] > 59)) return no();
    if (m[8] && m[8] !== 'Z') { const h = +m[8].slice(1, 3), mm = m[8].length > 3 ? +m[8].slice(-2) : 0; if (h > 23 || mm > 59) return no(); }
    return null;
  };
  // timeinterval(second,10,2): an ISO 8601 duration P[yY][mM][dD][T[hH][mM][s[.s]S]], at least one part
  const INTERVAL = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$/;
  T.interval = v => {
    const m = INTERVAL.exec(v);
    const time = v.indexOf('T') >= 0;
    if (!m || (!m[1] && !m[2] && !m[3] && !m[4] && !m[5] && !m[6]) || (time && !m[4] && !m[5] && !m[6])) {
      return bad('type', '"' + v + '" is not a timeinterval(second,10,2) (an ISO 8601 duration such as PT1H5M30.5S)');
    }
    return null;
  };

  // learner_response and correct_responses.n.pattern, by interaction type (RTE 4.2.9.1, Tables 4.2.9.1b and c)
  const SEP = '[,]', PAIR = '[.]';
  const shortId = T.identifier(250);
  function items(v, max, each, what) {
    const parts = v.split(SEP);
    if (parts.length > max) return bad('type', what + ' of ' + parts.length + ' items, over its limit of ' + max);
    for (const p of parts) { const e = each(p); if (e) return bad('type', what + ': ' + e.why); }
    return null;
  }
  function unique(v, what) {
    const parts = v.split(SEP);
    return new Set(parts).size === parts.length ? null : bad('type', what + ' names an item twice');
  }
  // the {case_matters=..}{order_matters=..} and {lang=..} delimiters that may open a pattern
  function options(v, allowed) {
    let m;
    while ((m = /^\{(case_matters|order_matters)=([^}]*)\}/.exec(v))) {
      if (allowed.indexOf(m[1]) < 0 || (m[2] !== 'true' && m[2] !== 'false')) return { error: bad('type', '"' + m[0] + '" is not allowed here') };
      v = v.slice(m[0].length);
    }
    return { rest: v };
  }
  const pair = (left, right) => p => {
    const s = p.split(PAIR);
    if (s.length !== 2) return bad('type', '"' + p + '" is not a pair joined by [.]');
    return left(s[0]) || right(s[1]);
  };
  const numericRange = v => {
    const s = v.split('[:]');
    if (s.length !== 2 || (s[0] && !REAL.test(s[0])) || (s[1] && !REAL.test(s[1]))) return bad('type', '"' + v + '" is not a numeric range (min[:]max)');
    if (s[0] && s[1] && +s[0] > +s[1]) return bad('type', 'the range "' + v + '" has its minimum above its maximum');
    return null;
  };
  const performanceStep = pattern => p => {
    const s = p.split(PAIR);
    if (s.length !== 2 || (s[0] === '' && s[1] === '')) return bad('type', '"' + p + '" is not a step (name[.]answer)');
    if (s[0] !== '' && shortId(s[0])) return bad('type', '"' + s[0] + '" is not a step name');
    if (s[1].length > 250) return bad('type', 'a step answer over 250 characters');
    if (pattern && s[1].indexOf('[:]') >= 0) return numericRange(s[1]);
    return null;
  };
  const RESPONSE = {
    'true-false': () => v => v === 'true' || v === 'false' ? null : bad('type', '"' + v + '" is not "true" or "false"'),
    choice: () => v => v === '' ? null : items(v, 36, shortId, 'a choice response') || unique(v, 'a choice response'),
    'fill-in': pattern => v => {
      let rest = v;
      if (pattern) { const o = options(v, ['case_matters', 'order_matters']); if (o.error) return o.error; rest = o.rest; }
      return items(rest, 10, T.localized(250), 'a fill-in response');
    },
    'long-fill-in': pattern => v => {
      let rest = v;
      if (pattern) { const o = options(v, ['case_matters']); if (o.error) return o.error; rest = o.rest; }
      const e = T.localized(4000)(rest);
      return e && e.kind === 'spm' ? bad('type', 'a long-fill-in response over 4,000 characters') : e;
    },
    likert: () => shortId,
    matching: () => v => items(v, 36, pair(shortId, shortId), 'a matching response'),
    performance: pattern => v => {
      let rest = v;
      if (pattern) { const o = options(v, ['order_matters']); if (o.error) return o.error; rest = o.rest; }
      return items(rest, 125, performanceStep(pattern), 'a performance response');
    },
    sequencing: () => v => items(v, 36, shortId, 'a sequencing response'),
    numeric: pattern => pattern ? numericRange : v => REAL.test(v) ? null : bad('type', '"' + v + '" is not a real number'),
    other: () => v => v.length > 4000 ? bad('type', 'a response over 4,000 characters') : null
  };
  T.response2004 = (v, type, pattern) => RESPONSE[type](pattern)(v);
  // how many correct response patterns each interaction type may have (RTE 4.2.9.1, Table 4.2.9.1c)
  T.patternLimit2004 = {
    'true-false': 1, choice: 10, 'fill-in': 5, 'long-fill-in': 5, likert: 1, matching: 5, performance: 5, sequencing: 5, numeric: 1, other: 1
  };

  /* ---- time arithmetic for total_time ---- */
  T.timespanToCentis = v => { const m = /^(\d+):(\d+):(\d+)(?:\.(\d{1,2}))?$/.exec(v); return ((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 100 + (m[4] ? +(m[4] + '0').slice(0, 2) : 0); };
  T.centisToTimespan = c => {
    const pad = (n, w) => String(n).padStart(w, '0');
    const h = Math.floor(c / 360000), mi = Math.floor(c / 6000) % 60, s = Math.floor(c / 100) % 60, f = c % 100;
    return pad(Math.min(h, 9999), 4) + ':' + pad(mi, 2) + ':' + pad(s, 2) + '.' + pad(f, 2);
  };
  // a duration in hundredths of a second; years and months count as 365 and 30 days (ISO 8601 leaves them nominal)
  T.intervalToCentis = v => {
    const m = INTERVAL.exec(v);
    const n = i => (m[i] ? +m[i] : 0);
    return Math.round(((((n(1) * 365 + n(2) * 30 + n(3)) * 24 + n(4)) * 60 + n(5)) * 60 + n(6)) * 100);
  };
  T.centisToInterval = c => {
    const h = Math.floor(c / 360000), mi = Math.floor(c / 6000) % 60, s = (c % 6000) / 100;
    return 'PT' + h + 'H' + mi + 'M' + (Math.round(s * 100) / 100) + 'S';
  };
})(typeof self !== 'undefined' ? self : global);
