// Package archtest holds the test that keeps the layering honest (docs/architecture.md, "Layers") —
// cmd/portal → handlers → app → models, with only cmd/portal reading the environment — so that a forbidden
// import fails the build's tests instead of creeping in. It has no code of its own.
package archtest
