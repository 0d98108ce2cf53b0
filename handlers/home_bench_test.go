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
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// BenchmarkHomePage measures each kind of home page at national scale (50 accelerators, 10,000 projects; on
// PostgreSQL when PORTAL_TEST_DATABASE_URL is set): "page" is the whole request as a browser makes it,
// session to template; "sql" is the page's own aggregate query alone, run through the store as the page
// runs it. Both report their median.
func BenchmarkHomePage(b *testing.B) {
	dialect := migrations.SQLite
	if os.Getenv(modeltest.PostgresURLVariable) != "" {
		dialect = migrations.Postgres
	}
	portal := portaltest.Start(b, modeltest.New(b, dialect), portaltest.Options{})
	portaltest.FillRegister(b, portal, benchTenants, benchProjectsPerTenant)
	portaltest.LeadProjects(b, portal, "demo-gm-lead", 40)

	for _, who := range []struct {
		name, subject string
		sql           func(ctx context.Context, store *models.Store, p app.Principal) error
	}{
		{"central-approver", "demo-funding-approver", func(ctx context.Context, store *models.Store, p app.Principal) error {
			_, err := store.ProjectTallies(ctx, models.TallyQuery{Scope: models.AllTenants(), DecidedBy: p.UserID})
			return err
		}},
		// The same page without the navigation's count of projects awaiting the reader's decision.
		{"central-observer", "demo-council-observer", func(ctx context.Context, store *models.Store, p app.Principal) error {
			_, err := store.ProjectTallies(ctx, models.TallyQuery{Scope: models.AllTenants(), DecidedBy: p.UserID})
			return err
		}},
		{"accelerator-manager", "demo-gm-manager", func(ctx context.Context, store *models.Store, p app.Principal) error {
			_, err := store.ProjectTallies(ctx, models.TallyQuery{Scope: models.InTenant(p.TenantID), DecidedBy: p.UserID})
			return err
		}},
		{"project-lead", "demo-gm-lead", func(ctx context.Context, store *models.Store, p app.Principal) error {
			_, err := store.ProjectsLedBy(ctx, models.InTenant(p.TenantID), p.UserID, 50)
			return err
		}},
	} {
		browser := portal.NewBrowser(b)
		browser.SignInAs(who.subject)
		p, err := portal.Services.Identity.Authenticate(context.Background(), browser.Cookie("portal_session"))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("page/%s/%s", dialect, who.name), func(b *testing.B) {
			benchmarkRequests(b, func() *http.Request { return get(b, portal.URL+"/") }, browser)
		})
		b.Run(fmt.Sprintf("sql/%s/%s", dialect, who.name), func(b *testing.B) {
			var durations []time.Duration
			for b.Loop() {
				start := time.Now()
				if err := who.sql(context.Background(), portal.Store, p); err != nil {
					b.Fatal(err)
				}
				durations = append(durations, time.Since(start))
			}
			slices.Sort(durations)
			b.ReportMetric(float64(durations[len(durations)/2].Microseconds())/1000, "median-ms/op")
		})
	}
}
