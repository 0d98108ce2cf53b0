package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// personAction is one change a people administrator may make, sent as the form the person page sends.
type personAction struct {
	name string
	path func(userID int64) string
	form url.Values
}

var personActions = []personAction{
	{"change role", func(id int64) string { return fmt.Sprintf("/people/%d/roles", id) }, nil},
	{"remove", func(id int64) string { return fmt.Sprintf("/people/%d/roles/remove", id) }, nil},
	{"disable", func(id int64) string { return fmt.Sprintf("/people/%d/disable", id) }, url.Values{}},
}

// TestPeopleAdministration_WhoMayChangeWhom writes out, from the rules rather than the code, who may change
// whose access: the programme administrator anyone's in any tenant; a partnership manager their own tenant's
// staff and project leads only; nobody else anyone's. Someone of a tenant out of reach is not found.
func TestPeopleAdministration_WhoMayChangeWhom(t *testing.T) {
	type target struct {
		subject, tenant string
		role            models.Role
	}
	gmStaff := target{"demo-gm-staff", "greater-manchester", models.RolePartnershipStaff}
	gmLead := target{"demo-gm-lead", "greater-manchester", models.RoleProjectLead}
	gmDirector := target{"demo-gm-director", "greater-manchester", models.RoleObserver}
	wmLead := target{"demo-wm-lead", "west-midlands", models.RoleProjectLead}
	const ok, forbidden, notFound = http.StatusSeeOther, http.StatusForbidden, http.StatusNotFound
	cases := []struct {
		actor  string
		target target
		want   int
	}{
		{"demo-programme-admin", gmStaff, ok}, {"demo-programme-admin", gmDirector, ok}, {"demo-programme-admin", wmLead, ok},
		{"demo-gm-manager", gmStaff, ok}, {"demo-gm-manager", gmLead, ok},
		{"demo-gm-manager", gmDirector, forbidden}, {"demo-gm-manager", wmLead, notFound},
		{"demo-gm-staff", gmLead, forbidden}, {"demo-gm-staff", wmLead, notFound},
		{"demo-gm-lead", gmStaff, forbidden}, {"demo-gm-director", gmStaff, forbidden},
		{"demo-funding-approver", gmStaff, forbidden}, {"demo-council-observer", gmLead, forbidden},
		{"demo-wm-manager", gmStaff, notFound},
	}
	for _, c := range cases {
		for _, action := range personActions {
			t.Run(c.actor+" "+action.name+" "+c.target.subject, func(t *testing.T) {
				t.Parallel()
				portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
				actor := portal.NewBrowser(t)
				actor.SignInAs(c.actor)
				victim := seededUser(t, portal, c.target.subject)
				form := action.form
				if form == nil {
					form = url.Values{"from": {string(c.target.role)}, "role": {string(c.target.role)}}
					if action.name == "change role" {
						form.Set("role", string(otherRoleThan(c.target.role)))
					}
				}
				path := action.path(victim.ID)
				if strings.HasPrefix(c.actor, "demo-programme") || c.actor == "demo-funding-approver" || c.actor == "demo-council-observer" {
					path += "?tenant=" + c.target.tenant
				}
				before := portal.RowCounts(t)
				r := actor.PostForm(path, form)
				if r.StatusCode != c.want {
					t.Fatalf("status %d, want %d: %s", r.StatusCode, c.want, r.Text("h1"))
				}
				if c.want != ok {
					if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
						t.Errorf("a refused change changed rows (-before +after):\n%s", diff)
					}
				}
			})
		}
	}
}

// otherRoleThan is a role an accelerator can give other than r.
func otherRoleThan(r models.Role) models.Role {
	if r == models.RolePartnershipStaff {
		return models.RoleProjectLead
	}
	return models.RolePartnershipStaff
}

func TestPeopleAdministration_AManagerChangesARoleAndItTakesEffectOnTheNextRequest(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager, staff := portal.NewBrowser(t), portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")
		staff.SignInAs("demo-gm-staff")
		id := seededUser(t, portal, "demo-gm-staff").ID

		page := manager.Get(fmt.Sprintf("/people/%d", id))
		if got := page.Text(`[data-testid="person-roles"]`); got != "Partnership staff" {
			t.Fatalf("person page roles %q", got)
		}
		r := manager.Follow(manager.PostForm(fmt.Sprintf("/people/%d/roles", id), url.Values{"from": {"partnership_staff"}, "role": {"project_lead"}}))
		if r.Text(`[data-testid="person-roles"]`) != "Project lead" || !strings.Contains(r.Body, "Role changed") {
			t.Errorf("after the change the page says roles %q", r.Text(`[data-testid="person-roles"]`))
		}
		if got := staff.Get("/").Text(`[data-testid="account-role"]`); got != "Project lead" {
			t.Errorf("the person's next page shows role %q, want Project lead", got)
		}
		if n := auditEvents(t, portal, "membership.role_changed"); n != 1 {
			t.Errorf("%d membership.role_changed events, want 1", n)
		}
		bad := manager.PostForm(fmt.Sprintf("/people/%d/roles", id), url.Values{"from": {"project_lead"}, "role": {"programme_admin"}})
		if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.Text(".govuk-error-summary"), "Select a role that Greater Manchester can give") {
			t.Errorf("a role the manager may not give: status %d, summary %q", bad.StatusCode, bad.Text(".govuk-error-summary"))
		}
	})
}

