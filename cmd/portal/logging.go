package main

import (
	"io"
	"log/slog"

	"github.com/innovation-accelerators/portal/app"
)

// newLogger writes text lines for people in development and JSON for log collectors in production. Every
// record made with a request's context carries its request_id.
func newLogger(w io.Writer, production bool) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if production {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(app.WithRequestIDs(h))
}
