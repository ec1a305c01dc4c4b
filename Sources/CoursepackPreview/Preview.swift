// The live preview (issue 17) is built here: a local Hummingbird server that renders a module as the
// web package would, re-renders what a change touches and pushes it to open tabs.
