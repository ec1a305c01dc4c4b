// The package stage: staged files become deterministic zips with manifests (docs/package-layout.md).
