package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// internalWords are pieces of Go errors and stack traces that must never reach a person.
var internalWords = []string{"sql:", "database is closed", "goroutine", ".go:", "panic", "runtime error", "gorm"}

func TestServerError_WithTheDatabaseGone_ShowsTheProblemPageWithItsReference(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		logs := portaltest.NewLogRecorder()
		portal := portaltest.Start(t, db, portaltest.Options{Log: logs.Logger()})
		b := portal.NewBrowser(t)
		b.SignInAs("demo-gm-manager")
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}

		r := b.Get("/")

		checkProblemPage(t, r.StatusCode, r.Header, r.Doc, r.Body)
		logs.WaitFor(t, func(l portaltest.LogRecord) bool {
			cause, _ := l["error"].(string)
			return l["msg"] == "request failed" && strings.Contains(cause, "closed")
		})
	})
}

// panickingOverview stands in for the overview service to make the home page fail the worst way.
type panickingOverview struct{}

func (panickingOverview) Home(context.Context, app.Principal) (app.Home, error) {
	panic("sql: connection reset by peer")
}

func TestServerError_FromAPanic_ShowsTheProblemPageAndLogsTheStack(t *testing.T) {
	logs := portaltest.NewLogRecorder()
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	services := handlers.ServicesFrom(portal.Services, portal.DB.Ping)
	services.Overview = panickingOverview{}
	handler, err := handlers.New(handlers.Config{Log: logs.Logger()}, services)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(&http.Cookie{Name: "portal_session", Value: signedInSession(t, portal, "demo-gm-manager")})
	w := httptest.NewRecorder()

	handler.ServeHTTP(w, req)

	doc, err := goquery.NewDocumentFromReader(strings.NewReader(w.Body.String()))
	if err != nil {
		t.Fatal(err)
	}
	checkProblemPage(t, w.Code, w.Header(), doc, w.Body.String())
	logged := logs.WaitFor(t, func(l portaltest.LogRecord) bool { return l["msg"] == "panic" })
	if stack, _ := logged["stack"].(string); !strings.Contains(stack, "goroutine") {
		t.Errorf("the panic was logged without its stack: %v", logged)
	}
}

// checkProblemPage checks the 500 page: what happened, what to do, the reference to quote, and nothing of
// the Go error behind it.
func checkProblemPage(t *testing.T, status int, header http.Header, doc *goquery.Document, body string) {
	t.Helper()
	if status != http.StatusInternalServerError || doc == nil {
		t.Fatalf("status %d, want the 500 page; body: %s", status, body)
	}
	if h1 := strings.TrimSpace(doc.Find("h1").Text()); h1 != "Sorry, there is a problem with the service" {
		t.Errorf("heading %q", h1)
	}
	id := header.Get("X-Request-ID")
	if shown := strings.TrimSpace(doc.Find(".portal-request-id").Text()); id == "" || shown != id {
		t.Errorf("the page shows reference %q, want the request ID %q", shown, id)
	}
	for _, word := range internalWords {
		if strings.Contains(strings.ToLower(body), word) {
			t.Errorf("the page shows %q of the error behind it", word)
		}
	}
}
