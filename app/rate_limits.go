package app

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// RateLimit is how many requests one subject may make in each window of Per (whole seconds).
type RateLimit struct {
	Requests int
	Per      time.Duration
}

// Limit names one of the portal's rate limits, as PORTAL_CONFIG's rate_limits does.
type Limit string

// The portal's limits. Each counts per client address or per person; see RateLimits.
const (
	LimitSignInStart     Limit = "sign_in_start"
	LimitSignInCallback  Limit = "sign_in_callback"
	LimitAPIAuthFailures Limit = "api_auth_failures"
	LimitFormPosts       Limit = "form_posts"
	LimitAPI             Limit = "api"
)

// LimitExports is the refusal of a register export beyond the exports one process prepares at once
// (Settings.ExportConcurrency): a limit of the process, not counted in the database.
const LimitExports Limit = "exports"

// RateLimits are the portal's rate limits. The counts live in the database, so they hold however many
// portal processes serve behind a load balancer.
type RateLimits struct {
	// SignInStart: sign-ins started (POST /login) per client address. Each leaves an unfinished login
	// transaction until the provider sends the browser back, so this also caps how many of those one
	// address can leave behind: at most Requests in each window, removed once they expire.
	SignInStart RateLimit
	// SignInCallback: returns from the identity provider (GET /auth/callback) per client address, so that
	// forged callbacks cannot fill the audit trail with refusals.
	SignInCallback RateLimit
	// APIAuthFailures: API requests with a missing, unknown, revoked or expired credential per client
	// address; once reached, that address's API requests are refused until the window ends.
	APIAuthFailures RateLimit
	// FormPosts: forms a signed-in person submits.
	FormPosts RateLimit
	// API: API requests a signed-in person makes, all their tokens together (more tokens give no more).
	API RateLimit
}

// DefaultRateLimits are generous for people and programs doing their work and tight for anyone trying
// addresses, tokens or floods. A fixed window lets a subject make up to twice Requests across the moment
// one window gives way to the next; the defaults allow for that.
func DefaultRateLimits() RateLimits {
	return RateLimits{
		SignInStart:     RateLimit{Requests: 60, Per: 10 * time.Minute},
		SignInCallback:  RateLimit{Requests: 60, Per: 10 * time.Minute},
		APIAuthFailures: RateLimit{Requests: 20, Per: 10 * time.Minute},
		FormPosts:       RateLimit{Requests: 120, Per: 10 * time.Minute},
		API:             RateLimit{Requests: 600, Per: time.Minute},
	}
}

// ByName lists the limits by name, for the configuration file and its checks.
func (l *RateLimits) ByName() map[Limit]*RateLimit {
	return map[Limit]*RateLimit{
		LimitSignInStart: &l.SignInStart, LimitSignInCallback: &l.SignInCallback,
		LimitAPIAuthFailures: &l.APIAuthFailures, LimitFormPosts: &l.FormPosts, LimitAPI: &l.API,
	}
}

// Check says what is wrong with a limit, or nil: at least one request, in a window of whole seconds from
// one second to a day.
func (r RateLimit) Check() error {
	switch {
	case r.Requests < 1 || r.Requests > 1_000_000:
		return errors.New("requests must be a whole number from 1 to 1000000")
	case r.Per < time.Second || r.Per > 24*time.Hour || r.Per%time.Second != 0:
		return errors.New("per must be a duration of whole seconds from 1s to 24h, like 10m")
	}
	return nil
}

// Subject is what a limit counts: one client address, or one person.
type Subject struct{ key string }

// ClientAddress is the subject for requests from an address. An IPv6 address counts as its /64 network,
// which one household or server typically holds whole, so that walking through its addresses gains nothing.
func ClientAddress(address string) Subject {
	ip := net.ParseIP(address)
	switch {
	case ip == nil:
		return Subject{key: "address:" + address}
	case ip.To4() != nil:
		return Subject{key: "address:" + ip.To4().String()}
	}
	network := ip.Mask(net.CIDRMask(64, 128))
	return Subject{key: "address:" + network.String() + "/64"}
}

