package handlers_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// The register at national scale: 50 accelerators with 100 organisations each and 10,000 or 50,000
// projects (PORTAL_BENCH_PROJECTS, comma-separated, chooses), on PostgreSQL when PORTAL_TEST_DATABASE_URL is
// set and SQLite otherwise. Each case goes through the whole HTTP stack (token or session, router,
// services, database, template or JSON) and reports its median beside the median of its SQL alone: the
// statements one request ran, captured and replayed on one connection in the same run. The ratio of the
// two is the cost of everything that is not the database.
const (
	nationalTenants = 50
	nationalOrgs    = 100
)

func BenchmarkNational(b *testing.B) {
	dialect := migrations.SQLite
	if os.Getenv(modeltest.PostgresURLVariable) != "" {
		dialect = migrations.Postgres
	}
	for _, size := range nationalSizes(b) {
		b.Run(fmt.Sprintf("%s/%dk", dialect, size/1000), func(b *testing.B) {
			n := newNationalBench(b, dialect, size)
			for _, c := range n.cases() {
				b.Run(c.name, func(b *testing.B) { n.run(b, c) })
			}
			b.Run("export-memory/csv-16", func(b *testing.B) { n.exportMemory(b, "/projects.csv", 16) })
			b.Run("export-memory/xlsx-2", func(b *testing.B) { n.exportMemory(b, "/projects.xlsx", 2) }) // the most a process builds
		})
	}
}

