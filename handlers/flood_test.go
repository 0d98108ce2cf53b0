package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// flood sends n requests from eight browsers at once and counts the answers by status.
func flood(t *testing.T, portal *portaltest.Portal, n int, send func(b *portaltest.Browser) *portaltest.Response) map[int]int {
	t.Helper()
	var mu sync.Mutex
	statuses := map[int]int{}
	requests := make(chan struct{}, n)
	for range n {
		requests <- struct{}{}
	}
	close(requests)
	var wg sync.WaitGroup
	for range 8 {
		b := portal.NewBrowser(t)
		wg.Go(func() {
			for range requests {
				status := send(b).StatusCode
				mu.Lock()
				statuses[status]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return statuses
}

// TestAnonymousFlood_LeavesABoundedNumberOfRowsUnderTheDefaultLimits is the attack of the issue, from one
// address, under the default limits: 500 sign-ins started, 300 forged callbacks and 1,000 made-up API
// tokens leave no more login transactions and audit events than the limits allow, and not a row more.
func TestAnonymousFlood_LeavesABoundedNumberOfRowsUnderTheDefaultLimits(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		clock := portaltest.NewClock() // stands still, so that no window ends during the flood
		portal := portaltest.Start(t, db, portaltest.Options{Now: clock.Now})
		limits := app.DefaultRateLimits()
		before := portal.RowCounts(t)

		starts := flood(t, portal, 500, func(b *portaltest.Browser) *portaltest.Response {
			return b.PostForm("/login", url.Values{"provider": {portaltest.DevProvider}, "return_to": {"/"}})
		})
		callbacks := flood(t, portal, 300, func(b *portaltest.Browser) *portaltest.Response {
			return b.Get("/auth/callback?state=forged&code=forged")
		})
		tokens := flood(t, portal, 1000, func(b *portaltest.Browser) *portaltest.Response {
			req, _ := http.NewRequest(http.MethodGet, portal.URL+"/api/v1/projects", nil)
			req.Header.Set("Authorization", "Bearer iap_"+strings.Repeat("z", 43))
			return b.Do(req)
		})

		got := map[string]map[int]int{"starts": starts, "callbacks": callbacks, "tokens": tokens}
		want := map[string]map[int]int{
			"starts":    {http.StatusSeeOther: limits.SignInStart.Requests, http.StatusTooManyRequests: 500 - limits.SignInStart.Requests},
			"callbacks": {http.StatusBadRequest: limits.SignInCallback.Requests, http.StatusTooManyRequests: 300 - limits.SignInCallback.Requests},
			"tokens":    {http.StatusUnauthorized: limits.APIAuthFailures.Requests, http.StatusTooManyRequests: 1000 - limits.APIAuthFailures.Requests},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("answers by status (-want +got):\n%s", diff)
		}
		after := portal.RowCounts(t)
		grown := map[string]int64{}
		for table, n := range after {
			if n != before[table] {
				grown[table] = n - before[table]
			}
		}
		wantGrown := map[string]int64{
			"login_transactions": int64(limits.SignInStart.Requests),
			"audit_events":       int64(limits.SignInCallback.Requests), // one refused sign-in each
		}
		if diff := cmp.Diff(wantGrown, grown); diff != "" {
			t.Errorf("rows added by the flood (-want +got):\n%s", diff)
		}
		if windows := portal.CountRows(t, "rate_limit_windows", ""); windows != 3 {
			t.Errorf("%d rate-limit windows, want 3: one per limit for the one address", windows)
		}
	})
}
