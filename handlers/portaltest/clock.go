package portaltest

import (
	"sync"
	"time"
)

// Clock is a clock a test moves by hand: pass its Now as Options.Now. It starts at the real time, so the
// identity provider's tokens (stamped with the real time) look fresh to the portal until the test moves on.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock reading the real time now.
func NewClock() *Clock {
	return &Clock{now: time.Now().UTC()}
}

// Now reads the clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
