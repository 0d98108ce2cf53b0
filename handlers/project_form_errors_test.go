package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// formMistake is one mistake on the project form and the message the person gets by the field.
type formMistake struct {
	name           string
	changes        url.Values
	field, message string
}

func projectFormMistakes(foreignOrg int64) []formMistake {
	v := func(kv ...string) url.Values {
		out := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	mistakes := []formMistake{
		{"title too long", v("title", strings.Repeat("x", 201)), "title", "Project title must be 200 characters or fewer"},
		{"lead organisation of another accelerator", v("lead_organisation_id", fmt.Sprint(foreignOrg)), "lead_organisation_id", "Select a lead organisation from your organisations"},
		{"lead organisation not a number", v("lead_organisation_id", "1 OR 1=1"), "lead_organisation_id", "Select a lead organisation from your organisations"},
		{"partner of another accelerator", v("partner_organisation_ids", fmt.Sprint(foreignOrg)), "partner_organisation_ids", "Select partner organisations from your organisations"},
		{"sector not offered", v("sector", "alchemy"), "sector", "Select a sector or technology from the list"},
		{"local authority unknown", v("local_authority_code", "X99999999"), "local_authority_code", "Select a local authority from the list"},
		{"local authority outside the region", v("local_authority_code", "S12000049"), "local_authority_code", "Select a local authority in North West (England)"},
		{"start date impossible", v("start_date-day", "31", "start_date-month", "2"), "start_date", "Start date must be a real date, like 1 4 2024"},
		{"start date month missing", v("start_date-month", ""), "start_date", "Start date must include a month"},
		{"end date day missing", v("end_date-day", ""), "end_date", "End date must include a day"},
		{"end date before start", v("end_date-day", "31", "end_date-month", "3", "end_date-year", "2024", "start_date-year", "2025"), "end_date", "End date must be the same as or after the start date"},
		{"grant more than total cost", v("total_cost", "999,999.99", "grant_requested", "1000000"), "grant_requested", "Grant requested must not be more than the total cost"},
		{"target not a number", v("targets[jobs_created]", "abc"), "targets.jobs_created", "Jobs created must be a number of full-time equivalents, like 12 or 2.5"},
		{"count target with decimals", v("targets[patents_filed]", "2.5"), "targets.patents_filed", "Patents filed must be a whole number, like 25 or 1,200"},
	}
	// Each money field names itself in its messages (GOV.UK error message guidance), so the three never
	// read the same.
	money := map[string]string{
		"1e3":    "%s must be an amount in pounds, like 1250000 or 1,250,000.00",
		"-5":     "%s must be £0 or more",
		"12.345": "%s must not have more than 2 decimal places, for pence",
	}
	labels := map[string]string{"total_cost": "Total cost", "grant_requested": "Grant requested", "private_co_investment": "Private co-investment committed"}
	for field, label := range labels {
		for typed, message := range money {
			mistakes = append(mistakes, formMistake{fmt.Sprintf("%s %q", field, typed), v(field, typed), field, fmt.Sprintf(message, label)})
		}
	}
	return mistakes
}

func TestProjectForm_EachMistakeIsShownByItsFieldWithTheInputKeptAndNothingStored(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		lead := registerTestOrganisation(t, portal, manager.principal, "Salford Materials Ltd")
		foreign := registerTestOrganisation(t, portal, signInForRegister(t, portal, "demo-wm-manager").principal, "Coventry Batteries Ltd")
		form := manager.Get("/projects/new")
		before := portal.RowCounts(t)
		for _, tc := range projectFormMistakes(foreign.ID) {
			t.Run(tc.name, func(t *testing.T) {
				posted := with(projectForm(lead.ID), tc.changes)
				page := manager.SubmitForm(form, `[data-testid="project-form"]`, posted)

				expectStatus(t, page, http.StatusUnprocessableEntity)
				checkOneFieldError(t, page, tc.field, tc.message)
				checkFormKept(t, page, `[data-testid="project-form"]`, posted)
				if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
					t.Errorf("rows changed (-before +after):\n%s", diff)
				}
			})
		}
	})
}

