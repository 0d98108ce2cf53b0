package app_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// liverpool is a fourth accelerator, as a programme administrator would type it.
var liverpool = app.AcceleratorInput{Name: "Liverpool City Region", LeadBody: "Liverpool City Region Combined Authority", Region: "tld"}

// TestProgrammes_OnlyAProgrammeAdministratorSetsUpAndOthersReachNothingBeyondTheirTenant tries every set-up
// step as every demo person: only the programme administrator may; an accelerator's people are refused
// their own accelerator (403) and never learn of another (404); nothing changes for any of them.
func TestProgrammes_OnlyAProgrammeAdministratorSetsUpAndOthersReachNothingBeyondTheirTenant(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		programmes := app.NewProgrammes(store, clock)
		ctx := context.Background()
		gm := tenantBySlug(t, store, "greater-manchester")
		for _, person := range app.DemoPeople {
			p := principalOf(t, store, person.Subject)
			if person.Role == models.RoleProgrammeAdmin {
				_, setupErr := programmes.Setup(ctx, p)
				_, readErr := programmes.Accelerator(ctx, p, gm.ID)
				if setupErr != nil || readErr != nil {
					t.Errorf("the programme administrator: setup %v, read %v", setupErr, readErr)
				}
				continue
			}
			_, setupErr := programmes.Setup(ctx, p)
			_, readErr := programmes.Accelerator(ctx, p, gm.ID)
			_, updateErr := programmes.UpdateAccelerator(ctx, p, gm.ID, app.AcceleratorInput{Name: "Taken", LeadBody: "x", Region: "TLD", Version: gm.Version})
			_, addErr := programmes.AddAccelerator(ctx, p, liverpool)
			_, programmeErr := programmes.Update(ctx, p, app.ProgrammeInput{Name: "Taken", Envelope: "1", FirstYear: "2023-24", LastYear: "2023-24", Version: 1})
			wantGM := app.ErrForbidden // their own accelerator, or central government without the role
			if person.Tenant != "greater-manchester" && person.Tenant != app.CentralTenantSlug {
				wantGM = app.ErrNotFound
			}
			for what, got := range map[string]error{"setup": setupErr, "add": addErr, "programme": programmeErr} {
				if !errors.Is(got, app.ErrForbidden) {
					t.Errorf("%s %s: %v, want ErrForbidden", person.Subject, what, got)
				}
			}
			for what, got := range map[string]error{"read": readErr, "update": updateErr} {
				if !errors.Is(got, wantGM) {
					t.Errorf("%s %s Greater Manchester: %v, want %v", person.Subject, what, got, wantGM)
				}
			}
		}
		if after := tenantBySlug(t, store, "greater-manchester"); after.Name != gm.Name || after.Version != gm.Version {
			t.Errorf("Greater Manchester changed: %+v", after)
		}
		if _, err := store.TenantBySlug(ctx, "liverpool-city-region"); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("someone other than the administrator added an accelerator: %v", err)
		}
	})
}

func TestAddAccelerator_MakesAFourthWithSlugAndPrefixFromItsNameAndAuditsIt(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		programmes := app.NewProgrammes(store, clock)
		ctx := context.Background()
		admin := principalOf(t, store, "demo-programme-admin")

		added, err := programmes.AddAccelerator(ctx, admin, liverpool)
		if err != nil {
			t.Fatal(err)
		}

		got := []any{added.Slug, added.ReferencePrefix, added.ITL1Region, added.Kind, added.Version}
		want := []any{"liverpool-city-region", "LCR", "TLD", models.TenantAccelerator, 1}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("slug, prefix, region, kind, version (-want +got):\n%s", diff)
		}
		setup, err := programmes.Setup(ctx, admin)
		if err != nil || len(setup.Accelerators) != 4 {
			t.Errorf("the programme has %d accelerators (%v), want 4", len(setup.Accelerators), err)
		}
		events, err := store.AuditEventsForEntity(ctx, added.ID, "tenant", idText(added.ID))
		if err != nil || len(events) != 1 || events[0].Action != "tenant.created" || *events[0].ActorUserID != admin.UserID {
			t.Errorf("audit events %+v (%v), want tenant.created by the administrator", events, err)
		}
	})
}

