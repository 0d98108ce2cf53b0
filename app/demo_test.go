package app_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestSeedDemo_CreatesTheProgrammeCentralThreeAcceleratorsAndAUserForEveryRole(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		ctx := context.Background()

		programme, err := store.ProgrammeByName(ctx, "Innovation Accelerators")
		if err != nil {
			t.Fatal(err)
		}
		if programme.EnvelopePence != 10_000_000_000 || programme.FirstFinancialYear != 2023 || programme.LastFinancialYear != 2025 {
			t.Errorf("programme %+v, want £100,000,000.00 (10,000,000,000 pence) from FY 2023 to 2025", programme)
		}

		tenants, err := store.Tenants(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		roles := map[models.Role]bool{}
		for _, tenant := range tenants {
			if tenant.ProgrammeID != programme.ID {
				t.Errorf("tenant %s is in programme %d, want %d", tenant.Slug, tenant.ProgrammeID, programme.ID)
			}
			got = append(got, fmt.Sprintf("%s %s %q %s", tenant.Kind, tenant.Slug, tenant.Name, tenant.ITL1Region))
			members, err := store.Members(ctx, tenant.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range members {
				roles[m.Role] = true
			}
		}
		want := []string{
			`central central "Central government" `,
			`accelerator glasgow-city-region "Glasgow City Region" TLM`,
			`accelerator greater-manchester "Greater Manchester" TLD`,
			`accelerator west-midlands "West Midlands" TLG`,
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("tenants (-want +got):\n%s", diff)
		}
		for _, role := range models.AllRoles {
			if !roles[role] {
				t.Errorf("no demo user holds role %s", role)
			}
		}
		for _, person := range app.DemoPeople {
			if _, err := store.UserByIdentity(ctx, devIssuer, person.Subject); err != nil {
				t.Errorf("demo user %s under the development issuer: %v", person.Subject, err)
			}
		}
	})
}

func TestSeedDemo_SecondRunChangesNothing(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		before := dumpTables(t, db)

		// Later clocks: anything a later run touched would show a new updated_at, and a run in another year
		// would number new projects afresh.
		for _, later := range []time.Time{testNow.AddDate(0, 1, 0), testNow.AddDate(1, 0, 0)} {
			if err := app.SeedDemo(context.Background(), store, devIssuer, later); err != nil {
				t.Fatalf("seed again at %s: %v", later, err)
			}
		}

		if n := len(before["users"]); n != len(app.DemoPeople) {
			t.Fatalf("dump holds %d users, want %d: the comparison would prove nothing", n, len(app.DemoPeople))
		}
		// Projects are registered in 2023 and, up to the seeding day in 2024, in 2024: two counters a tenant.
		for table, want := range map[string]int{"projects": 26, "project_reference_counters": 6} {
			if n := len(before[table]); n != want {
				t.Fatalf("dump holds %d rows of %s, want %d: the comparison would prove nothing", n, table, want)
			}
		}
		for _, table := range []string{"organisations", "project_partners", "project_targets", "project_leads", "audit_events"} {
			if len(before[table]) == 0 {
				t.Fatalf("dump holds no %s: the comparison would prove nothing", table)
			}
		}
		if diff := cmp.Diff(before, dumpTables(t, db)); diff != "" {
			t.Errorf("later seeds changed the database (-before +after):\n%s", diff)
		}
	})
}

// dumpTables reads every row of every table the database's catalogue lists, in a stable order.
func dumpTables(t *testing.T, db *models.Database) map[string][]map[string]any {
	t.Helper()
	// SQLite's full-text index (a virtual table and its shadow tables) is an index, not data.
	query := `SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
		AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%'
			AND (m.name = v.name OR m.name LIKE v.name || '!_%' ESCAPE '!'))`
	if db.Dialect == migrations.Postgres {
		query = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	raw := modeltest.Superuser(t, db)
	var tables []string
	if err := raw.Raw(query).Scan(&tables).Error; err != nil {
		t.Fatalf("list tables: %v", err)
	}
	dump := map[string][]map[string]any{}
	for _, table := range tables {
		var rows []map[string]any
		if err := raw.Raw("SELECT * FROM " + table).Scan(&rows).Error; err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		// Rows in the order of their printed values (map keys print sorted), so tables whose primary key
		// spans several columns compare alike whatever order the database returns them in.
		slices.SortFunc(rows, func(a, b map[string]any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		dump[table] = rows
	}
	return dump
}
