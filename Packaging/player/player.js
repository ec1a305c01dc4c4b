/* Coursepack player: see docs/package-layout.md */
