package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// notText are values nobody means to type, each with the offending character between two letters, so
// that trimming cannot remove it: the hygiene sweeps put each in every field and parameter.
var notText = map[string]string{
	"NUL":        "a\x00b",
	"escape":     "a\x1b[2Jb",
	"delete":     "a\x7fb",
	"C1 control": "a\u0085b",
	"not UTF-8":  "a\xff\xfeb",
}

// notOneLine are characters long text may hold but a one-line field may not.
var notOneLine = map[string]string{"tab": "a\tb", "newline": "a\nb", "carriage return": "a\rb"}

// hygieneRecords are Greater Manchester's records for the sweeps to aim at: an organisation, projects
// in each state a form acts on, an API token of its manager, and the tenant itself.
type hygieneRecords struct {
	organisation               models.Organisation
	draft, submitted, approved models.Project
	tokenID                    int64
	tenant                     models.Tenant
	person, disabled           int64 // people of the manager's tenant, one of them with a disabled account
	invitation                 int64 // an open invitation of the manager's tenant
}

func newHygieneRecords(t *testing.T, portal *portaltest.Portal) hygieneRecords {
	t.Helper()
	manager := tokenPrincipal(t, portal, "demo-gm-manager")
	approver := signedInPrincipal(t, portal, "demo-funding-approver")
	org := registerTestOrganisation(t, portal, manager, "Hygiene Testing Ltd")
	r := hygieneRecords{organisation: org, tenant: tenantOf(t, portal, "greater-manchester")}
	r.draft = registerTestProject(t, portal, manager, org.ID)
	r.submitted = registerTestProject(t, portal, manager, org.ID)
	stepProject(t, portal, manager, r.submitted.ID, app.TransitionSubmit)
	r.approved = registerTestProject(t, portal, manager, org.ID)
	stepProject(t, portal, manager, r.approved.ID, app.TransitionSubmit)
	stepProject(t, portal, approver, r.approved.ID, app.TransitionApprove)
	for _, p := range []*models.Project{&r.draft, &r.submitted, &r.approved} {
		fresh, err := portal.Store.Project(t.Context(), models.AllTenants(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		*p = fresh
	}
	r.tokenID = newAPIToken(t, portal, "demo-gm-manager", "").Token.ID
	r.addPeople(t, portal, manager)
	return r
}

// addPeople gives the people forms something to act on: a person to manage and one whose account is
// disabled, an open invitation, West Midlands' manager a second tenant to switch to and an invitation to a
// third, waiting for them to answer.
func (r *hygieneRecords) addPeople(t *testing.T, portal *portaltest.Portal, manager app.Principal) {
	t.Helper()
	r.person, r.disabled = seededUser(t, portal, "demo-gm-staff").ID, seededUser(t, portal, "demo-gm-lead").ID
	if err := portal.Services.People.SetDisabled(t.Context(), manager, "", fmt.Sprint(r.disabled), true); err != nil {
		t.Fatal(err)
	}
	inv, err := portal.Services.People.Invite(t.Context(), manager, app.InviteInput{Email: "hygiene@gm.example", Role: "project_lead"})
	if err != nil {
		t.Fatal(err)
	}
	r.invitation = inv.ID
	wm := seededUser(t, portal, "demo-wm-manager")
	second := models.Membership{UserID: wm.ID, TenantID: r.tenant.ID, Role: models.RolePartnershipStaff}
	if err := portal.Store.AddMembership(t.Context(), &second); err != nil {
		t.Fatal(err)
	}
	admin := signedInPrincipal(t, portal, "demo-programme-admin")
	_, err = portal.Services.People.Invite(t.Context(), admin, app.InviteInput{TenantSlug: "glasgow-city-region",
		Email: wm.Email, Role: "observer", Provider: portaltest.DevProvider})
	if err != nil {
		t.Fatal(err)
	}
}

// fill puts records into a route's parameters: the draft project for :id of a project, and so on.
func (r hygieneRecords) fill(t *testing.T, pattern string) string {
	t.Helper()
	ids := map[string]int64{
		"/projects/": r.draft.ID, "/api/v1/projects/": r.draft.ID, "/organisations/": r.organisation.ID,
		"/api/v1/organisations/": r.organisation.ID, "/account/tokens/": r.tokenID, "/programme/accelerators/": r.tenant.ID,
		"/people/": r.person, "/people/invitations/": r.invitation, "/account/invitations/": r.invitation,
	}
	path, longest := pattern, ""
	for prefix := range ids {
		if strings.HasPrefix(pattern, prefix) && len(prefix) > len(longest) {
			longest = prefix
		}
	}
	if longest != "" {
		path = strings.Replace(path, ":id", fmt.Sprint(ids[longest]), 1)
	}
	path = strings.Replace(path, ":action", string(app.TransitionSubmit), 1)
	if strings.Contains(path, ":") || strings.Contains(path, "*") {
		if sample, ok := samplePaths[pattern]; ok {
			return sample
		}
		t.Errorf("route %s has a parameter the hygiene sweep cannot fill: say which record it names", pattern)
	}
	return path
}

// checkNothingStoredIsNotText reads every text of every record table and fails on any that holds what
// is never text: whatever a sweep's requests were answered, none of it may have been kept.
func checkNothingStoredIsNotText(t *testing.T, db *models.Database) {
	t.Helper()
	su := modeltest.Superuser(t, db)
	for _, entity := range models.Records() {
		stmt := su.Model(entity).Statement
		if err := stmt.Parse(entity); err != nil {
			t.Fatal(err)
		}
		var rows []map[string]any
		if err := su.Table(stmt.Schema.Table).Find(&rows).Error; err != nil {
			t.Fatalf("read %s: %v", stmt.Schema.Table, err)
		}
		for _, row := range rows {
			for column, value := range row {
				if s, ok := value.(string); ok && !storable(s) {
					t.Errorf("%s.%s holds %q", stmt.Schema.Table, column, s)
				}
			}
		}
	}
}

// storable is text as the portal keeps it: UTF-8 with no control character but tab and newline.
func storable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\t' && r != '\n'
	})
}
