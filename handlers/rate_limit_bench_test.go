package handlers_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// allowEverything is a rate limiter that counts nothing: the portal as it would be without limits.
type allowEverything struct{}

func (allowEverything) Take(context.Context, app.Limit, app.Subject) error  { return nil }
func (allowEverything) Check(context.Context, app.Limit, app.Subject) error { return nil }

// BenchmarkRateLimitedRoutes measures what the limits cost one portal process: requests per second on
// two rate-limited routes, served by the same portal over the same database in the same run, once with
// the database-backed limiter (with limits no request reaches) and once with a limiter that counts
// nothing. An API read counts one check and one count per request; starting a sign-in one count.
func BenchmarkRateLimitedRoutes(b *testing.B) {
	dialect := migrations.SQLite
	if os.Getenv(modeltest.PostgresURLVariable) != "" {
		dialect = migrations.Postgres
	}
	portal := portaltest.Start(b, modeltest.New(b, dialect), portaltest.Options{RateLimits: unlimited()})
	manager := tokenPrincipalFor(b, portal, "demo-gm-manager")
	org, err := portal.Services.Organisations.Create(context.Background(), manager, app.OrganisationInput{Name: "Bench Ltd", Kind: "business"})
	if err != nil {
		b.Fatal(err)
	}
	token, err := portal.Services.APITokens.Create(context.Background(), manager, "bench", "")
	if err != nil {
		b.Fatal(err)
	}
	withLimiter := portal.URL
	withoutLimiter := serveWithoutLimits(b, portal)
	routes := map[string]func(base string) *http.Request{
		"api-read": func(base string) *http.Request {
			req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/api/v1/organisations/%d", base, org.ID), nil)
			req.Header.Set("Authorization", "Bearer "+token.Secret)
			return req
		},
		"sign-in-start": func(base string) *http.Request {
			form := url.Values{"provider": {portaltest.DevProvider}, "return_to": {"/"}}
			req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return req
		},
	}
	for _, route := range []string{"api-read", "sign-in-start"} {
		for _, server := range []struct{ name, base string }{{"without-limiter", withoutLimiter}, {"with-limiter", withLimiter}} {
			b.Run(fmt.Sprintf("%s/%s/%s", dialect, route, server.name), func(b *testing.B) {
				benchmarkThroughput(b, func() *http.Request { return routes[route](server.base) })
			})
		}
	}
}

// serveWithoutLimits serves the portal's services through a second router whose limiter counts nothing.
func serveWithoutLimits(b *testing.B, portal *portaltest.Portal) string {
	services := handlers.ServicesFrom(portal.Services, portal.DB.Ping)
	services.RateLimiter = allowEverything{}
	handler, err := handlers.New(handlers.Config{}, services)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(handler)
	b.Cleanup(srv.Close)
	return srv.URL
}

// benchmarkThroughput sends requests from four clients at once and reports requests per second; any
// answer but a success or a redirect fails it.
func benchmarkThroughput(b *testing.B, newRequest func() *http.Request) {
	client := &http.Client{
		Transport:     &http.Transport{MaxIdleConnsPerHost: 16},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	b.SetParallelism(2) // two clients per core: the server is never idle waiting for one
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			res, err := client.Do(newRequest())
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode >= 400 {
				b.Errorf("status %d", res.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}

// tokenPrincipalFor is a demo person as they act in their tenant, for a benchmark.
func tokenPrincipalFor(b *testing.B, portal *portaltest.Portal, subject string) app.Principal {
	user, err := portal.Store.UserByIdentity(context.Background(), portal.Issuer, subject)
	if err != nil {
		b.Fatal(err)
	}
	memberships, err := portal.Store.MembershipsOfUser(context.Background(), user.ID)
	if err != nil || len(memberships) == 0 {
		b.Fatalf("memberships of %s: %v", subject, err)
	}
	tenant, err := portal.Store.Tenant(context.Background(), memberships[0].TenantID)
	if err != nil {
		b.Fatal(err)
	}
	return app.Principal{UserID: user.ID, TenantID: tenant.ID, TenantKind: tenant.Kind, Roles: []models.Role{memberships[0].Role}}
}
