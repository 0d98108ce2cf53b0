package handlers_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// probe is what a load balancer sees of a health endpoint.
type probe struct {
	Status int
	Body   map[string]string
	Cache  string
}

func getProbe(t *testing.T, b *portaltest.Browser, path string) probe {
	t.Helper()
	r := b.Get(path)
	p := probe{Status: r.StatusCode, Cache: r.Header.Get("Cache-Control")}
	if err := json.Unmarshal([]byte(r.Body), &p.Body); err != nil {
		t.Fatalf("GET %s: body %q is not a JSON object: %v", path, r.Body, err)
	}
	return p
}

func TestHealthEndpoints_ReportTheProcessAndTheDatabase(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{NoDemoData: true})
		b := portal.NewBrowser(t)
		up := probe{http.StatusOK, map[string]string{"status": "ok"}, "no-store"}
		ready := probe{http.StatusOK, map[string]string{"status": "ok", "database": "ok"}, "no-store"}
		unready := probe{http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "unreachable"}, "no-store"}

		checkProbes(t, "database up", b, up, ready)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		checkProbes(t, "database closed", b, up, unready)
	})
}

func checkProbes(t *testing.T, when string, b *portaltest.Browser, healthz, readyz probe) {
	t.Helper()
	got := []probe{getProbe(t, b, "/healthz"), getProbe(t, b, "/readyz")}
	if diff := cmp.Diff([]probe{healthz, readyz}, got); diff != "" {
		t.Errorf("%s: /healthz, /readyz (-want +got):\n%s", when, diff)
	}
}
