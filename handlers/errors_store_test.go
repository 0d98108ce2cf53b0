package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// failingOverview stands in for the overview service to make the home page fail with a data-layer answer.
type failingOverview struct{ err error }

func (f failingOverview) Home(context.Context, app.Principal) (app.Home, error) {
	return app.Home{}, f.err
}

// TestStoreRefusals_ReachingAPage_AreExplainedNotServerErrors: a database rule that refuses a write (a CHECK or
// a foreign key), row-level security, or a transaction that kept colliding reaches a person as a clear answer
// with the right status, never the 500 page, even when a service passes the store's error on as it is.
func TestStoreRefusals_ReachingAPage_AreExplainedNotServerErrors(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	session := signedInSession(t, portal, "demo-gm-manager")
	cases := []struct {
		name   string
		err    error
		status int
	}{
		{"row outside the tenant scope", models.ErrOutsideScope, http.StatusNotFound},
		{"CHECK constraint", models.ErrConstraint, http.StatusUnprocessableEntity},
		{"foreign key", models.ErrInvalidReference, http.StatusConflict},
		{"transaction retried to the end", models.ErrRetryLater, http.StatusServiceUnavailable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			services := handlers.ServicesFrom(portal.Services, portal.DB.Ping)
			services.Overview = failingOverview{fmt.Errorf("read home: %w", c.err)}
			handler, err := handlers.New(handlers.Config{}, services)
			if err != nil {
				t.Fatal(err)
			}
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.AddCookie(&http.Cookie{Name: "portal_session", Value: session})
			w := httptest.NewRecorder()
			handler.ServeHTTP(w, req)
			if w.Code != c.status {
				t.Errorf("status %d, want %d", w.Code, c.status)
			}
			for _, word := range append(internalWords, "constraint", "row-level") {
				if strings.Contains(strings.ToLower(w.Body.String()), word) {
					t.Errorf("the page shows %q", word)
				}
			}
		})
	}
}