// Person is the subject for a signed-in person's requests, by page or by any of their API tokens.
func Person(userID int64) Subject {
	return Subject{key: "person:" + strconv.FormatInt(userID, 10)}
}

// ErrRateLimited is a request refused because its subject reached a limit; it is wrapped by *RateLimited.
var ErrRateLimited = errors.New("rate limit reached")

// RateLimited says which limit was reached and how long until the subject may try again.
type RateLimited struct {
	Limit      Limit
	RetryAfter time.Duration // whole seconds, at least one
}

func (e *RateLimited) Error() string {
	return fmt.Sprintf("rate limit %s reached; retry after %s", e.Limit, e.RetryAfter)
}

func (e *RateLimited) Unwrap() error { return ErrRateLimited }

// RateLimiter counts requests against the limits, in the database.
type RateLimiter struct {
	store  *models.Store
	limits RateLimits
	now    func() time.Time
}

// NewRateLimiter returns the service. A limit left at its zero value is the default one.
func NewRateLimiter(store *models.Store, limits RateLimits, now func() time.Time) *RateLimiter {
	fallback := DefaultRateLimits()
	defaults := fallback.ByName()
	for name, limit := range limits.ByName() {
		if *limit == (RateLimit{}) {
			*limit = *defaults[name]
		}
	}
	return &RateLimiter{store: store, limits: limits, now: orNow(now)}
}

// Take counts one request of the subject and refuses it with *RateLimited once the subject has made more
// than the limit's requests in the current window.
func (r *RateLimiter) Take(ctx context.Context, name Limit, who Subject) error {
	limit, window, now, err := r.window(name, who)
	if err != nil {
		return err
	}
	hits, err := r.store.CountRateLimitHit(ctx, window)
	if err != nil {
		return fmt.Errorf("count %s: %w", name, err)
	}
	if hits > int64(limit.Requests) {
		return refusedUntil(name, window, now)
	}
	return nil
}

// Check refuses with *RateLimited when the subject has already made the limit's requests in the current
// window, without counting this one: for limits that count only failures, checked before trying again.
func (r *RateLimiter) Check(ctx context.Context, name Limit, who Subject) error {
	limit, window, now, err := r.window(name, who)
	if err != nil {
		return err
	}
	hits, err := r.store.RateLimitHits(ctx, window)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if hits >= int64(limit.Requests) {
		return refusedUntil(name, window, now)
	}
	return nil
}

// window is the subject's current window under a limit. Windows are fixed, but each subject's start at
// its own offset within the period (from its hash), so that not every counter resets at the same moment.
func (r *RateLimiter) window(name Limit, who Subject) (RateLimit, models.RateLimitWindow, time.Time, error) {
	limit, ok := r.limits.ByName()[name]
	if !ok {
		return RateLimit{}, models.RateLimitWindow{}, time.Time{}, fmt.Errorf("no rate limit %q", name)
	}
	if err := limit.Check(); err != nil {
		return RateLimit{}, models.RateLimitWindow{}, time.Time{}, fmt.Errorf("rate limit %s: %w", name, err)
	}
	sum := sha256.Sum256([]byte(string(name) + "\x00" + who.key))
	period := int64(limit.Per / time.Second)
	offset := int64(binary.BigEndian.Uint64(sum[:8]) % uint64(period))
	now := r.now()
	start := floorDiv(now.Unix()-offset, period)*period + offset
	return *limit, models.RateLimitWindow{
		LimitName: string(name), SubjectHash: hex.EncodeToString(sum[:]), WindowStart: start,
		ExpiresAt: time.Unix(start+period, 0).UTC(),
	}, now, nil
}

func refusedUntil(name Limit, window models.RateLimitWindow, now time.Time) error {
	wait := window.ExpiresAt.Sub(now)
	seconds := (wait + time.Second - 1) / time.Second
	return &RateLimited{Limit: name, RetryAfter: max(seconds, 1) * time.Second}
}

// floorDiv divides rounding towards minus infinity, so that windows before 1970 (in tests) still line up.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