func TestAddAccelerator_RefusesEachMistakeByItsField(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		programmes := app.NewProgrammes(store, clock)
		admin := principalOf(t, store, "demo-programme-admin")
		with := func(change func(*app.AcceleratorInput)) app.AcceleratorInput {
			in := liverpool
			change(&in)
			return in
		}
		cases := map[string]struct {
			in    app.AcceleratorInput
			field string
		}{
			"no name":                     {with(func(in *app.AcceleratorInput) { in.Name = " " }), "name"},
			"another's name in capitals":  {with(func(in *app.AcceleratorInput) { in.Name = "WEST MIDLANDS" }), "name"},
			"central government's name":   {with(func(in *app.AcceleratorInput) { in.Name = "Central government" }), "name"},
			"a NUL in the name":           {with(func(in *app.AcceleratorInput) { in.Name = "Liverpool\x00" }), "name"},
			"no lead body":                {with(func(in *app.AcceleratorInput) { in.LeadBody = "" }), "lead_body"},
			"an escape in the lead body":  {with(func(in *app.AcceleratorInput) { in.LeadBody = "LCRCA\x1b[31m" }), "lead_body"},
			"no region":                   {with(func(in *app.AcceleratorInput) { in.Region = "" }), "region"},
			"a region that is not ITL1":   {with(func(in *app.AcceleratorInput) { in.Region = "TLZ" }), "region"},
			"another's slug":              {with(func(in *app.AcceleratorInput) { in.Slug = "west-midlands" }), "slug"},
			"the central slug":            {with(func(in *app.AcceleratorInput) { in.Slug = "central" }), "slug"},
			"a slug with spaces":          {with(func(in *app.AcceleratorInput) { in.Slug = "liverpool city" }), "slug"},
			"another's prefix":            {with(func(in *app.AcceleratorInput) { in.ReferencePrefix = "gm" }), "reference_prefix"},
			"a prefix of digits":          {with(func(in *app.AcceleratorInput) { in.ReferencePrefix = "L1" }), "reference_prefix"},
			"a prefix too long":           {with(func(in *app.AcceleratorInput) { in.ReferencePrefix = "LIVERP" }), "reference_prefix"},
			"initials that are another's": {with(func(in *app.AcceleratorInput) { in.Name = "Greater Merseyside" }), "reference_prefix"},
			"a name that makes no slug":   {with(func(in *app.AcceleratorInput) { in.Name = "Ääö" }), "slug"},
			"a slug not text (not UTF-8)": {with(func(in *app.AcceleratorInput) { in.Slug = "liverpool\xff" }), "slug"},
		}
		for name, c := range cases {
			t.Run(name, func(t *testing.T) {
				_, err := programmes.AddAccelerator(context.Background(), admin, c.in)
				if fields := fieldErrors(err); fields[c.field] == "" {
					t.Errorf("error %v, want a message for %s", err, c.field)
				}
			})
		}
		setup, _ := programmes.Setup(context.Background(), admin)
		if len(setup.Accelerators) != 3 {
			t.Errorf("%d accelerators after the refusals, want 3", len(setup.Accelerators))
		}
	})
}

func TestUpdateAccelerator_ChangesItsDetailsButNeverItsSlugOrPrefixAndRefusesAStaleVersion(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		programmes := app.NewProgrammes(store, clock)
		ctx := context.Background()
		admin := principalOf(t, store, "demo-programme-admin")
		wm := tenantBySlug(t, store, "west-midlands")
		in := app.AcceleratorInput{Name: "West Midlands and Warwickshire", LeadBody: "WMCA", Region: "TLG",
			Slug: "planted", ReferencePrefix: "PL", Version: wm.Version}

		changed, err := programmes.UpdateAccelerator(ctx, admin, wm.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		got := []any{changed.Name, changed.LeadBody, changed.Slug, changed.ReferencePrefix, changed.Version}
		want := []any{"West Midlands and Warwickshire", "WMCA", "west-midlands", "WM", wm.Version + 1}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("name, lead body, slug, prefix, version (-want +got):\n%s", diff)
		}
		_, err = programmes.UpdateAccelerator(ctx, admin, wm.ID, in)
		if !errors.Is(err, app.ErrStale) {
			t.Errorf("a second save at the old version: %v, want ErrStale", err)
		}
		events, _ := store.AuditEventsForEntity(ctx, wm.ID, "tenant", idText(wm.ID))
		if len(events) != 1 || events[0].Action != "tenant.updated" || events[0].BeforeState == nil {
			t.Errorf("audit events %+v, want one tenant.updated with the state before", events)
		}
		central := tenantBySlug(t, store, app.CentralTenantSlug)
		if _, err := programmes.UpdateAccelerator(ctx, admin, central.ID, in); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("changing central government as an accelerator: %v, want ErrNotFound", err)
		}
	})
}

