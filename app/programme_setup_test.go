package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

var (
	programmeIA = app.ProgrammeInput{Name: "Innovation Accelerators", Envelope: "100,000,000", FirstYear: "2023-24", LastYear: "2025-26"}
	centralIA   = app.CentralInput{Name: app.DefaultCentralName, LeadBody: app.DefaultCentralLeadBody}
)

// TestInitFromCommandLine_CreatesThenChangesNothingThenBringsTheEnvelopeUpToDate runs the operator's
// set-up three times on an empty database: created (with the central tenant), unchanged, then updated,
// each change audited once.
func TestInitFromCommandLine_CreatesThenChangesNothingThenBringsTheEnvelopeUpToDate(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		programmes := app.NewProgrammes(store, clock)
		ctx := context.Background()

		first, err := programmes.InitFromCommandLine(ctx, programmeIA, centralIA)
		if err != nil || first.Outcome != app.Created || !first.Created || first.Central.Kind != models.TenantCentral {
			t.Fatalf("first run: %+v, %v", first, err)
		}
		again, err := programmes.InitFromCommandLine(ctx, programmeIA, centralIA)
		if err != nil || again.Outcome != app.Unchanged || again.Created || again.Programme.Version != 1 {
			t.Errorf("second run: %+v, %v; want nothing changed", again, err)
		}
		extended := programmeIA
		extended.Envelope, extended.LastYear = "130000000", "2026-27"
		third, err := programmes.InitFromCommandLine(ctx, extended, centralIA)
		if err != nil || third.Outcome != app.Updated || third.Programme.EnvelopePence != 130_000_000_00 || third.Programme.LastFinancialYear != 2026 {
			t.Errorf("third run: %+v, %v; want the envelope and years updated", third, err)
		}
		for action, want := range map[string]int{"programme.created": 1, "programme.updated": 1, "tenant.created": 1} {
			events := modeltest.AuditEvents(t, modeltest.Superuser(t, db), action)
			if len(events) != want || events[0].ActorUserID != nil || events[0].Detail != "command line" {
				t.Errorf("%s: %d events %+v, want %d from the command line", action, len(events), events, want)
			}
		}
	})
}

func TestInitFromCommandLine_RefusesASecondProgrammeAndBadInput(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		programmes := app.NewProgrammes(store, clock)
		ctx := context.Background()
		bad := programmeIA
		bad.Envelope = "£1,00"
		if _, err := programmes.InitFromCommandLine(ctx, bad, centralIA); fieldErrors(err)["envelope"] == "" {
			t.Errorf("a malformed envelope: %v, want a field error", err)
		}
		if _, err := programmes.InitFromCommandLine(ctx, programmeIA, app.CentralInput{Name: "Central\x07"}); fieldErrors(err)["central_name"] == "" {
			t.Errorf("a bell in central's name: %v, want a field error", err)
		}
		if _, err := store.FirstProgramme(ctx); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("a refused set-up left a programme behind: %v", err)
		}
		if _, err := programmes.InitFromCommandLine(ctx, programmeIA, centralIA); err != nil {
			t.Fatal(err)
		}
		other := programmeIA
		other.Name = "Levelling Up Fund"
		_, err := programmes.InitFromCommandLine(ctx, other, centralIA)
		var refusal *app.Refusal
		if !errors.As(err, &refusal) || !strings.Contains(refusal.Message, `--name "Innovation Accelerators"`) {
			t.Errorf("a second programme: %v, want a refusal naming the one there is", err)
		}
	})
}

func TestCreateAcceleratorFromCommandLine_IsIdempotentAndRefusesAnotherWithTheSameSlug(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		programmes := app.NewProgrammes(store, clock)
		ctx := context.Background()
		gm := app.AcceleratorInput{Slug: "greater-manchester", Name: "Greater Manchester", Region: "TLD", LeadBody: "Greater Manchester Combined Authority"}
		_, _, err := programmes.CreateAcceleratorFromCommandLine(ctx, gm)
		var refusal *app.Refusal
		if !errors.As(err, &refusal) || !strings.Contains(refusal.Message, "portal programme init") {
			t.Errorf("before the programme: %v, want a refusal pointing at programme init", err)
		}
		if _, err := programmes.InitFromCommandLine(ctx, programmeIA, centralIA); err != nil {
			t.Fatal(err)
		}
		created, outcome, err := programmes.CreateAcceleratorFromCommandLine(ctx, gm)
		if err != nil || outcome != app.Created || created.ReferencePrefix != "GM" {
			t.Fatalf("first run: %+v, %s, %v", created, outcome, err)
		}
		again, outcome, err := programmes.CreateAcceleratorFromCommandLine(ctx, gm)
		if err != nil || outcome != app.Unchanged || again.ID != created.ID {
			t.Errorf("second run: %+v, %s, %v; want unchanged", again, outcome, err)
		}
		renamed := gm
		renamed.Name = "Manchester"
		_, _, err = programmes.CreateAcceleratorFromCommandLine(ctx, renamed)
		if !errors.As(err, &refusal) || !strings.Contains(refusal.Message, `its name is "Greater Manchester", not "Manchester"`) {
			t.Errorf("the slug with another name: %v, want a refusal naming the difference", err)
		}
		central := gm
		central.Slug, central.Name = app.CentralTenantSlug, ""
		if _, _, err := programmes.CreateAcceleratorFromCommandLine(ctx, central); !errors.As(err, &refusal) {
			t.Errorf("an accelerator called central: %v, want refused", err)
		}
		events := modeltest.AuditEvents(t, modeltest.Superuser(t, db), "tenant.created")
		if len(events) != 2 { // central government and Greater Manchester, once each
			t.Errorf("%d tenant.created events, want 2", len(events))
		}
	})
}
