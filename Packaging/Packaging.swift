// The files every package carries besides the content: the player (docs/package-layout.md).
