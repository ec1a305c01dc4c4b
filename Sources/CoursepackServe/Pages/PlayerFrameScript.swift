/// The script of the player frame page: it attaches the runtime (Runtime/) to this window, so that the
/// content in the frame finds `API` / `API_1484_11` by walking up its parents; every commit goes into a
/// queue kept in localStorage and is sent to the server in order; the learner is told which of the two
/// holds it. Navigation requests of SCORM 2004 (continue, previous, choice) open the next SCO once
/// the one that asked has terminated and its data is on the server (or queued).
enum PlayerFrameScript {
    static let source = #"""
    (function () {
      'use strict';
      var L = JSON.parse(document.getElementById('launch').textContent);
      var status = document.getElementById('save-status');
      var frame = document.getElementById('content');
      var text = function (key) { return status.getAttribute('data-play-' + key) || key; };
      var state = { sent: 0, failed: 0, lastAnswer: null, kind: L.kind, attempt: L.attempt };
      // Set when the SCO terminated without asking for another one. "Finished" is a promise that the server
      // has the data, so it replaces "saved" only: while the terminate commit is in flight the learner sees
      // "saving", and when it cannot be sent, "saved on this device, not yet on the server".
      var terminatedHere = false;
      window.hostState = function () { return { queued: load(qkey(L.attempt)).length, seq: seq, status: status.className, text: status.textContent, sent: state.sent, lastAnswer: state.lastAnswer }; };

      function show(kind) {
        if (kind === 'saved' && terminatedHere) kind = 'finished';
        status.className = 'save ' + ({ saved: 'ok', saving: '', queued: 'queued', failed: 'bad', retired: 'bad', finished: 'ok' }[kind] || '');
        status.textContent = text(kind);
        status.setAttribute('data-state', kind);
      }
      function qkey(attempt) { return 'coursepack-queue:' + attempt; }
      function load(key) { try { return JSON.parse(localStorage.getItem(key)) || []; } catch (e) { return []; } }
      function keep(key, queue) {
        try { if (queue.length) localStorage.setItem(key, JSON.stringify(queue)); else localStorage.removeItem(key); return true; } catch (e) { return false; }
      }

      if (L.kind === 'cmi5') {
        // A cmi5 AU talks to the xAPI endpoint itself; the launch URL carries what it needs.
        frame.src = L.contentURL;
        return;
      }

      var R = window.CoursepackRuntime;
      var queue = load(qkey(L.attempt));
      // What this device kept but the server has not: it is newer than the server's record.
      queue = queue.filter(function (c) { return c.seq > L.seq; });
      var seq = queue.reduce(function (m, c) { return Math.max(m, c.seq); }, L.seq);
      var stored = queue.length ? queue[queue.length - 1].record : L.record;
      var start = R.launch(L.kind, Object.keys(stored).length ? stored : null, { newAttempt: false });
      var calls = [];
      var inflight = null, retryDelay = 1000, retryTimer = null, retired = false, leaving = false, awaiting = null;

      // Several queued commits go as one: the newest record under the highest number, every call in order.
      function merged(items) {
        var last = items[items.length - 1];
        return { seq: last.seq, reason: items.some(function (c) { return c.reason === 'terminate'; }) ? 'terminate' : last.reason,
                 record: last.record, calls: items.reduce(function (all, c) { return all.concat(c.calls || []); }, []) };
      }
      function post(attempt, body, keepalive) {
        return fetch('/api/attempts/' + encodeURIComponent(attempt) + '/commits', {
          method: 'POST', credentials: 'same-origin', keepalive: !!keepalive && body.length < 60000,
          headers: { 'Content-Type': 'application/json' }, body: body
        });
      }
      function send(keepalive) {
        if (inflight || retired) return inflight || Promise.resolve(false);
        var items = load(qkey(L.attempt));
        if (!items.length) items = queue.slice();
        if (!items.length) { show('saved'); return Promise.resolve(true); }
        var commit = merged(items);
        show('saving');
        inflight = post(L.attempt, JSON.stringify(commit), keepalive).then(function (res) {
          state.lastAnswer = res.status;
          if (res.ok) {
            queue = queue.filter(function (c) { return c.seq > commit.seq; });
            keep(qkey(L.attempt), queue);
            state.sent++;
            retryDelay = 1000;
            inflight = null;
            if (queue.length) return send();
            show('saved');
            return true;
          }
          inflight = null;
          if (res.status === 409) { retired = true; queue = []; keep(qkey(L.attempt), queue); show('retired'); return false; }
          if (res.status >= 500) throw new Error('server ' + res.status);
          state.failed++;
          show('failed');
          return false;
        }).catch(function () {
          inflight = null;
          state.lastAnswer = 0;
          show('queued');
          clearTimeout(retryTimer);
          retryTimer = setTimeout(function () { send(); }, retryDelay);
          retryDelay = Math.min(retryDelay * 2, 15000);
          return false;
        });
        return inflight;
      }
      window.addEventListener('online', function () { retryDelay = 1000; send(); });

      var launch = L.launch;
      launch.entry = start.entry;
      var session = R.attach(window, {
        version: L.kind, record: start.record, launch: launch, lenient: !!L.lenient,
        persist: function (record, info) {
          if (retired) return false;
          seq += 1;
          var item = { seq: seq, reason: info.reason, record: record, calls: calls.splice(0) };
          queue.push(item);
          keep(qkey(L.attempt), queue);
          // The runtime reports the Commit / Terminate call itself only after this returns: it goes into
          // this commit's trace (onCall below), and the commit is sent once that has happened.
          awaiting = item;
          var leavingNow = leaving;
          Promise.resolve().then(function () {
            awaiting = null;
            send(leavingNow);
            if (info.reason === 'terminate') afterTerminate(record);
          });
          return true;
        },
        unavailable: function () { return false; },
        onCall: function (c) {
          var entry = { fn: c.fn, args: c.args.map(function (a) { return typeof a === 'string' && a.length > 2000 ? a.slice(0, 2000) + '…' : a; }), ret: c.ret, err: c.err };
          if (c.diagnostic) entry.diagnostic = c.diagnostic;
          if (awaiting && /^(LMSCommit|LMSFinish|Commit|Terminate)$/.test(c.fn)) {
            awaiting.calls.push(entry);
            awaiting = null;
            keep(qkey(L.attempt), queue);
            return;
          }
          calls.push(entry);
        }
      });
      window.hostSession = session;

      // SCORM 2004 navigation: the request the SCO set before Terminate decides what opens next.
      function afterTerminate(record) {
        var request = record['adl.nav.request'] || '_none_';
        var target = null;
        var choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
        if (request === 'continue') target = L.next;
        else if (request === 'previous') target = L.previous;
        else if (choice) target = choice[1];
        if (!target) {
          // Not show('finished') here: the terminate commit may still be on its way (or queued), and a
          // learner told "finished" must find it so on any device. send() shows it once the server answered.
          terminatedHere = true;
          send();
          return;
        }
        var go = function () { location.href = '/play/' + encodeURIComponent(L.packageID) + '?sco=' + encodeURIComponent(target); };
        // Leave once the data is on the server, or kept on this device when it cannot be reached.
        send().then(go, go);
      }

      window.addEventListener('pagehide', function () { leaving = true; if (queue.length) send(true); });
      document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden' && queue.length) send(true); });

      // Commits of other attempts that this device could not send before: send them now.
      Object.keys(localStorage).forEach(function (key) {
        if (key.indexOf('coursepack-queue:') !== 0 || key === qkey(L.attempt)) return;
        var items = load(key);
        if (!items.length) return;
        var attempt = key.slice('coursepack-queue:'.length);
        var commit = merged(items);
        post(attempt, JSON.stringify(commit)).then(function (res) {
          if (res.ok || res.status === 409 || res.status === 404) keep(key, load(key).filter(function (c) { return c.seq > commit.seq; }));
        }).catch(function () {});
      });

      if (queue.length) send(); else show('saved');
      frame.src = L.contentURL;
    })();
    """#
}
