/// The files of the preview's own page and of its additions to a module's documents.
enum PreviewAssets {}

extension PreviewAssets {
    /// The preview's own page: language and review choices load the frames' documents, the device
    /// toggle sizes the frames, the findings panel lists every finding with its place.
    static let shell = #"""
    (function () {
      'use strict';
      const doc = document, $ = id => doc.getElementById(id);
      const config = JSON.parse($('cpv-config').textContent);
      const select = $('cpv-locale'), review = $('cpv-review'), stage = $('cpv-stage');
      const frames = [$('cpv-phone'), $('cpv-laptop')];
      const query = new URLSearchParams(location.search);
      config.locales.forEach(l => {
        const option = new Option(l.name + ' (' + l.tag + ')' + (l.source ? ', source' : '') + (l.rtl ? ', right to left' : ''), l.tag);
        select.add(option);
      });
      const wanted = query.get('locale');
      select.value = config.locales.some(l => l.tag === wanted) ? wanted : config.initial;
      review.checked = query.get('review') === '1';
      const device = query.get('device');
      if (device) { const r = doc.querySelector('input[name="cpv-device"][value="' + device + '"]'); if (r) r.checked = true; }

      const current = () => config.locales.find(l => l.tag === select.value) || config.locales[0];
      function place() {
        for (const f of frames) {
          try { const p = f.contentWindow.Coursepack && f.contentWindow.Coursepack.page; if (p) return p; } catch (e) { /* loading */ }
        }
        return null;
      }
      function load() {
        const l = current();
        review.disabled = l.source;
        if (l.source) review.checked = false;
        const page = place();
        const url = '/module/' + l.document + (review.checked ? '?review=1' : '') + (page ? '#page-' + encodeURIComponent(page) : '');
        frames.forEach(f => { f.src = url; });
        $('cpv-legend').hidden = !review.checked;
        const q = new URLSearchParams();
        q.set('locale', l.tag);
        if (review.checked) q.set('review', '1');
        q.set('device', stage.dataset.device);
        try { history.replaceState(null, '', '?' + q.toString()); } catch (e) { /* ignore */ }
      }
      select.addEventListener('change', load);
      review.addEventListener('change', load);

      /* ---- devices: the laptop frame is scaled to the room it has ---- */
      function fit() {
        const chosen = doc.querySelector('input[name="cpv-device"]:checked');
        stage.dataset.device = chosen ? chosen.value : 'both';
        doc.querySelectorAll('.cpv-frame').forEach(box => {
          const frame = box.querySelector('iframe'), viewport = box.querySelector('.cpv-viewport');
          const room = viewport.clientWidth, width = +frame.getAttribute('width'), height = +frame.getAttribute('height');
          const scale = Math.min(1, room > 0 ? room / width : 1);
          frame.style.transform = scale < 1 ? 'scale(' + scale + ')' : '';
          viewport.style.height = Math.ceil(height * scale) + 'px';
        });
      }
      doc.querySelectorAll('input[name="cpv-device"]').forEach(r => r.addEventListener('change', () => {
        fit();
        const q = new URLSearchParams(location.search);
        q.set('device', stage.dataset.device);
        try { history.replaceState(null, '', '?' + q.toString()); } catch (e) { /* ignore */ }
      }));
      window.addEventListener('resize', fit);

      /* ---- findings ---- */
      const state = $('cpv-state'), list = $('cpv-list'), holds = $('cpv-holds');
      const shell = window.CoursepackPreviewShell = { report: null, updates: 0 };
      function show(page) {
        frames.forEach(f => {
          try {
            const w = f.contentWindow, block = w.document.getElementById('coursepack-data');
            const pages = JSON.parse(block.textContent).pages, i = pages.findIndex(p => p.id === page);
            if (i >= 0) w.Coursepack.go(i);
          } catch (e) { /* not loaded */ }
        });
      }
      function render(report) {
        shell.report = report;
        list.textContent = '';
        holds.textContent = '';
        report.holds.forEach(h => {
          const p = doc.createElement('p');
          p.className = 'cpv-hold';
          p.textContent = (h.page ? 'Page ' + h.page + ': ' : 'Module: ') + 'showing the last version that worked. ' + h.message;
          holds.appendChild(p);
        });
        report.findings.forEach(f => {
          const li = doc.createElement('li');
          li.className = 'cpv-' + f.severity;
          const where = doc.createElement(f.page ? 'button' : 'span');
          where.className = 'cpv-where';
          where.textContent = f.severity + ' ' + f.file + ':' + f.line + ':' + f.column;
          if (f.page) { where.type = 'button'; where.addEventListener('click', () => show(f.page)); }
          li.append(where, ' ' + f.message + ' [' + f.code + ']');
          if (f.hint) { const hint = doc.createElement('p'); hint.className = 'cpv-hint'; hint.textContent = f.hint; li.appendChild(hint); }
          list.appendChild(li);
        });
        const errors = report.findings.filter(f => f.severity === 'error').length, warnings = report.findings.length - errors;
        $('cpv-findings-title').textContent = report.findings.length ? 'Problems: ' + errors + ' error' + (errors === 1 ? '' : 's') + ', ' + warnings + ' warning' + (warnings === 1 ? '' : 's') : 'No problems';
        state.textContent = report.checked ? 'Up to date' : 'Checking…';
      }
      function counts() {
        if (!review.checked) return;
        try {
          const c = frames[1].contentWindow.CoursepackPreview.counts || {};
          $('cpv-counts').textContent = Object.keys(c).sort().map(k => k + ': ' + c[k]).join(', ');
        } catch (e) { /* loading */ }
      }
      // a frame labels its strings again after a change or a page turn; the laptop's frame is counted
      shell.counted = w => { if (w === frames[1].contentWindow) counts(); };
      frames.forEach(f => f.addEventListener('load', () => { fit(); setTimeout(counts, 200); }));
      if (window.EventSource) {
        const events = new EventSource('/_preview/events');
        events.addEventListener('findings', e => render(JSON.parse(e.data)));
        events.addEventListener('pages', e => { shell.updates++; state.textContent = 'Updated ' + JSON.parse(e.data).ids.join(', '); });
        events.addEventListener('reload', () => { shell.updates++; state.textContent = 'Module reloaded'; });
        events.onerror = () => { state.textContent = 'The preview server stopped: start coursepack preview again'; };
      }
      fit();
      load();
    })();
    """#
}
