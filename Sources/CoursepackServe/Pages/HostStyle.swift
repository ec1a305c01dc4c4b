/// The host's one stylesheet: small screens first, logical properties so that right-to-left pages lay
/// out as mirrors, system fonts only (nothing from the network).
enum HostStyle {
    static let css = """
    :root { --ink: #1d2433; --muted: #5a6478; --line: #d5dae3; --accent: #0b5cad; --ok: #176c3a; --warn: #8a4b00; --bad: #a21d1d; --paper: #fff; --ground: #f3f5f8; }
    * { box-sizing: border-box; }
    html { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", sans-serif; color: var(--ink); background: var(--ground); line-height: 1.5; }
    body { margin: 0; }
    .bar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem 1rem; background: var(--paper); border-block-end: 1px solid var(--line); }
    .bar .site { font-weight: 700; margin-inline-end: auto; }
    main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
    h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
    h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
    a { color: var(--accent); }
    label { display: block; font-weight: 600; margin-block-end: .3rem; }
    input[type=text], input[type=password], input[type=file], select { width: 100%; font: inherit; padding: .6rem; border: 1px solid var(--muted); border-radius: .4rem; background: var(--paper); }
    button, .button { display: inline-block; font: inherit; font-weight: 600; padding: .6rem 1.1rem; border: 0; border-radius: .4rem; background: var(--accent); color: #fff; text-decoration: none; cursor: pointer; min-height: 2.75rem; }
    button.quiet { background: transparent; color: var(--accent); border: 1px solid var(--accent); }
    form.inline { display: inline; }
    .card { background: var(--paper); border: 1px solid var(--line); border-radius: .6rem; padding: 1rem; margin-block-end: .8rem; }
    .card h2 { margin-block-start: 0; }
    .status { display: inline-block; font-size: .9rem; padding: .1rem .5rem; border-radius: 1rem; background: var(--ground); border: 1px solid var(--line); }
    .status.completed, .status.passed { color: var(--ok); border-color: var(--ok); }
    .status.failed { color: var(--bad); border-color: var(--bad); }
    .notice { padding: .6rem .8rem; border-radius: .4rem; border-inline-start: .3rem solid var(--warn); background: #fff6e8; }
    .error { padding: .6rem .8rem; border-radius: .4rem; border-inline-start: .3rem solid var(--bad); background: #fdeeee; }
    .languages { display: flex; gap: .6rem; }
    .languages [aria-current] { font-weight: 700; }
    table { border-collapse: collapse; width: 100%; background: var(--paper); font-size: .95rem; }
    th, td { text-align: start; padding: .4rem .5rem; border-block-end: 1px solid var(--line); vertical-align: top; }
    .scroll { overflow-x: auto; }
    code, .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; unicode-bidi: isolate; direction: ltr; }
    /* the player frame page */
    body.play { display: flex; flex-direction: column; height: 100vh; height: 100dvh; }
    body.play main { max-width: none; width: 100%; margin: 0; padding: 0; flex: 1; display: flex; flex-direction: column; min-height: 0; }
    .playbar { display: flex; flex-wrap: wrap; gap: .4rem .8rem; align-items: center; padding: .4rem .8rem; background: var(--paper); border-block-end: 1px solid var(--line); }
    .playbar .save { margin-inline-start: auto; font-size: .9rem; }
    .save.ok { color: var(--ok); } .save.queued { color: var(--warn); } .save.bad { color: var(--bad); }
    .toc { padding: .4rem .8rem; background: var(--paper); border-block-end: 1px solid var(--line); }
    .toc summary { cursor: pointer; font-weight: 600; }
    .toc ol { margin: .3rem 0; padding-inline-start: 1.2rem; }
    .toc [aria-current] { font-weight: 700; }
    iframe.content { flex: 1; width: 100%; border: 0; background: #fff; min-height: 0; }
    @media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
    """
}
