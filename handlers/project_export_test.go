package handlers_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestProjectExport_FollowsTheFilterAndNeutralisesFormulas(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		org := registerTestOrganisation(t, portal, manager.principal, "=Evil Org")
		for _, title := range []string{`=HYPERLINK("http://evil.example")`, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"} {
			registerTestProject(t, portal, manager.principal, org.ID, func(in *app.ProjectInput) {
				in.Title, in.Summary, in.Sector, in.SectorOther = title, "Export check", "other", "=1+1" // a harmless cell: it starts with "Other"
				in.GrantRequested = "1234.5"
			})
		}
		submitted := registerTestProject(t, portal, manager.principal, org.ID, func(in *app.ProjectInput) { in.Summary = "Export check" })
		stepProject(t, portal, manager.principal, submitted.ID, app.TransitionSubmit)

		r := manager.Get("/projects.csv?q=export+check&status=draft&sort=title")

		headers := []string{r.Header.Get("Content-Type"), r.Header.Get("Content-Disposition"), r.Header.Get("Cache-Control")}
		if diff := cmp.Diff([]string{"text/csv; charset=utf-8", `attachment; filename="projects.csv"`, "no-store"}, headers); diff != "" {
			t.Errorf("headers (-want +got):\n%s", diff)
		}
		var got [][]string
		for _, rec := range readCSV(t, r)[1:] {
			got = append(got, []string{rec[1], rec[3], rec[5], rec[6], rec[12]})
		}
		// In reference order, which is the order they were registered in.
		want := [][]string{
			{"'=HYPERLINK(\"http://evil.example\")", "'=Evil Org", "Draft", "Other: =1+1", "1234.50"},
			{"'+cmd|' /C calc'!A0", "'=Evil Org", "Draft", "Other: =1+1", "1234.50"},
			{"'-2+3", "'=Evil Org", "Draft", "Other: =1+1", "1234.50"},
			{"'@SUM(A1:A9)", "'=Evil Org", "Draft", "Other: =1+1", "1234.50"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("title, lead organisation, status, sector, grant (-want +got):\n%s", diff)
		}
	})
}
