package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// The register at national scale: 10,000 projects across 50 accelerators, on PostgreSQL when
// PORTAL_TEST_DATABASE_URL is set (SQLite otherwise). Each benchmark reports the median time per request
// beside Go's mean, through the whole HTTP stack: session or token, router, services, database, template.
const (
	benchTenants           = 50
	benchProjectsPerTenant = 200
)

func BenchmarkProjectList(b *testing.B) {
	dialect := migrations.SQLite
	if os.Getenv(modeltest.PostgresURLVariable) != "" {
		dialect = migrations.Postgres
	}
	portal := portaltest.Start(b, modeltest.New(b, dialect), portaltest.Options{RateLimits: unlimited()})
	portaltest.FillRegister(b, portal, benchTenants, benchProjectsPerTenant)

	for _, who := range []struct{ name, subject string }{
		{"central-approver", "demo-funding-approver"}, // every tenant's projects
		{"accelerator-manager", "demo-gm-manager"},    // one tenant's
	} {
		browser := portal.NewBrowser(b)
		browser.SignInAs(who.subject)
		token := apiToken(b, portal, browser)
		b.Run(fmt.Sprintf("page/%s/%s", dialect, who.name), func(b *testing.B) {
			benchmarkRequests(b, func() *http.Request { return get(b, portal.URL+"/projects?sort=-updated&page=2") }, browser)
		})
		b.Run(fmt.Sprintf("api/%s/%s", dialect, who.name), func(b *testing.B) {
			benchmarkRequests(b, func() *http.Request {
				req := get(b, portal.URL+"/api/v1/projects?sort=-updated&page=2")
				req.Header.Set("Authorization", "Bearer "+token)
				return req
			}, browser)
		})
	}
}

// benchmarkRequests sends requests until the benchmark has enough, failing on any answer but 200, and
// reports the median.
func benchmarkRequests(b *testing.B, newRequest func() *http.Request, browser *portaltest.Browser) {
	var durations []time.Duration
	for b.Loop() {
		start := time.Now()
		res := browser.Do(newRequest())
		durations = append(durations, time.Since(start))
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d: %.300s", res.StatusCode, res.Body)
		}
	}
	slices.Sort(durations)
	b.ReportMetric(float64(durations[len(durations)/2].Microseconds())/1000, "median-ms/req")
}

func get(b *testing.B, url string) *http.Request {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	return req
}

// apiToken makes a personal API token for whoever is signed in to the browser.
func apiToken(b *testing.B, portal *portaltest.Portal, browser *portaltest.Browser) string {
	ctx := context.Background()
	p, err := portal.Services.Identity.Authenticate(ctx, browser.Cookie("portal_session"))
	if err != nil {
		b.Fatal(err)
	}
	token, err := portal.Services.APITokens.Create(ctx, p, "benchmark", "30")
	if err != nil {
		b.Fatal(err)
	}
	return token.Secret
}

// unlimited are rate limits no benchmark reaches, so that it measures the work, not the refusals.
func unlimited() *app.RateLimits {
	limits := app.DefaultRateLimits()
	for _, limit := range limits.ByName() {
		*limit = app.RateLimit{Requests: 1_000_000, Per: time.Second}
	}
	return &limits
}
