// The render stage: a localized module becomes static HTML documents and the player data (docs/package-layout.md).
