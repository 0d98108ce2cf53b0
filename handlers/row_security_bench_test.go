package handlers_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// BenchmarkProjectList_RowLevelSecurity measures what row-level security costs the register, on PostgreSQL:
// the same requests as BenchmarkProjectList, in one run, with the policies on and then switched off (by the
// superuser, for the benchmark only). The store's per-call transaction and tenant setting run either way;
// BenchmarkStoreRead in models measures those.
func BenchmarkProjectList_RowLevelSecurity(b *testing.B) {
	if len(modeltest.Dialects()) < 2 {
		b.Skip(modeltest.PostgresURLVariable + " is not set: row-level security is PostgreSQL's")
	}
	portal := portaltest.Start(b, modeltest.New(b, migrations.Postgres), portaltest.Options{RateLimits: unlimited()})
	portaltest.FillRegister(b, portal, benchTenants, benchProjectsPerTenant)
	var tables []string
	if err := portal.Superuser.Raw(`SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = current_schema()::regnamespace`).
		Scan(&tables).Error; err != nil || len(tables) == 0 {
		b.Fatalf("protected tables %v: %v", tables, err)
	}
	switchPolicies := func(on bool) {
		verb := "DISABLE"
		if on {
			verb = "ENABLE"
		}
		for _, t := range tables {
			if err := portal.Superuser.Exec(fmt.Sprintf("ALTER TABLE %s %s ROW LEVEL SECURITY", t, verb)).Error; err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, who := range []struct{ name, subject string }{
		{"central-approver", "demo-funding-approver"},
		{"accelerator-manager", "demo-gm-manager"},
	} {
		browser := portal.NewBrowser(b)
		browser.SignInAs(who.subject)
		token := apiToken(b, portal, browser)
		for _, policies := range []bool{true, false} {
			switchPolicies(policies)
			state := map[bool]string{true: "policies-on", false: "policies-off"}[policies]
			b.Run(fmt.Sprintf("page/%s/%s", who.name, state), func(b *testing.B) {
				benchmarkRequests(b, func() *http.Request { return get(b, portal.URL+"/projects?sort=-updated&page=2") }, browser)
			})
			b.Run(fmt.Sprintf("api/%s/%s", who.name, state), func(b *testing.B) {
				benchmarkRequests(b, func() *http.Request {
					req := get(b, portal.URL+"/api/v1/projects?sort=-updated&page=2")
					req.Header.Set("Authorization", "Bearer "+token)
					return req
				}, browser)
			})
		}
		switchPolicies(true)
	}
}
