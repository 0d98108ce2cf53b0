package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestInvite_MistakesAreShownByTheFieldWithTheInputKeptAndNothingStored(t *testing.T) {
	tests := []struct {
		name, email, role string
		field, message    string
	}{
		{"missing email", "", "partnership_staff", "email", "Enter an email address"},
		{"blank email", "   ", "project_lead", "email", "Enter an email address"},
		{"malformed email", "nadia at gmca", "partnership_staff", "email", "Enter an email address in the correct format, like name@example.org"},
		{"email with a display name", "Bob <bob@gmca.example>", "partnership_staff", "email", "Enter an email address in the correct format, like name@example.org"},
		{"no role", "new.person@gmca.example", "", "role", "Select a role"},
		{"a central role", "new.person@gmca.example", "programme_admin", "role", "Select a role that Greater Manchester can give"},
		{"a role only central may give", "new.person@gmca.example", "partnership_manager", "role", "Select a role that Greater Manchester can give"},
		{"no such role", "new.person@gmca.example", "superuser", "role", "Select a role that Greater Manchester can give"},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")
		form := manager.Get("/people")
		before := portal.RowCounts(t)
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				page := manager.SubmitForm(form, inviteForm, url.Values{"email": {tc.email}, "role": {tc.role}})

				if page.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422", page.StatusCode)
				}
				checkFieldError(t, page, tc.field, tc.message)
				checkInputKept(t, page, tc.email, tc.role)
				if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
					t.Errorf("rows changed (-before +after):\n%s", diff)
				}
			})
		}
	})
}

// checkFieldError looks for the GOV.UK pattern: the title starts "Error:", the summary links to the field,
// and the same message stands by the field.
func checkFieldError(t *testing.T, page *portaltest.Response, field, message string) {
	t.Helper()
	got := []string{
		strings.SplitN(page.Text("title"), " ", 2)[0],
		page.Text(".govuk-error-summary__title"),
		page.Text(`.govuk-error-summary__list a[href="#` + field + `"]`),
		page.Text(`.govuk-form-group--error:has(#` + field + `) .govuk-error-message`),
	}
	want := []string{"Error:", "There is a problem", message, "Error: " + message}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("title, summary, summary link, message by the field (-want +got):\n%s", diff)
	}
	if n := page.Doc.Find(".govuk-error-summary__list li").Length(); n != 1 {
		t.Errorf("the summary lists %d errors, want 1", n)
	}
}

// checkInputKept checks the form comes back as the person filled it in.
func checkInputKept(t *testing.T, page *portaltest.Response, email, role string) {
	t.Helper()
	if got, _ := page.Doc.Find(inviteForm + ` input#email`).Attr("value"); got != email {
		t.Errorf("email field holds %q, want %q kept", got, email)
	}
	checked, _ := page.Doc.Find(inviteForm + ` input[name="role"][checked]`).Attr("value")
	offered := page.Doc.Find(inviteForm+` input[name="role"][value="`+role+`"]`).Length() > 0
	if offered && checked != role {
		t.Errorf("role %q checked, want %q kept", checked, role)
	}
	if !offered && checked != "" {
		t.Errorf("role %q checked, want none: %q is not offered", checked, role)
	}
}