func TestPeopleAdministration_ADisabledPersonsSessionAndTokenStopAtOnce(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager, staff := portal.NewBrowser(t), portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")
		staff.SignInAs("demo-gm-staff")
		api := apiAs(t, portal, "demo-gm-staff")
		id := seededUser(t, portal, "demo-gm-staff").ID

		if r := manager.PostForm(fmt.Sprintf("/people/%d/disable", id), url.Values{}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("disable: status %d: %s", r.StatusCode, r.Text("h1"))
		}
		if r := staff.Get("/projects"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
			t.Errorf("the disabled person's page: status %d to %q, want sent to sign in", r.StatusCode, r.Header.Get("Location"))
		}
		if a := api.do(http.MethodGet, "/api/v1/projects", nil); a.Status != http.StatusUnauthorized {
			t.Errorf("the disabled person's token: status %d, want 401", a.Status)
		}
		if n := auditEvents(t, portal, "user.disabled"); n != 1 {
			t.Errorf("%d user.disabled events, want 1", n)
		}

		if r := manager.PostForm(fmt.Sprintf("/people/%d/enable", id), url.Values{}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("enable: status %d", r.StatusCode)
		}
		if a := api.do(http.MethodGet, "/api/v1/projects", nil); a.Status != http.StatusOK {
			t.Errorf("after re-enabling, the token: status %d, want 200", a.Status)
		}
	})
}

func TestPeopleAdministration_NobodyRemovesOrDemotesTheLastProgrammeAdministrator(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		admin := portal.NewBrowser(t)
		admin.SignInAs("demo-programme-admin")
		id := seededUser(t, portal, "demo-programme-admin").ID
		attempts := map[string]url.Values{
			fmt.Sprintf("/people/%d/roles", id):        {"from": {"programme_admin"}, "role": {"observer"}},
			fmt.Sprintf("/people/%d/roles/remove", id): {"role": {"programme_admin"}},
			fmt.Sprintf("/people/%d/disable", id):      {},
		}
		for path, form := range attempts {
			r := admin.PostForm(path, form)
			if r.StatusCode != http.StatusConflict || !strings.Contains(r.Body, "is the last programme administrator") {
				t.Errorf("POST %s: status %d, want 409 saying they are the last programme administrator", path, r.StatusCode)
			}
		}
		if got := admin.Get("/").Text(`[data-testid="account-role"]`); got != "Programme administrator" {
			t.Errorf("the administrator's role is now %q", got)
		}

		// With a second administrator, the first may step down.
		central, err := portal.Store.TenantBySlug(t.Context(), "central")
		if err != nil {
			t.Fatal(err)
		}
		second := models.Membership{UserID: seededUser(t, portal, "demo-council-observer").ID, TenantID: central.ID, Role: models.RoleProgrammeAdmin}
		if err := portal.Store.AddMembership(t.Context(), &second); err != nil {
			t.Fatal(err)
		}
		if r := admin.PostForm(fmt.Sprintf("/people/%d/roles", id), url.Values{"from": {"programme_admin"}, "role": {"observer"}}); r.StatusCode != http.StatusSeeOther {
			t.Errorf("stepping down beside another administrator: status %d", r.StatusCode)
		}
	})
}

func TestInvitations_AManagerWithdrawsAndResendsTheirTenantsOnly(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")
		inviteAs(t, manager, "one@gm.example", "partnership_staff")
		inviteAs(t, manager, "two@gm.example", "project_lead")
		ids := invitationIDs(t, portal, "greater-manchester")

		if r := manager.PostForm(fmt.Sprintf("/people/invitations/%d/resend", ids["one@gm.example"]), url.Values{}); r.StatusCode != http.StatusSeeOther {
			t.Errorf("resend: status %d", r.StatusCode)
		}
		if r := manager.PostForm(fmt.Sprintf("/people/invitations/%d/withdraw", ids["two@gm.example"]), url.Values{}); r.StatusCode != http.StatusSeeOther {
			t.Errorf("withdraw: status %d", r.StatusCode)
		}
		listed := columnOf(manager.Get("/people"), `[data-testid="invitations"]`, 0)
		if !slices.Equal(listed, []string{"one@gm.example"}) {
			t.Errorf("open invitations listed %q, want only one@gm.example", listed)
		}
		if again := manager.PostForm(fmt.Sprintf("/people/invitations/%d/withdraw", ids["two@gm.example"]), url.Values{}); again.StatusCode != http.StatusConflict {
			t.Errorf("withdrawing twice: status %d, want 409", again.StatusCode)
		}
		if auditEvents(t, portal, "invitation.resent") != 1 || auditEvents(t, portal, "invitation.withdrawn") != 1 {
			t.Error("the resend and the withdrawal were not both audited")
		}
	})
}

func inviteAs(t *testing.T, b *portaltest.Browser, email, role string) *portaltest.Response {
	t.Helper()
	return b.PostForm("/people/invitations", url.Values{"email": {email}, "role": {role}, "provider": {portaltest.DevProvider}})
}

// invitationIDs are a tenant's open invitations by e-mail address.
func invitationIDs(t *testing.T, portal *portaltest.Portal, slug string) map[string]int64 {
	t.Helper()
	tenant, err := portal.Store.TenantBySlug(t.Context(), slug)
	if err != nil {
		t.Fatal(err)
	}
	open, err := portal.Store.PendingInvitations(t.Context(), tenant.ID, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, inv := range open {
		ids[inv.Email] = inv.ID
	}
	return ids
}
