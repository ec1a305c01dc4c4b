extension PreviewAssets {
    /// The script in every document the preview serves: follows the server's events, puts changed
    /// pages in place through the player (`Coursepack.replacePage`), reloads on a change of the whole
    /// module keeping the page and scroll position, and shows the findings next to the blocks and
    /// components they concern (`data-cp-line`).
    static let client = #"""
    (function () {
      'use strict';
      const doc = document, win = window;
      const meta = doc.querySelector('meta[name="coursepack-preview"]');
      const review = /[?&]review=1(&|$)/.test(location.search);
      const placeKey = 'cpv-place:' + (win.name || 'tab');
      const self = win.CoursepackPreview = {
        version: meta ? +meta.content.split(' ')[1] : 0, applied: [], findings: null, reloads: 0, review: review
      };
      const player = () => win.Coursepack;
      const locale = () => (player() && player().locale) || doc.documentElement.lang;

      /* ---- after a reload: back to the page and the scroll position the author was on ---- */
      try {
        const saved = JSON.parse(sessionStorage.getItem(placeKey) || 'null');
        sessionStorage.removeItem(placeKey);
        if (saved && player()) {
          const block = doc.getElementById('coursepack-data');
          const pages = block ? JSON.parse(block.textContent).pages : [];
          const i = pages.findIndex(p => p.id === saved.page);
          if (i >= 0 && player().page !== saved.page) player().go(i);
          win.scrollTo(0, saved.y);
          requestAnimationFrame(() => win.scrollTo(0, saved.y));
          self.reloads = saved.reloads || 0;
        }
      } catch (e) { /* no storage: the player still resumes the page */ }

      function reload() {
        try {
          sessionStorage.setItem(placeKey, JSON.stringify({ page: player() && player().page, y: win.scrollY, reloads: self.reloads + 1 }));
        } catch (e) { /* no storage */ }
        location.reload();
      }

      async function update(id, version) {
        const url = '/_preview/page?locale=' + encodeURIComponent(locale()) + '&page=' + encodeURIComponent(id) + (review ? '&review=1' : '');
        const res = await fetch(url, { cache: 'no-store' });
        if (!res.ok) return;
        const page = await res.json();
        const y = win.scrollY;
        if (player() && player().replacePage(id, page.html, page.data)) {
          win.scrollTo(0, y);
          self.version = Math.max(self.version, page.version);
          self.applied.push({ id: id, version: version, at: Date.now() });
          paint();
          label();
        }
      }

      /* ---- findings next to what they concern ---- */
      function marker(kind, text) {
        const m = doc.createElement('div');
        m.className = 'cpv-marker cpv-' + kind;
        m.setAttribute('role', kind === 'hold' ? 'status' : 'note');
        m.setAttribute('dir', 'ltr');
        m.setAttribute('lang', 'en');
        m.textContent = text;
        return m;
      }
      function built(sec) { return !Array.prototype.some.call(sec.children, c => c.tagName === 'NOSCRIPT'); }
      function paint() {
        doc.querySelectorAll('.cpv-marker').forEach(n => { if (!n.closest('.cpv-unavailable')) n.remove(); });
        doc.querySelectorAll('.cpv-flagged').forEach(n => n.classList.remove('cpv-flagged'));
        const report = self.findings;
        if (!report) return;
        const main = doc.getElementById('cp-main');
        report.holds.forEach(h => {
          const sec = h.page ? doc.getElementById('page-' + h.page) : main;
          if (!sec) return;
          sec.insertBefore(marker('hold', 'Showing the last version that worked. ' + h.message), sec.firstChild);
        });
        report.findings.forEach(f => {
          if (!f.page) {
            if (main && f.severity === 'error') main.insertBefore(marker(f.severity, f.severity + ': ' + f.file + ':' + f.line + ':' + f.column + ': ' + f.message + ' [' + f.code + ']'), main.firstChild);
            return;
          }
          const sec = doc.getElementById('page-' + f.page);
          if (!sec || !built(sec)) return;
          let target = null, best = -1;
          sec.querySelectorAll('[data-cp-line]').forEach(el => {
            const line = +el.getAttribute('data-cp-line');
            if (line <= f.line && line > best) { best = line; target = el; }
          });
          target = target || sec.querySelector('h1') || sec;
          target.classList.add('cpv-flagged');
          const m = marker(f.severity, f.severity + ': ' + f.file + ':' + f.line + ':' + f.column + ': ' + f.message + ' [' + f.code + ']');
          if (target === sec) sec.insertBefore(m, sec.firstChild);
          else target.insertAdjacentElement(/^(TD|TH|LI)$/.test(target.tagName) ? 'beforeend' : 'afterend', m);
        });
      }

      /* ---- review: every string's status and id where a reviewer can read it ---- */
      function label() {
        if (!review) return;
        const counts = {}, shown = doc.querySelector('.cp-current');
        doc.querySelectorAll('[data-cp-unit]').forEach(el => {
          const status = el.getAttribute('data-cp-status');
          if (shown && shown.contains(el)) counts[status] = (counts[status] || 0) + 1;
          if (!el.title) el.title = status + ': ' + el.getAttribute('data-cp-unit');
        });
        self.counts = counts;
        // the preview's page around the frame shows the counts of the page shown
        try { if (win.parent !== win && win.parent.CoursepackPreviewShell) win.parent.CoursepackPreviewShell.counted(win); } catch (e) { /* not in the preview's page */ }
      }

      const main = doc.getElementById('cp-main');
      if (main && win.MutationObserver) {
        // a page is built when first shown: its markers and labels then
        const observer = new MutationObserver(records => {
          if (records.some(r => r.target.classList && r.target.classList.contains('cp-page'))) {
            observer.disconnect(); paint(); label(); watch();
          }
        });
        const watch = () => observer.observe(main, { attributes: true, attributeFilter: ['class'], subtree: true });
        watch();
      }
      label();

      if (!win.EventSource) return;
      const events = new EventSource('/_preview/events');
      events.addEventListener('pages', e => {
        const message = JSON.parse(e.data);
        message.ids.forEach(id => { update(id, message.version); });
      });
      events.addEventListener('reload', reload);
      events.addEventListener('findings', e => {
        const report = JSON.parse(e.data);
        const wasUnavailable = doc.querySelector('.cpv-unavailable');
        self.findings = report;
        if (wasUnavailable && report.holds.length === 0) { reload(); return; }
        paint();
      });
    })();
    """#
}