func TestProjectForm_AcceptsPoundsWithTheSignAndCommas(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		lead := registerTestOrganisation(t, portal, manager.principal, "Salford Materials Ltd")

		sent := manager.SubmitForm(manager.Get("/projects/new"), `[data-testid="project-form"]`, with(projectForm(lead.ID),
			url.Values{"total_cost": {"£1,000"}, "grant_requested": {" £1,000.00 "}, "private_co_investment": {"£0.5"}}))

		expectRedirect(t, sent, "/projects/")
		page := manager.Follow(sent)
		got := []string{page.Text(`[data-testid="total-cost"]`), page.Text(`[data-testid="grant-requested"]`),
			page.Text(`[data-testid="private-co-investment-committed"]`)}
		if diff := cmp.Diff([]string{"£1,000", "£1,000", "£0.50"}, got); diff != "" {
			t.Errorf("money stored (-want +got):\n%s", diff)
		}
	})
}

// checkOneFieldError looks for the GOV.UK pattern: "Error:" in the title, one summary entry linking to the
// field, and the same message by the field, in the error-marked group around its input.
func checkOneFieldError(t *testing.T, page *portaltest.Response, field, message string) {
	t.Helper()
	input := `[id="` + field + `"]`
	byField := page.Doc.Find(`[id="` + field + `-error"]`)
	if byField.Closest(".govuk-form-group--error").Find(input).Length() == 0 {
		t.Errorf("the message by %s is not in an error-marked group around the field", field)
	}
	got := []string{
		strings.SplitN(page.Text("title"), " ", 2)[0],
		page.Text(`.govuk-error-summary__list a[href="#` + field + `"]`),
		strings.Join(strings.Fields(byField.Text()), " "),
	}
	want := []string{"Error:", message, "Error: " + message}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("title, summary link, message by the field (-want +got):\n%s", diff)
	}
	if n := page.Doc.Find(".govuk-error-summary__list li").Length(); n != 1 {
		t.Errorf("the summary lists %d errors (%q), want 1", n, page.Text(".govuk-error-summary__list"))
	}
	if page.Doc.Find(input).Length() != 1 {
		t.Errorf("no single element with id %q for the summary to link to", field)
	}
}

// checkFormKept checks every posted value is back in the form: typed text, chosen options, checked boxes.
func checkFormKept(t *testing.T, page *portaltest.Response, form string, posted url.Values) {
	t.Helper()
	for name, values := range posted {
		fields := page.Doc.Find(form + ` [name="` + name + `"]`)
		if fields.Length() == 0 {
			t.Errorf("the form has no field %q", name)
			continue
		}
		if got := keptValues(fields); !cmp.Equal(got, offered(fields, values)) {
			t.Errorf("field %q holds %q, want %q kept", name, got, offered(fields, values))
		}
	}
}

// keptValues reads what a field (or a group of boxes) holds as the page shows it.
func keptValues(fields *goquery.Selection) []string {
	var got []string
	for _, f := range fields.EachIter() {
		kind, _ := f.Attr("type")
		switch {
		case goquery.NodeName(f) == "textarea":
			got = append(got, f.Text())
		case goquery.NodeName(f) == "select":
			if opt := f.Find("option[selected]"); opt.Length() > 0 {
				got = append(got, opt.AttrOr("value", ""))
			}
		case kind == "radio" || kind == "checkbox":
			if _, checked := f.Attr("checked"); checked {
				got = append(got, f.AttrOr("value", ""))
			}
		default:
			got = append(got, f.AttrOr("value", ""))
		}
	}
	return got
}

// offered is what of the posted values a field can show: all of it for text, only listed options for
// choices (a forged value cannot be shown as chosen).
func offered(fields *goquery.Selection, values []string) []string {
	first := fields.First()
	kind, _ := first.Attr("type")
	if goquery.NodeName(first) != "select" && kind != "radio" && kind != "checkbox" {
		return values
	}
	var shown []string
	for _, v := range values {
		if fields.Filter(`[value="`+v+`"]`).Length() > 0 || fields.Find(`option[value="`+v+`"]`).Length() > 0 {
			shown = append(shown, v)
		}
	}
	return shown
}
