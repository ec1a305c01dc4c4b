/* Coursepack runtime: the browser adapter. It starts a session (session.js) and puts its API object
   where SCORM content looks for it: window.API (SCORM 1.2) or window.API_1484_11 (SCORM 2004). Content
   in frames below this window finds it by walking up window.parent, as both RTE books describe. */
(function (root) {
  'use strict';
  const R = root.CoursepackRuntime = root.CoursepackRuntime || {};

  /* win: the window that hosts the content's frames; options: as for createSession. Returns the session. */
  R.attach = function (win, options) {
    const session = R.createSession(options);
    const name = session.version === '1.2' ? 'API' : 'API_1484_11';
    // the content only ever sees the eight functions, never the session's own state
    win[name] = Object.freeze(Object.assign({}, session.api));
    return session;
  };
})(typeof self !== 'undefined' ? self : global);
