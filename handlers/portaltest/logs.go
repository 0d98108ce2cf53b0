package portaltest

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
)

// LogRecorder keeps what the portal logs, for tests that check the log: pass Logger() as Options.Log.
type LogRecorder struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// LogRecord is one logged line, its attributes by name ("msg", "level", and the record's own).
type LogRecord map[string]any

// NewLogRecorder returns an empty recorder.
func NewLogRecorder() *LogRecorder { return &LogRecorder{} }

// Logger returns a logger writing JSON lines into the recorder, at every level, with request IDs as the
// binary's logger has them.
func (l *LogRecorder) Logger() *slog.Logger {
	return slog.New(app.WithRequestIDs(slog.NewJSONHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug})))
}

// Write takes one JSON line from the handler.
func (l *LogRecorder) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// Records returns the lines logged so far.
func (l *LogRecorder) Records(t testing.TB) []LogRecord {
	t.Helper()
	l.mu.Lock()
	text := l.buf.String()
	l.mu.Unlock()
	var records []LogRecord
	for line := range strings.Lines(text) {
		var r LogRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		records = append(records, r)
	}
	return records
}

// WaitFor returns the first record that matches, waiting up to two seconds for it: a request's access log
// line may be written just after its answer reached the client.
func (l *LogRecorder) WaitFor(t testing.TB, match func(LogRecord) bool) LogRecord {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		for _, r := range l.Records(t) {
			if match(r) {
				return r
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no matching log record in:\n%s", l.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// String is everything logged, for failure messages.
func (l *LogRecorder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
