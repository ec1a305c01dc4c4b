extension PreviewAssets {
    /// The preview's additions to a module's document: findings next to what they concern, and in
    /// review mode each string's status and id. Logical properties, so right-to-left documents lay
    /// them out the right way.
    static let documentStyle = #"""
    .cpv-marker { display: block; margin-block: .25rem .75rem; padding: .4rem .6rem; border-inline-start: .3rem solid;
      font: 600 .85rem/1.35 system-ui, sans-serif; white-space: pre-wrap; unicode-bidi: isolate; text-align: start; }
    .cpv-error { background: #fdecea; border-color: #b3261e; color: #5f1410; }
    .cpv-warning { background: #fff4e0; border-color: #a65e00; color: #4a2a00; }
    .cpv-hold { background: #e8f0fe; border-color: #1a56c4; color: #0b2a66; }
    .cpv-flagged { outline: 2px dashed #b3261e; outline-offset: 3px; }
    .cpv-unavailable { max-width: 40rem; margin: 2rem auto; font-family: system-ui, sans-serif; }
    [data-cp-status] { outline: 2px solid transparent; outline-offset: 1px; border-radius: 2px; }
    [data-cp-status]::before { content: attr(data-cp-status) " · " attr(data-cp-unit); display: inline-block; direction: ltr;
      unicode-bidi: isolate; margin-inline-end: .35em; padding: 0 .3em; border-radius: 3px; font: 600 .65rem/1.5 ui-monospace, monospace;
      vertical-align: middle; color: #fff; }
    [data-cp-status="translated"], [data-cp-status="final"] { outline-color: #1e7d32; }
    [data-cp-status="translated"]::before, [data-cp-status="final"]::before { background: #1e7d32; }
    [data-cp-status="new"] { outline-color: #6b6b6b; outline-style: dotted; }
    [data-cp-status="new"]::before { background: #5a5a5a; }
    [data-cp-status="needs-review"] { outline-color: #a65e00; }
    [data-cp-status="needs-review"]::before { background: #8a4e00; }
    [data-cp-status="stale"] { outline-color: #b3261e; background: #fdecea; }
    [data-cp-status="stale"]::before { background: #b3261e; }
    """#

    /// The preview's own page.
    static let shellStyle = #"""
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.4 system-ui, sans-serif; color: #1d1d1f; background: #eef0f3; }
    .cpv-bar { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; padding: .5rem 1rem; background: #1f2a37; color: #fff; }
    .cpv-bar select, .cpv-bar input { font: inherit; }
    .cpv-title { margin: 0; font-weight: 700; }
    .cpv-title span { font-weight: 400; opacity: .85; }
    .cpv-devices { display: flex; gap: .75rem; border: 0; margin: 0; padding: 0; }
    .cpv-devices legend { float: inline-start; margin-inline-end: .5rem; padding: 0; }
    #cpv-state { margin: 0; margin-inline-start: auto; font-size: .9rem; opacity: .9; }
    .cpv-body { display: flex; gap: 1rem; padding: 1rem; align-items: flex-start; }
    .cpv-stage { flex: 1; display: flex; gap: 1rem; align-items: flex-start; min-width: 0; }
    .cpv-frame { background: #fff; border: 1px solid #c5c9d0; border-radius: 8px; padding: .5rem; min-width: 0; }
    .cpv-phone { flex: 0 0 408px; }
    .cpv-laptop { flex: 1 1 auto; }
    .cpv-frame-label { margin: 0 0 .35rem; font-size: .8rem; color: #555; }
    .cpv-viewport { overflow: hidden; position: relative; }
    .cpv-viewport iframe { border: 0; transform-origin: 0 0; display: block; background: #fff; }
    .cpv-stage[data-device="phone"] .cpv-laptop, .cpv-stage[data-device="laptop"] .cpv-phone { display: none; }
    .cpv-panel { flex: 0 0 22rem; max-height: calc(100vh - 6rem); overflow: auto; background: #fff; border: 1px solid #c5c9d0;
      border-radius: 8px; padding: .75rem 1rem; }
    .cpv-panel h2 { font-size: 1rem; margin: 0 0 .5rem; }
    #cpv-list { margin: 0; padding-inline-start: 1.2rem; }
    #cpv-list li { margin-block-end: .6rem; }
    .cpv-where { font: 600 .8rem/1.3 ui-monospace, monospace; background: none; border: 0; padding: 0; color: #0b57d0; text-decoration: underline; cursor: pointer; }
    span.cpv-where { color: inherit; text-decoration: none; cursor: auto; }
    li.cpv-error .cpv-where::first-letter { color: #b3261e; }
    .cpv-hint { margin: .2rem 0 0; font-size: .85rem; color: #444; white-space: pre-wrap; }
    .cpv-hold { background: #e8f0fe; border-inline-start: .3rem solid #1a56c4; padding: .4rem .6rem; }
    .cpv-legend { padding: 0; list-style: none; }
    .cpv-legend li { margin-block-end: .35rem; }
    .cpv-legend span { display: inline-block; padding: 0 .35em; border-radius: 3px; color: #fff; font: 600 .75rem/1.5 ui-monospace, monospace; }
    .cpv-legend [data-cp-status="translated"], .cpv-legend [data-cp-status="final"] { background: #1e7d32; }
    .cpv-legend [data-cp-status="new"] { background: #5a5a5a; }
    .cpv-legend [data-cp-status="needs-review"] { background: #8a4e00; }
    .cpv-legend [data-cp-status="stale"] { background: #b3261e; }
    @media (max-width: 1100px) { .cpv-body { flex-direction: column; } .cpv-panel { flex: none; width: 100%; max-height: none; } }
    """#
}
