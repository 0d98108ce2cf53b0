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

func TestPeoplePage_ProgrammeAdminSwitchesTenantAndIsOfferedItsRoles(t *testing.T) {
	tests := []struct {
		tenant, caption string
		members, roles  []string
	}{
		{"central", "Central government",
			[]string{"Alex Morgan", "Ruth Campbell", "Sam Okafor"},
			[]string{"Programme administrator", "Funding approver", "Observer"}},
		{"west-midlands", "West Midlands",
			[]string{"Dr Amira Khan", "Raj Patel"},
			[]string{"Observer", "Partnership manager", "Partnership staff", "Project lead"}},
		{"glasgow-city-region", "Glasgow City Region",
			[]string{"Euan Stewart", "Fiona MacLeod"},
			[]string{"Observer", "Partnership manager", "Partnership staff", "Project lead"}},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		admin := portal.NewBrowser(t)
		admin.SignInAs("demo-programme-admin")
		for _, tc := range tests {
			page := admin.SubmitForm(admin.Get("/people"), `form[action="/people"]`, url.Values{"tenant": {tc.tenant}})

			members := columnOf(page, `[data-testid="members"]`, 0)
			slices.Sort(members)
			got := []any{page.StatusCode, page.Text(".govuk-caption-l"), members, offeredRoles(page)}
			want := []any{http.StatusOK, tc.caption, tc.members, tc.roles}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: status, caption, members, roles offered (-want +got):\n%s", tc.tenant, diff)
			}
		}
	})
}

func TestInvite_ProgrammeAdminInvitesIntoTheTenantTheyChose(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		admin := portal.NewBrowser(t)
		admin.SignInAs("demo-programme-admin")
		page := admin.SubmitForm(admin.Get("/people"), `form[action="/people"]`, url.Values{"tenant": {"west-midlands"}})

		sent := admin.SubmitForm(page, inviteForm, url.Values{"email": {"new.manager@wmca.example"}, "role": {"partnership_manager"}})

		if sent.StatusCode != http.StatusSeeOther || sent.Header.Get("Location") != "/people?tenant=west-midlands" {
			t.Fatalf("status %d to %q, want 303 back to West Midlands' people", sent.StatusCode, sent.Header.Get("Location"))
		}
		after := admin.Follow(sent)
		got := []any{after.Text(`[data-testid="flash"]`), after.Text(".govuk-caption-l"),
			columnOf(after, `[data-testid="invitations"]`, 0), columnOf(after, `[data-testid="invitations"]`, 1)}
		want := []any{"Invitation sent", "West Midlands", []string{"new.manager@wmca.example"}, []string{"Partnership manager"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("flash, caption, invited emails, roles (-want +got):\n%s", diff)
		}
		checkInvitationAudit(t, portal, sent, "west-midlands", "demo-programme-admin", "new.manager@wmca.example")
		if rows := tableRows(admin.Get("/people"), `[data-testid="invitations"]`); len(rows) != 0 {
			t.Errorf("the central tenant lists the West Midlands invitation: %v", rows)
		}
	})
}
