package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// movingClock is a clock a test moves by hand.
type movingClock struct{ now time.Time }

func (c *movingClock) Now() time.Time { return c.now }

func limitsOf(api app.RateLimit) app.RateLimits {
	limits := app.DefaultRateLimits()
	limits.API = api
	return limits
}

// TestRateLimiter_RefusesPastTheLimitInEitherProcessUntilTheWindowEnds takes a limit of three from two
// limiters over two connection pools of one database: the fourth request, wherever it lands, is refused
// with the wait until the window ends, and after that wait the subject may go on.
func TestRateLimiter_RefusesPastTheLimitInEitherProcessUntilTheWindowEnds(t *testing.T) {
	modeltest.ForEachSharedDatabase(t, func(t *testing.T, first, second *models.Database) {
		clock := &movingClock{now: testNow}
		limits := limitsOf(app.RateLimit{Requests: 3, Per: time.Minute})
		limiters := []*app.RateLimiter{
			app.NewRateLimiter(models.NewStore(first.Gorm), limits, clock.Now),
			app.NewRateLimiter(models.NewStore(second.Gorm), limits, clock.Now),
		}
		ctx := context.Background()
		who := app.Person(42)
		for i := range 3 {
			if err := limiters[i%2].Take(ctx, app.LimitAPI, who); err != nil {
				t.Fatalf("request %d refused: %v", i+1, err)
			}
		}
		err := limiters[1].Take(ctx, app.LimitAPI, who)
		var limited *app.RateLimited
		if !errors.As(err, &limited) || !errors.Is(err, app.ErrRateLimited) {
			t.Fatalf("fourth request: %v, want *RateLimited", err)
		}
		if limited.RetryAfter < time.Second || limited.RetryAfter > time.Minute || limited.RetryAfter%time.Second != 0 {
			t.Errorf("retry after %s, want whole seconds within the minute's window", limited.RetryAfter)
		}
		if err := limiters[0].Take(ctx, app.LimitAPI, app.Person(43)); err != nil {
			t.Errorf("another person was refused with the first: %v", err)
		}
		clock.now = clock.now.Add(limited.RetryAfter - time.Second)
		if err := limiters[0].Take(ctx, app.LimitAPI, who); !errors.As(err, &limited) {
			t.Errorf("a second before the window ends: %v, want still refused", err)
		}
		clock.now = clock.now.Add(time.Second)
		if err := limiters[0].Take(ctx, app.LimitAPI, who); err != nil {
			t.Errorf("once the window has ended: %v, want allowed", err)
		}
	})
}

func TestRateLimiter_CheckRefusesAtTheLimitWithoutCounting(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		limits := app.DefaultRateLimits()
		limits.APIAuthFailures = app.RateLimit{Requests: 2, Per: 10 * time.Minute}
		limiter := app.NewRateLimiter(models.NewStore(db.Gorm), limits, clock)
		ctx := context.Background()
		who := app.ClientAddress("203.0.113.9")
		for range 5 {
			if err := limiter.Check(ctx, app.LimitAPIAuthFailures, who); err != nil {
				t.Fatalf("check before any failure: %v", err)
			}
		}
		for i := range 2 {
			if err := limiter.Take(ctx, app.LimitAPIAuthFailures, who); err != nil {
				t.Fatalf("failure %d refused: %v", i+1, err)
			}
		}
		if err := limiter.Check(ctx, app.LimitAPIAuthFailures, who); !errors.Is(err, app.ErrRateLimited) {
			t.Errorf("check after two failures: %v, want refused", err)
		}
	})
}

func TestClientAddress_CountsAnIPv6NetworkAsOneAndIPv4AddressesApart(t *testing.T) {
	same := [][2]string{
		{"2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff"},
		{"::ffff:192.0.2.1", "192.0.2.1"},
	}
	for _, pair := range same {
		if app.ClientAddress(pair[0]) != app.ClientAddress(pair[1]) {
			t.Errorf("%s and %s are counted apart, want together", pair[0], pair[1])
		}
	}
	apart := [][2]string{{"2001:db8:1:2::1", "2001:db8:1:3::1"}, {"192.0.2.1", "192.0.2.2"}}
	for _, pair := range apart {
		if app.ClientAddress(pair[0]) == app.ClientAddress(pair[1]) {
			t.Errorf("%s and %s are counted together, want apart", pair[0], pair[1])
		}
	}
}

func TestNewRateLimiter_ALimitLeftAtZeroIsTheDefault(t *testing.T) {
	db := modeltest.NewSQLite(t)
	limiter := app.NewRateLimiter(models.NewStore(db.Gorm), app.RateLimits{}, clock)
	if err := limiter.Take(context.Background(), app.LimitSignInStart, app.ClientAddress("192.0.2.1")); err != nil {
		t.Errorf("a zero limit refused the first request: %v", err)
	}
}

func TestRateLimitCheck_RefusesLimitsThatCannotWork(t *testing.T) {
	for _, bad := range []app.RateLimit{
		{Requests: 0, Per: time.Minute}, {Requests: 10, Per: 0}, {Requests: 10, Per: 1500 * time.Millisecond},
		{Requests: 10, Per: 25 * time.Hour}, {Requests: 2_000_000, Per: time.Minute},
	} {
		if bad.Check() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	limits := app.DefaultRateLimits()
	for name, limit := range limits.ByName() {
		if err := limit.Check(); err != nil {
			t.Errorf("default %s: %v", name, err)
		}
	}
}
