package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// limitUnderTest is one rate limit, reached through the HTTP stack: send makes one request of the
// subject it counts (an address, a person) to one portal, which a portal allows with allowedStatus.
type limitUnderTest struct {
	name          app.Limit
	allowedStatus int
	api           bool
	// prepare signs in or makes tokens through the first portal and returns the request to repeat.
	prepare func(t *testing.T, first *portaltest.Portal) func(to *portaltest.Portal) *portaltest.Response
}

const underTest = 3 // requests each limit under test allows in its window

var limitsUnderTest = []limitUnderTest{
	{app.LimitSignInStart, http.StatusSeeOther, false, func(t *testing.T, first *portaltest.Portal) func(*portaltest.Portal) *portaltest.Response {
		b := first.NewBrowser(t)
		return func(to *portaltest.Portal) *portaltest.Response {
			return b.PostForm(to.URL+"/login", url.Values{"provider": {portaltest.DevProvider}, "return_to": {"/"}})
		}
	}},
	{app.LimitSignInCallback, http.StatusBadRequest, false, func(t *testing.T, first *portaltest.Portal) func(*portaltest.Portal) *portaltest.Response {
		b := first.NewBrowser(t)
		return func(to *portaltest.Portal) *portaltest.Response {
			return b.Get(to.URL + "/auth/callback?state=forged&code=forged")
		}
	}},
	{app.LimitAPIAuthFailures, http.StatusUnauthorized, true, func(t *testing.T, first *portaltest.Portal) func(*portaltest.Portal) *portaltest.Response {
		return apiRequest(t, first, "iap_"+strings.Repeat("x", 43))
	}},
	{app.LimitAPI, http.StatusOK, true, func(t *testing.T, first *portaltest.Portal) func(*portaltest.Portal) *portaltest.Response {
		return apiRequest(t, first, newAPIToken(t, first, "demo-gm-manager", "").Secret)
	}},
	{app.LimitFormPosts, http.StatusUnprocessableEntity, false, func(t *testing.T, first *portaltest.Portal) func(*portaltest.Portal) *portaltest.Response {
		b := first.NewBrowser(t)
		b.SignInAs("demo-gm-staff")
		return func(to *portaltest.Portal) *portaltest.Response {
			return b.PostForm(to.URL+"/account/tokens", url.Values{"name": {""}}) // refused, but counted
		}
	}},
}

func apiRequest(t *testing.T, first *portaltest.Portal, token string) func(*portaltest.Portal) *portaltest.Response {
	b := first.NewBrowser(t)
	return func(to *portaltest.Portal) *portaltest.Response {
		req, err := http.NewRequest(http.MethodGet, to.URL+"/api/v1/projects", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		return b.Do(req)
	}
}

// TestRateLimits_EachIsReachedAcrossTwoPortalProcessesAndRecoveredOnceItsWindowEnds runs two portals over
// one database (two connection pools, as two processes behind a load balancer would have) with one limit
// at three a minute. Requests alternate between them: the fourth is refused with 429 and Retry-After by
// whichever portal gets it, and once the wait is over the subject is served again. A count kept in either
// process alone would let the fourth through.
func TestRateLimits_EachIsReachedAcrossTwoPortalProcessesAndRecoveredOnceItsWindowEnds(t *testing.T) {
	for _, limit := range limitsUnderTest {
		t.Run(string(limit.name), func(t *testing.T) {
			modeltest.ForEachSharedDatabase(t, func(t *testing.T, first, second *models.Database) {
				clock := portaltest.NewClock()
				limits := unlimited()
				*limits.ByName()[limit.name] = app.RateLimit{Requests: underTest, Per: time.Minute}
				a := portaltest.Start(t, first, portaltest.Options{Now: clock.Now, RateLimits: limits})
				b := portaltest.Start(t, second, portaltest.Options{Now: clock.Now, RateLimits: limits, NoDemoData: true})
				send := limit.prepare(t, a)
				before := a.RowCounts(t)

				for i, to := range []*portaltest.Portal{a, b, a} {
					if r := send(to); r.StatusCode != limit.allowedStatus {
						t.Fatalf("request %d: status %d, want %d; body: %.300s", i+1, r.StatusCode, limit.allowedStatus, r.Body)
					}
				}
				wait := expectRateLimited(t, send(b), limit.api)
				if limit.name == app.LimitAPIAuthFailures {
					// The address is refused before its credential is looked at, even a good one.
					good := apiRequest(t, a, newAPIToken(t, a, "demo-gm-manager", "").Secret)
					expectRateLimited(t, good(a), true)
				}
				if limit.name == app.LimitSignInCallback {
					checkRefusedSignIns(t, a, before, underTest)
				}
				clock.Advance(wait)
				if r := send(a); r.StatusCode != limit.allowedStatus {
					t.Errorf("after waiting %s: status %d, want %d again", wait, r.StatusCode, limit.allowedStatus)
				}
			})
		})
	}
}

// expectRateLimited checks a refusal for a rate limit: 429, a Retry-After of whole seconds within the
// window, and the portal's own page or JSON error. It returns the wait.
func expectRateLimited(t *testing.T, r *portaltest.Response, api bool) time.Duration {
	t.Helper()
	seconds, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if r.StatusCode != http.StatusTooManyRequests || err != nil || seconds < 1 || seconds > 60 {
		t.Fatalf("status %d, Retry-After %q; want 429 with a wait of 1 to 60 seconds; body: %.300s",
			r.StatusCode, r.Header.Get("Retry-After"), r.Body)
	}
	if api {
		answer := apiAnswer{Status: r.StatusCode, Header: r.Header, Body: r.Body}
		checkAPIHeaders(t, "rate-limited answer", answer)
		answer.expectError(t, http.StatusTooManyRequests, "rate_limited")
	} else if r.Text("h1") != "Too many requests" || !strings.Contains(r.Text(`[data-testid="retry-after"]`), "Wait 1 minute") {
		t.Errorf("page heading %q, advice %q; want the GOV.UK too-many-requests page", r.Text("h1"), r.Text(`[data-testid="retry-after"]`))
	}
	return time.Duration(seconds) * time.Second
}

// checkRefusedSignIns counts the refused sign-ins recorded since the counts before.
func checkRefusedSignIns(t *testing.T, portal *portaltest.Portal, before map[string]int64, want int64) {
	t.Helper()
	if got := portal.RowCounts(t)["audit_events"] - before["audit_events"]; got != want {
		t.Errorf("%d refused sign-ins recorded, want %d: the limited callback must record nothing", got, want)
	}
}