func TestUpdateProgramme_SavesTheChangeAuditsItAndRefusesAStaleVersion(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		programmes := app.NewProgrammes(store, clock)
		ctx := context.Background()
		admin := principalOf(t, store, "demo-programme-admin")
		before, _ := programmes.Setup(ctx, admin)
		in := app.ProgrammeInput{Name: "Innovation Accelerators", Envelope: "£130,000,000", FirstYear: "2023/24", LastYear: "2025-2026",
			Version: before.Programme.Version}

		saved, err := programmes.Update(ctx, admin, in)

		if err != nil || saved.EnvelopePence != 130_000_000_00 || saved.FirstFinancialYear != 2023 || saved.LastFinancialYear != 2025 {
			t.Fatalf("saved %+v, %v", saved, err)
		}
		if _, err := programmes.Update(ctx, admin, in); !errors.Is(err, app.ErrStale) {
			t.Errorf("a second save at the old version: %v, want ErrStale", err)
		}
		events := modeltest.AuditEvents(t, modeltest.Superuser(t, db), "programme.updated")
		if len(events) != 1 || events[0].ActorUserID == nil || *events[0].ActorUserID != admin.UserID {
			t.Errorf("audit events %+v, want one programme.updated by the administrator", events)
		}
	})
}

func TestUpdateProgramme_RefusesEachMistakeByItsField(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		programmes := app.NewProgrammes(store, clock)
		admin := principalOf(t, store, "demo-programme-admin")
		good := app.ProgrammeInput{Name: "Innovation Accelerators", Envelope: "100000000", FirstYear: "2023-24", LastYear: "2025-26", Version: 1}
		cases := map[string]struct {
			change func(*app.ProgrammeInput)
			field  string
		}{
			"no name":                {func(in *app.ProgrammeInput) { in.Name = "" }, "name"},
			"a NUL in the name":      {func(in *app.ProgrammeInput) { in.Name = "IA\x00" }, "name"},
			"no envelope":            {func(in *app.ProgrammeInput) { in.Envelope = "" }, "envelope"},
			"an envelope of nothing": {func(in *app.ProgrammeInput) { in.Envelope = "0.00" }, "envelope"},
			"a negative envelope":    {func(in *app.ProgrammeInput) { in.Envelope = "-5" }, "envelope"},
			"an envelope as a float": {func(in *app.ProgrammeInput) { in.Envelope = "1e8" }, "envelope"},
			"a year that is not one": {func(in *app.ProgrammeInput) { in.FirstYear = "2023" }, "first_year"},
			"years not in a row":     {func(in *app.ProgrammeInput) { in.FirstYear = "2023-25" }, "first_year"},
			"a year before 2000":     {func(in *app.ProgrammeInput) { in.FirstYear = "1999-00" }, "first_year"},
			"last before first":      {func(in *app.ProgrammeInput) { in.LastYear = "2022-23" }, "last_year"},
			"an escape in a year":    {func(in *app.ProgrammeInput) { in.LastYear = "2025-26\x1b" }, "last_year"},
		}
		for name, c := range cases {
			t.Run(name, func(t *testing.T) {
				in := good
				c.change(&in)
				_, err := programmes.Update(context.Background(), admin, in)
				if fields := fieldErrors(err); fields[c.field] == "" {
					t.Errorf("error %v, want a message for %s", err, c.field)
				}
			})
		}
	})
}

func TestParseFinancialYear_ReadsTheWaysPeopleWriteOne(t *testing.T) {
	good := map[string]int{"2023-24": 2023, "2023/24": 2023, " 2024 - 25 ": 2024, "2023-2024": 2023, "2099-00": 2099, "2000-01": 2000}
	for text, want := range good {
		if got, err := app.ParseFinancialYear(text); err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", text, got, err, want)
		}
	}
	for _, text := range []string{"", "2023", "2023-25", "2023-2025", "23-24", "1999-00", "２０２３-２４", "2023-24x"} {
		if got, err := app.ParseFinancialYear(text); err == nil {
			t.Errorf("%q read as %d, want refused", text, got)
		}
	}
}

func TestSlugAndPrefixFrom_AName(t *testing.T) {
	cases := []struct{ name, slug, prefix string }{
		{"Greater Manchester", "greater-manchester", "GM"},
		{"Glasgow City Region", "glasgow-city-region", "GCR"},
		{"Heart of the South West", "heart-of-the-south-west", "HSW"},
		{"Cardiff", "cardiff", "CAR"},
		{"North East & Tees Valley Combined Authority Area", "north-east-tees-valley-combined-authority-area", "NETVC"},
	}
	for _, c := range cases {
		if got := app.SlugFrom(c.name); got != c.slug {
			t.Errorf("SlugFrom(%q) = %q, want %q", c.name, got, c.slug)
		}
		if got := app.PrefixFrom(c.name); got != c.prefix {
			t.Errorf("PrefixFrom(%q) = %q, want %q", c.name, got, c.prefix)
		}
	}
}