func nationalSizes(b *testing.B) []int {
	text := os.Getenv("PORTAL_BENCH_PROJECTS")
	if text == "" {
		text = "10000,50000"
	}
	var sizes []int
	for _, field := range strings.Split(text, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < nationalTenants {
			b.Fatalf("PORTAL_BENCH_PROJECTS: %q is not a number of projects", field)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

// nationalBench is one generated register and the people who ask things of it.
type nationalBench struct {
	portal        *portaltest.Portal
	recorder      *portaltest.SQLRecorder
	size          int
	centralToken  string // a funding approver's API token: every tenant
	gmToken       string // a Greater Manchester partnership manager's: one tenant
	centralCookie string
	gmOrgID       int64
	sampleID      int64
	deepPage      string // a page 100 rows from the end of the central register
}

func newNationalBench(b *testing.B, dialect migrations.Dialect, size int) *nationalBench {
	portal := portaltest.Start(b, modeltest.New(b, dialect), portaltest.Options{
		Settings: func(s *app.Settings) { s.ExportConcurrency = 16 },
	})
	recorder, err := portaltest.RecordSQL(modeltest.Superuser(b, portal.DB))
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	portaltest.Fill(b, portal, portaltest.Register{
		Tenants: nationalTenants, ProjectsPerTenant: size / nationalTenants, OrganisationsPerTenant: nationalOrgs,
	})
	b.Logf("generated %d projects in %s", size, time.Since(start).Round(time.Millisecond))
	n := &nationalBench{portal: portal, recorder: recorder, size: size}
	central := portal.NewBrowser(b)
	central.SignInAs("demo-funding-approver")
	n.centralCookie = central.Cookie("portal_session")
	n.centralToken = apiToken(b, portal, central)
	gm := portal.NewBrowser(b)
	gm.SignInAs("demo-gm-manager")
	n.gmToken = apiToken(b, portal, gm)
	n.gmOrgID, n.sampleID = n.sampleIDs(b)
	n.deepPage = n.findDeepPage(b)
	return n
}

// sampleIDs finds one of Greater Manchester's organisations (to lead new projects) and a project in the
// middle of the register (to read).
func (n *nationalBench) sampleIDs(b *testing.B) (org, project int64) {
	db := modeltest.Superuser(b, n.portal.DB)
	if err := db.Raw("SELECT o.id FROM organisations o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug = 'greater-manchester' ORDER BY o.id LIMIT 1").Scan(&org).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Raw("SELECT id FROM projects ORDER BY id LIMIT 1 OFFSET ?", n.size/2).Scan(&project).Error; err != nil {
		b.Fatal(err)
	}
	return org, project
}

// benchCase is one kind of request, and how to clear the way for replaying its SQL.
type benchCase struct {
	name    string
	request func(b *testing.B) *http.Request
	prepare func(tx *sql.Tx, captured *http.Response) error
}

func (n *nationalBench) cases() []benchCase {
	api := func(token, path string) func(*testing.B) *http.Request {
		return func(b *testing.B) *http.Request { return n.newRequest(b, http.MethodGet, path, token, "", nil) }
	}
	page := func(path string) func(*testing.B) *http.Request {
		return func(b *testing.B) *http.Request {
			return n.newRequest(b, http.MethodGet, path, "", n.centralCookie, nil)
		}
	}
	return []benchCase{
		{name: "api-list/central", request: api(n.centralToken, "/api/v1/projects")},
		{name: "api-list/accelerator", request: api(n.gmToken, "/api/v1/projects")},
		{name: "search", request: api(n.centralToken, "/api/v1/projects?q=photonics")},
		{name: "deep-page", request: api(n.centralToken, n.deepPagePath())},
		{name: "project-read", request: api(n.centralToken, "/api/v1/projects/"+strconv.FormatInt(n.sampleID, 10))},
		{name: "central-page", request: page("/projects")},
		{name: "export/csv", request: page("/projects.csv")},
		{name: "export/xlsx", request: page("/projects.xlsx")},
		{name: "create", request: n.createRequest, prepare: n.forgetCreated},
	}
}

// deepPagePath is a page near the end of the register, which OFFSET paging reached only by reading every
// row before it (before cursors, the benchmark asked for the last page number).
func (n *nationalBench) deepPagePath() string { return n.deepPage }

// findDeepPage walks the central register a hundred rows at a time to its last hundred and keeps the
// cursor that starts them, as a client that had paged that far would hold it.
func (n *nationalBench) findDeepPage(b *testing.B) string {
	path, previous := "/api/v1/projects?page_size=100", ""
	for path != "" {
		res, err := http.DefaultTransport.RoundTrip(n.newRequest(b, http.MethodGet, path, n.centralToken, "", nil))
		if err != nil {
			b.Fatal(err)
		}
		var page struct {
			Meta struct {
				NextCursor *string `json:"next_cursor"`
			} `json:"meta"`
		}
		err = json.NewDecoder(res.Body).Decode(&page)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			b.Fatalf("walk to a deep page: %d %v", res.StatusCode, err)
		}
		path = ""
		if page.Meta.NextCursor != nil {
			previous, path = *page.Meta.NextCursor, "/api/v1/projects?page_size=100&cursor="+*page.Meta.NextCursor
		}
	}
	return "/api/v1/projects?cursor=" + previous
}

func (n *nationalBench) createRequest(b *testing.B) *http.Request {
	body, err := json.Marshal(apiProjectBody(n.gmOrgID))
	if err != nil {
		b.Fatal(err)
	}
	return n.newRequest(b, http.MethodPost, "/api/v1/projects", n.gmToken, "", body)
}

// forgetCreated clears the way (inside the replay's transaction) for replaying what the captured request
// wrote: the project it made gives up its reference and its parts, so the replayed INSERTs do not collide.
func (n *nationalBench) forgetCreated(tx *sql.Tx, captured *http.Response) error {
	id, err := strconv.ParseInt(strings.TrimPrefix(captured.Header.Get("Location"), "/api/v1/projects/"), 10, 64)
	if err != nil {
		return fmt.Errorf("created project's location %q: %w", captured.Header.Get("Location"), err)
	}
	where := " WHERE project_id = " + strconv.FormatInt(id, 10)
	for _, statement := range []string{
		"DELETE FROM project_targets" + where, "DELETE FROM project_partners" + where, "DELETE FROM project_leads" + where,
		"UPDATE projects SET reference = 'replayed-' || reference WHERE id = " + strconv.FormatInt(id, 10),
	} {
		if _, err := tx.Exec(statement); err != nil {
			return err
		}
	}
	return nil
}

func (n *nationalBench) newRequest(b *testing.B, method, path, token, cookie string, body []byte) *http.Request {
	req, err := http.NewRequest(method, n.portal.URL+path, bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: "portal_session", Value: cookie})
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

// run times the case through HTTP, then its captured SQL alone, and reports both medians and their ratio.
func (n *nationalBench) run(b *testing.B, c benchCase) {
	var captured *http.Response
	var size int64
	statements := n.recorder.Capture(func() { captured, size = send(b, c.request(b)) })
	if captured.StatusCode == http.StatusNotFound {
		b.Skipf("%s is not served", c.request(b).URL.Path)
	}
	var durations []time.Duration
	for b.Loop() {
		start := time.Now()
		send(b, c.request(b))
		durations = append(durations, time.Since(start))
	}
	sqlAlone := n.replay(b, statements, c, captured, len(durations))
	httpMedian, sqlMedian := median(durations), median(sqlAlone)
	b.ReportMetric(ms(httpMedian), "median-ms")
	b.ReportMetric(ms(sqlMedian), "sql-median-ms")
	b.ReportMetric(float64(httpMedian)/float64(max(sqlMedian, 1)), "ratio")
	b.ReportMetric(float64(len(statements)), "statements")
	b.ReportMetric(float64(size)/1024, "KB/resp")
}

func (n *nationalBench) replay(b *testing.B, statements []portaltest.Statement, c benchCase, captured *http.Response, times int) []time.Duration {
	sqlDB, err := modeltest.Superuser(b, n.portal.DB).DB()
	if err != nil {
		b.Fatal(err)
	}
	var prepare func(*sql.Tx) error
	if c.prepare != nil {
		prepare = func(tx *sql.Tx) error { return c.prepare(tx, captured) }
	}
	durations := make([]time.Duration, 0, times)
	for range max(times, 5) {
		d, err := portaltest.Replay(context.Background(), sqlDB, statements, prepare)
		if err != nil {
			b.Fatal(err)
		}
		durations = append(durations, d)
	}
	return durations
}

// send makes a request, reads (and drops) the whole answer, and fails the benchmark on anything but success.
func send(b *testing.B, req *http.Request) (*http.Response, int64) {
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	size, err := io.Copy(io.Discard, res.Body)
	if err != nil {
		b.Fatal(err)
	}
	if res.StatusCode >= 300 && res.StatusCode != http.StatusNotFound {
		b.Fatalf("%s %s: status %d", req.Method, req.URL.Path, res.StatusCode)
	}
	return res, size
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// apiToken makes a personal API token for whoever is signed in to the browser.
func apiToken(b *testing.B, portal *portaltest.Portal, browser *portaltest.Browser) string {
	ctx := context.Background()
	p, err := portal.Services.Identity.Authenticate(ctx, browser.Cookie("portal_session"))
	if err != nil {
		b.Fatal(err)
	}
	token, err := portal.Services.APITokens.Create(ctx, p, "benchmark", "30")
	if err != nil {
		b.Fatal(err)
	}
	return token.Secret
}
