package handlers_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
)

// The register the row-level security benchmark reads: 10,000 projects across 50 accelerators.
const (
	benchTenants           = 50
	benchProjectsPerTenant = 200
)

// unlimited are rate limits no test or benchmark reaches, for those that send many requests on purpose.
func unlimited() *app.RateLimits {
	limits := app.DefaultRateLimits()
	for _, limit := range limits.ByName() {
		*limit = app.RateLimit{Requests: 1_000_000, Per: time.Second}
	}
	return &limits
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
