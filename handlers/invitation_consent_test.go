package handlers_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

const westMidlandsManagerEmail = "raj.patel@wmca.example"

// membershipsOf lists a demo person's roles in every tenant, as "tenant-slug:role".
func membershipsOf(t *testing.T, portal *portaltest.Portal, subject string) []string {
	t.Helper()
	ms, err := portal.Store.MembershipsOfUser(t.Context(), seededUser(t, portal, subject).ID)
	if err != nil {
		t.Fatal(err)
	}
	tenants, err := portal.Store.Tenants(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		i := slices.IndexFunc(tenants, func(tn models.Tenant) bool { return tn.ID == m.TenantID })
		out = append(out, tenants[i].Slug+":"+string(m.Role))
	}
	slices.Sort(out)
	return out
}

// TestInvitations_AManagerCannotCaptureSomeoneOfAnotherAccelerator replays the attack: Greater Manchester's
// manager invites West Midlands' manager. It is refused with a message saying whom to ask, nothing is stored,
// and the person's sign-in leaves them where they were (docs/security.md 9).
func TestInvitations_AManagerCannotCaptureSomeoneOfAnotherAccelerator(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")
		before := portal.RowCounts(t)

		r := inviteAs(t, manager, strings.ToUpper(westMidlandsManagerEmail), "partnership_staff")

		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text("#email-error, .govuk-error-message"), "Ask the programme administrator") {
			t.Errorf("status %d, field message %q; want 422 telling them to ask the programme administrator", r.StatusCode, r.Text(".govuk-error-message"))
		}
		if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
			t.Errorf("the refused invitation changed rows (-before +after):\n%s", diff)
		}
		page := portal.NewBrowser(t).SignInAs("demo-wm-manager")
		expectSignedIn(t, page, "Raj Patel", "West Midlands")
		if got := membershipsOf(t, portal, "demo-wm-manager"); !slices.Equal(got, []string{"west-midlands:partnership_manager"}) {
			t.Errorf("memberships %v, want West Midlands only", got)
		}
	})
}

// TestInvitations_APersonWhoWorksHereAlreadyAcceptsOrDeclines: the programme administrator may invite West
// Midlands' manager to Greater Manchester too, but the invitation waits for them: on sign-in they stay in
// West Midlands and are shown it; only accepting gives them the role.
func TestInvitations_APersonWhoWorksHereAlreadyAcceptsOrDeclines(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		admin := portal.NewBrowser(t)
		admin.SignInAs("demo-programme-admin")
		admin.PostForm("/people/invitations?tenant=greater-manchester", url.Values{
			"email": {westMidlandsManagerEmail}, "role": {"partnership_staff"}, "provider": {portaltest.DevProvider}})
		admin.PostForm("/people/invitations?tenant=glasgow-city-region", url.Values{
			"email": {westMidlandsManagerEmail}, "role": {"observer"}, "provider": {portaltest.DevProvider}})

		person := portal.NewBrowser(t)
		landing := person.SignInAs("demo-wm-manager")
		if landing.Request.URL.Path != "/account/invitations" || len(landing.Doc.Find(`[data-testid="waiting-invitation"]`).Nodes) != 2 {
			t.Fatalf("signed in to %s showing %d invitations, want both waiting invitations", landing.Request.URL.Path,
				len(landing.Doc.Find(`[data-testid="waiting-invitation"]`).Nodes))
		}
		if got := membershipsOf(t, portal, "demo-wm-manager"); !slices.Equal(got, []string{"west-midlands:partnership_manager"}) {
			t.Errorf("before answering, memberships %v: an invitation moved them", got)
		}
		if got := landing.Text(`[data-testid="account-organisation"]`); got != "West Midlands" {
			t.Errorf("acting for %q after sign-in, want West Midlands", got)
		}

		person.SubmitForm(landing, `[data-testid="waiting-invitation"]:has(h2:contains("Glasgow")) form[action$="/decline"]`, url.Values{})
		answered := person.Get("/account/invitations")
		person.SubmitForm(answered, `[data-testid="waiting-invitation"]:has(h2:contains("Greater Manchester")) form[action$="/accept"]`, url.Values{})

		want := []string{"greater-manchester:partnership_staff", "west-midlands:partnership_manager"}
		if got := membershipsOf(t, portal, "demo-wm-manager"); !slices.Equal(got, want) {
			t.Errorf("after accepting Greater Manchester's and declining Glasgow's, memberships %v, want %v", got, want)
		}
		if auditEvents(t, portal, "invitation.accepted") != 1 || auditEvents(t, portal, "invitation.declined") != 1 {
			t.Error("the answers were not both audited")
		}
		if n := len(person.Get("/account/invitations").Doc.Find(`[data-testid="waiting-invitation"]`).Nodes); n != 0 {
			t.Errorf("%d invitations still waiting", n)
		}
	})
}

// TestSwitcher_APersonInTwoTenantsChoosesWhereToActAndTheSessionRecordsIt: the header offers the switch; the
// choice gets a new session ID (the old cookie is dead) and the new tenant's roles; a tenant where they hold no
// role cannot be chosen.
func TestSwitcher_APersonInTwoTenantsChoosesWhereToActAndTheSessionRecordsIt(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm, err := portal.Store.TenantBySlug(t.Context(), "greater-manchester")
		if err != nil {
			t.Fatal(err)
		}
		extra := models.Membership{UserID: seededUser(t, portal, "demo-wm-manager").ID, TenantID: gm.ID, Role: models.RolePartnershipStaff}
		if err := portal.Store.AddMembership(t.Context(), &extra); err != nil {
			t.Fatal(err)
		}
		person := portal.NewBrowser(t)
		home := person.SignInAs("demo-wm-manager") // sign-in starts in the first by name: Greater Manchester
		if got := home.Text(`[data-testid="account-organisation"]`); got != "Greater Manchester" {
			t.Fatalf("signed in to %q", got)
		}
		if home.Text(`[data-testid="change-organisation"]`) != "Change organisation" {
			t.Fatalf("the header does not offer to change organisation: %q", home.Text(`[data-testid="account"]`))
		}
		oldSession := person.Cookie("portal_session")

		choice := person.Get("/account/organisation")
		after := person.Follow(person.SubmitForm(choice, `form[action="/account/organisation"]`, url.Values{"organisation": {"west-midlands"}}))

		if got := after.Text(`[data-testid="account-organisation"]`); got != "West Midlands" {
			t.Errorf("acting for %q, want West Midlands", got)
		}
		if got := after.Text(`[data-testid="account-role"]`); got != "Partnership manager" {
			t.Errorf("role %q, want West Midlands' Partnership manager", got)
		}
		if person.Cookie("portal_session") == oldSession {
			t.Error("the session ID did not change")
		}
		stale := portal.NewBrowser(t)
		stale.SetCookie("portal_session", oldSession)
		if r := stale.Get("/"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("the old session cookie: status %d, want it dead", r.StatusCode)
		}
		if r := person.PostForm("/account/organisation", url.Values{"organisation": {"glasgow-city-region"}}); r.StatusCode != http.StatusNotFound {
			t.Errorf("switching to a tenant without a role: status %d, want 404", r.StatusCode)
		}
		if n := auditEvents(t, portal, "session.switched_tenant"); n != 1 {
			t.Errorf("%d session.switched_tenant events, want 1", n)
		}
	})
}
