package app_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// TestHousekeeping_RemovesWhatExpiredAndKeepsTheRest leaves a live and an expired session, login
// transaction and rate-limit window, and runs the clean-up.
func TestHousekeeping_RemovesWhatExpiredAndKeepsTheRest(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		ctx := context.Background()
		user := principalOf(t, store, "demo-gm-manager")
		for i, end := range []time.Time{testNow.Add(-time.Second), testNow.Add(time.Hour)} {
			hash := string(rune('a' + i))
			s := models.Session{IDHash: hash, UserID: user.UserID, TenantID: user.TenantID, Provider: "development",
				CreatedAt: testNow.Add(-time.Hour), LastSeenAt: testNow, ExpiresAt: end}
			lt := models.LoginTransaction{IDHash: hash, State: "s", Nonce: "n", CodeVerifier: "v", Provider: "development",
				ReturnTo: "/", CreatedAt: testNow.Add(-time.Hour), ExpiresAt: end}
			w := models.RateLimitWindow{LimitName: "api", SubjectHash: hash, WindowStart: end.Unix() - 60, ExpiresAt: end}
			if err := store.CreateSession(ctx, &s); err != nil {
				t.Fatal(err)
			}
			if err := store.CreateLoginTransaction(ctx, &lt); err != nil {
				t.Fatal(err)
			}
			if _, err := store.CountRateLimitHit(ctx, w); err != nil {
				t.Fatal(err)
			}
		}

		removed, ran, err := app.NewHousekeeping(store, time.Hour, clock).RunIfDue(ctx)

		want := app.Removed{Sessions: 1, LoginTransactions: 1, RateLimitWindows: 1}
		if err != nil || !ran || removed != want {
			t.Fatalf("removed %+v, ran %v, %v; want %+v", removed, ran, err, want)
		}
		if _, err := store.SessionCredential(ctx, "b"); err != nil {
			t.Errorf("the live session went: %v", err)
		}
		if _, err := store.TakeLoginTransaction(ctx, "b", testNow); err != nil {
			t.Errorf("the live sign-in went: %v", err)
		}
	})
}

// TestHousekeeping_RunsOnceAcrossProcessesPerInterval has four processes, over two connection pools,
// offer the clean-up at once, then again within the interval, then after it.
func TestHousekeeping_RunsOnceAcrossProcessesPerInterval(t *testing.T) {
	modeltest.ForEachSharedDatabase(t, func(t *testing.T, first, second *models.Database) {
		clock := &movingClock{now: testNow}
		var services []*app.Housekeeping
		for _, db := range []*models.Database{first, second, first, second} {
			services = append(services, app.NewHousekeeping(models.NewStore(db.Gorm), time.Hour, clock.Now))
		}
		var runs atomic.Int32
		offer := func() {
			var wg sync.WaitGroup
			for _, h := range services {
				wg.Go(func() {
					_, ran, err := h.RunIfDue(context.Background())
					if err != nil {
						t.Error(err)
					}
					if ran {
						runs.Add(1)
					}
				})
			}
			wg.Wait()
		}
		offer()
		clock.now = clock.now.Add(app.HousekeepingInterval - time.Second)
		offer()
		if got := runs.Load(); got != 1 {
			t.Errorf("ran %d times within one interval, want once", got)
		}
		clock.now = clock.now.Add(time.Second)
		offer()
		if got := runs.Load(); got != 2 {
			t.Errorf("ran %d times in all once the interval passed, want twice", got)
		}
	})
}
