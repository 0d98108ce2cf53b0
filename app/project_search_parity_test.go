package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// searchCorpus is a register with the words search must cut alike on both databases: case, accents,
// hyphens, punctuation, digits inside words, references.
var searchCorpus = []struct{ title, summary string }{
	{"Photonics lab-on-chip", "Integrated optics for point-of-care tests."},
	{"Photonic sensors", "Sensing for the NHS, with Café Scientifique outreach."},
	{"Quantum-safe networks", "Post-quantum cryptography trials (phase 2)."},
	{"Net zero heat pumps", "Heat-pump retrofits: 1,000 homes in Salford."},
	{"5G factory pilot", "Private 5G for advanced manufacturing; MODEL_X robots."},
	{"Café culture and creative industries", "Ünïcode and naïve résumé handling."},
	{"Graphene inks", "Printed electronics for wearables."},
	{"Heat networks", "District heating from mine water, phase 1."},
}

// searchQueries are what people type, with the titles each must find (in relevance order: a title that
// has every word first, then the most recently changed).
var searchQueries = map[string][]string{
	"photon":          {"Photonic sensors", "Photonics lab-on-chip"},
	"PHOTONICS":       {"Photonics lab-on-chip"},
	"lab chip":        {"Photonics lab-on-chip"},
	"café":            {"Café culture and creative industries", "Photonic sensors"},
	"cafe":            {},
	"5g":              {"5G factory pilot"},
	"phase 2":         {"Heat networks", "Quantum-safe networks"}, // "2" starts GM-2024-008's year too
	"quantum safe":    {"Quantum-safe networks"},
	"heat-pump":       {"Net zero heat pumps"},
	"heat":            {"Heat networks", "Net zero heat pumps"},
	"résumé":          {"Café culture and creative industries"},
	"model_x":         {"5G factory pilot"},
	"gm-2024-007":     {"Graphene inks"},
	"1,000":           {"Net zero heat pumps"},
	"zzz":             {},
	"nhs photonic":    {"Photonic sensors"},
	"%_'\";--":        nil, // no words: no search, every project
	"optics quantum":  {},
	"networks heat 1": {"Heat networks"},
}

func TestProjectSearch_FindsTheSameProjectsOnBothDatabases(t *testing.T) {
	if len(modeltest.Dialects()) < 2 {
		t.Skip(modeltest.PostgresURLVariable + " is not set: only SQLite can be searched")
	}
	found := map[migrations.Dialect]map[string][]string{}
	for _, dialect := range modeltest.Dialects() {
		found[dialect] = searchEverything(t, modeltest.New(t, dialect))
	}
	if diff := cmp.Diff(found[migrations.SQLite], found[migrations.Postgres]); diff != "" {
		t.Errorf("SQLite (-) and PostgreSQL (+) found different projects:\n%s", diff)
	}
}

func TestProjectSearch_FindsEveryWordFromItsStart(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		got := searchEverything(t, db)
		for query, want := range searchQueries {
			if want == nil {
				if n := len(got[query]); n != len(searchCorpus) {
					t.Errorf("%q found %d projects, want all %d", query, n, len(searchCorpus))
				}
				continue
			}
			if diff := cmp.Diff(want, got[query]); diff != "" {
				t.Errorf("%q (-want +got):\n%s", query, diff)
			}
		}
	})
}

// searchEverything registers the corpus in Greater Manchester (GM-2024-001 onwards, in order, each later
// than the one before) and runs every query in relevance order.
func searchEverything(t *testing.T, db *models.Database) map[string][]string {
	t.Helper()
	r := newRegister(t, db)
	manager := r.as(t, "demo-gm-manager")
	for i, doc := range searchCorpus {
		svc := app.NewProjects(r.store, tickingClock(i))
		in := r.projectInput(t, manager)
		in.Title, in.Summary = doc.title, doc.summary
		if _, err := svc.Create(context.Background(), manager, in); err != nil {
			t.Fatal(err)
		}
	}
	found := map[string][]string{}
	for query := range searchQueries {
		page, err := r.projects.List(context.Background(), manager, app.ProjectFilter{Text: query, PageSize: "100"})
		if err != nil {
			t.Fatalf("search %q: %v", query, err)
		}
		found[query] = titlesOf(page)
	}
	return found
}

// tickingClock is a clock some minutes after testNow, so that each project is later than the one before.
func tickingClock(minutes int) func() time.Time {
	return func() time.Time { return testNow.Add(time.Duration(minutes) * time.Minute) }
}
