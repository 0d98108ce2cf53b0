package handlers_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestPeoplePage_PartnershipManagerSeesOnlyTheirOwnTenantsPeople(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")

		page := manager.Get("/people")

		if page.StatusCode != http.StatusOK {
			t.Fatalf("status %d, want 200", page.StatusCode)
		}
		names := columnOf(page, `[data-testid="members"]`, 0)
		slices.Sort(names)
		want := []string{"Chris Doyle", "Dr Helen Price", "Nadia Rahman", "Tom Hughes"}
		if diff := cmp.Diff(want, names); diff != "" {
			t.Errorf("members (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"Partnership staff", "Project lead"}, offeredRoles(page)); diff != "" {
			t.Errorf("roles offered (-want +got):\n%s", diff)
		}
		if page.Doc.Find(`select#tenant`).Length() != 0 {
			t.Error("a partnership manager is offered other organisations")
		}
	})
}

func TestInvite_PartnershipManagerInvitesAStaffMember(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")

		sent := manager.SubmitForm(manager.Get("/people"), inviteForm,
			url.Values{"email": {" New.Staff@GMCA.example "}, "role": {"partnership_staff"}})

		if sent.StatusCode != http.StatusSeeOther || sent.Header.Get("Location") != "/people" {
			t.Fatalf("status %d to %q, want 303 to /people; body: %s", sent.StatusCode, sent.Header.Get("Location"), sent.Body)
		}
		page := manager.Follow(sent)
		if got := page.Text(`[data-testid="flash"]`); got != "Invitation sent" {
			t.Errorf("flash %q, want Invitation sent", got)
		}
		if rows := columnOf(page, `[data-testid="invitations"]`, 1); !slices.Equal(rows, []string{"Partnership staff"}) {
			t.Errorf("invitation roles %v, want one Partnership staff", rows)
		}
		if emails := columnOf(page, `[data-testid="invitations"]`, 0); !slices.Equal(emails, []string{"new.staff@gmca.example"}) {
			t.Errorf("invited %v, want new.staff@gmca.example", emails)
		}
		if again := manager.Get("/people"); again.Text(`[data-testid="flash"]`) != "" {
			t.Error("the flash is shown again on the next page")
		}
		checkInvitationAudit(t, portal, sent, "greater-manchester", "demo-gm-manager", "new.staff@gmca.example")
	})
}

func checkInvitationAudit(t *testing.T, portal *portaltest.Portal, sent *portaltest.Response, tenant, actor, email string) {
	t.Helper()
	event, after := invitationAudit(t, portal)
	got := []any{*event.TenantID, *event.ActorUserID, event.RequestID, after["email"]}
	want := []any{tenantBySlug(t, portal, tenant).ID, seededUser(t, portal, actor).ID, sent.Header.Get("X-Request-ID"), email}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("audit event: tenant, actor, request ID, email (-want +got):\n%s", diff)
	}
}

func TestPeoplePage_IsForbiddenToRolesThatMayNotViewPeople(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		for _, subject := range []string{"demo-gm-staff", "demo-gm-lead", "demo-funding-approver", "demo-council-observer", "demo-gm-director"} {
			t.Run(subject, func(t *testing.T) {
				b := portal.NewBrowser(t)
				b.SignInAs(subject)
				before := portal.RowCounts(t)

				for _, r := range []*portaltest.Response{
					b.Get("/people"),
					b.PostForm("/people/invitations", url.Values{"email": {"x@gmca.example"}, "role": {"partnership_staff"}}),
				} {
					if r.StatusCode != http.StatusForbidden || r.Text("h1") != "You do not have permission to do that" {
						t.Errorf("%s %s: status %d, heading %q; want the 403 page", r.Request.Method, r.Request.URL.Path, r.StatusCode, r.Text("h1"))
					}
				}
				if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
					t.Errorf("rows changed (-before +after):\n%s", diff)
				}
			})
		}
	})
}

func TestPeople_AnotherTenantIsNotFoundForAPartnershipManager(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")
		before := portal.RowCounts(t)
		invitation := url.Values{"email": {"spy@gmca.example"}, "role": {"partnership_staff"}}

		for _, tenant := range []string{"west-midlands", "central", "no-such-tenant"} {
			for _, r := range []*portaltest.Response{
				manager.Get("/people?tenant=" + tenant),
				manager.PostForm("/people/invitations?tenant="+tenant, invitation),
			} {
				if r.StatusCode != http.StatusNotFound || r.Text("h1") != "Page not found" {
					t.Errorf("%s %s: status %d, heading %q; want the 404 page", r.Request.Method, r.Request.URL, r.StatusCode, r.Text("h1"))
				}
			}
		}
		if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
			t.Errorf("rows changed (-before +after):\n%s", diff)
		}
	})
}
