package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// formSource is where a person finds the form of a route: who signs in ("" for nobody) and the page.
type formSource struct {
	subject string
	page    func(r hygieneRecords) string
}

// formSources says, for every form route of the route table, where its form is. A new form route fails
// the sweep until it is listed here.
var formSources = map[string]formSource{
	"/login":                            {"", func(hygieneRecords) string { return "/login" }},
	"/logout":                           {"demo-gm-manager", func(hygieneRecords) string { return "/" }},
	"/people/invitations":               {"demo-gm-manager", func(hygieneRecords) string { return "/people" }},
	"/organisations":                    {"demo-gm-manager", func(hygieneRecords) string { return "/organisations/new" }},
	"/organisations/:id":                {"demo-gm-manager", func(r hygieneRecords) string { return fmt.Sprintf("/organisations/%d/edit", r.organisation.ID) }},
	"/projects":                         {"demo-gm-manager", func(hygieneRecords) string { return "/projects/new" }},
	"/projects/:id":                     {"demo-gm-manager", func(r hygieneRecords) string { return fmt.Sprintf("/projects/%d/edit", r.draft.ID) }},
	"/projects/:id/transitions/:action": {"demo-funding-approver", func(r hygieneRecords) string { return fmt.Sprintf("/projects/%d", r.submitted.ID) }},
	"/projects/:id/submit":              {"demo-gm-manager", func(r hygieneRecords) string { return fmt.Sprintf("/projects/%d/submit", r.draft.ID) }},
	"/projects/:id/withdraw":            {"demo-gm-manager", func(r hygieneRecords) string { return fmt.Sprintf("/projects/%d/withdraw", r.draft.ID) }},
	"/projects/:id/close":               {"demo-funding-approver", func(r hygieneRecords) string { return fmt.Sprintf("/projects/%d/close", r.approved.ID) }},
	"/projects/:id/decision":            {"demo-funding-approver", func(r hygieneRecords) string { return fmt.Sprintf("/projects/%d/decision", r.submitted.ID) }},
	"/account/tokens":                   {"demo-gm-manager", func(hygieneRecords) string { return "/account/tokens" }},
	"/account/tokens/:id/revoke":        {"demo-gm-manager", func(hygieneRecords) string { return "/account/tokens" }},
	"/programme":                        {"demo-programme-admin", func(hygieneRecords) string { return "/programme/edit" }},
	"/programme/accelerators":           {"demo-programme-admin", func(hygieneRecords) string { return "/programme/accelerators/new" }},
	"/programme/accelerators/:id":       {"demo-programme-admin", func(r hygieneRecords) string { return fmt.Sprintf("/programme/accelerators/%d/edit", r.tenant.ID) }},
	"/people/invitations/:id/withdraw":  {"demo-gm-manager", func(hygieneRecords) string { return "/people" }},
	"/people/invitations/:id/resend":    {"demo-gm-manager", func(hygieneRecords) string { return "/people" }},
	"/people/:id/roles":                 {"demo-gm-manager", func(r hygieneRecords) string { return fmt.Sprintf("/people/%d", r.person) }},
	"/people/:id/roles/remove":          {"demo-gm-manager", func(r hygieneRecords) string { return fmt.Sprintf("/people/%d", r.person) }},
	"/people/:id/disable":               {"demo-gm-manager", func(r hygieneRecords) string { return fmt.Sprintf("/people/%d", r.person) }},
	"/people/:id/enable":                {"demo-gm-manager", func(r hygieneRecords) string { return fmt.Sprintf("/people/%d", r.disabled) }},
	"/account/invitations/:id/accept":   {"demo-wm-manager", func(hygieneRecords) string { return "/account/invitations" }},
	"/account/invitations/:id/decline":  {"demo-wm-manager", func(hygieneRecords) string { return "/account/invitations" }},
	"/account/organisation":             {"demo-wm-manager", func(hygieneRecords) string { return "/account/organisation" }},
}

// formInput is one field of a form: its name, and whether a person types into it (not hidden) and may
// type several lines (a text area).
type formInput struct {
	name, id      string
	visible, long bool
}

// TestInputHygiene_EveryFormFieldRefusesWhatIsNeverText walks the route table's form routes. On each
// route's own page, as a person who may use the form, every field of each of its forms is sent holding
// each value of notText (and, but for text areas, each of notOneLine): no answer is a server error; a
// field a person types into is refused with a form error and nothing changes; and at the end no record
// holds any of it. A hidden field may be ignored or fall back (a sign-in's return address), never kept.
func TestInputHygiene_EveryFormFieldRefusesWhatIsNeverText(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{RateLimits: unlimited()})
		records := newHygieneRecords(t, portal)
		browsers := map[string]*portaltest.Browser{}
		swept := 0
		for _, route := range routesWith(t, http.MethodPost) {
			if strings.HasPrefix(route.Path, "/api/") || strings.HasPrefix(route.Path, "/dev-idp/") {
				continue
			}
			source, ok := formSources[route.Path]
			if !ok {
				t.Errorf("form route %s: add where its form is to formSources", route.Path)
				continue
			}
			b, ok := browsers[source.subject]
			if !ok {
				b = portal.NewBrowser(t)
				if source.subject != "" {
					b.SignInAs(source.subject)
				}
				browsers[source.subject] = b
			}
			swept += sweepForms(t, portal, b, route.Path, source.page(records))
		}
		if swept < 200 {
			t.Errorf("only %d poisoned forms sent: the sweep found fewer forms or fields than the portal has", swept)
		}
		checkNothingStoredIsNotText(t, db)
	})
}

// sweepForms sends every field of the page's forms for the route with each value that is not text, and
// returns how many it sent.
func sweepForms(t *testing.T, portal *portaltest.Portal, b *portaltest.Browser, route, pagePath string) int {
	t.Helper()
	page := b.Get(pagePath)
	if page.Doc == nil {
		t.Fatalf("%s: no page at %s (status %d)", route, pagePath, page.StatusCode)
	}
	action := regexp.MustCompile("^" + routeParameter.ReplaceAllString(route, "[^/?]+") + `(\?.*)?$`)
	sent, forms := 0, 0
	for i, form := range page.Doc.Find("form").EachIter() {
		if !action.MatchString(form.AttrOr("action", "")) || !strings.EqualFold(form.AttrOr("method", ""), http.MethodPost) {
			continue
		}
		forms++
		selector := fmt.Sprintf("form:nth-of-type(%d)", i+1)
		selector = formSelector(page, form, selector)
		for _, input := range formInputs(form) {
			for name, value := range poisonsFor(input) {
				before := portal.RowCounts(t)
				r := b.SubmitForm(page, selector, url.Values{input.name: {value}})
				sent++
				checkPoisonedForm(t, portal, r, before, fmt.Sprintf("%s %s[%s] with %s", route, form.AttrOr("action", ""), input.name, name), input)
			}
		}
	}
	if forms == 0 {
		t.Errorf("%s: no form posting to it on %s", route, pagePath)
	}
	return sent
}

// formSelector finds a selector that picks this form alone: its data-testid, or its action.
func formSelector(page *portaltest.Response, form *goquery.Selection, fallback string) string {
	if id, ok := form.Attr("data-testid"); ok {
		return fmt.Sprintf(`form[data-testid=%q]`, id)
	}
	selector := fmt.Sprintf(`form[action=%q]`, form.AttrOr("action", ""))
	if page.Doc.Find(selector).Length() == 1 {
		return selector
	}
	return fallback
}

func formInputs(form *goquery.Selection) []formInput {
	var inputs []formInput
	seen := map[string]bool{}
	for _, el := range form.Find("input[name], select[name], textarea[name]").EachIter() {
		name := el.AttrOr("name", "")
		if seen[name] {
			continue
		}
		seen[name] = true
		inputs = append(inputs, formInput{
			name: name, id: el.AttrOr("id", name), visible: !el.Is(`input[type="hidden"]`), long: el.Is("textarea"),
		})
	}
	return inputs
}

func poisonsFor(input formInput) map[string]string {
	values := map[string]string{}
	for name, v := range notText {
		values[name] = v
	}
	if !input.long {
		for name, v := range notOneLine {
			values[name] = v
		}
	}
	return values
}

// checkPoisonedForm holds one answer to the sweep's rules.
func checkPoisonedForm(t *testing.T, portal *portaltest.Portal, r *portaltest.Response, before map[string]int64, what string, input formInput) {
	t.Helper()
	if r.StatusCode >= http.StatusInternalServerError {
		t.Errorf("%s: status %d (%s)", what, r.StatusCode, r.Text("h1"))
		return
	}
	if !input.visible {
		return
	}
	if r.StatusCode != http.StatusUnprocessableEntity || !fieldErrorShown(r, fieldKey(input.name), fieldKey(input.id)) {
		t.Errorf("%s: status %d, errors %q; want 422 with an error for the field", what, r.StatusCode, r.Text(".govuk-error-summary__list"))
	}
	if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
		t.Errorf("%s: refused, but rows changed (-before +after):\n%s", what, diff)
	}
}

// fieldKey is the field a form input's errors are shown by: a date's day, month and year boxes are the
// date; targets[code] is targets.code.
var dateBox = regexp.MustCompile(`-(day|month|year)$`)

func fieldKey(name string) string {
	name = dateBox.ReplaceAllString(name, "")
	if code, ok := strings.CutPrefix(name, "targets["); ok {
		return "targets." + strings.TrimSuffix(code, "]")
	}
	return name
}

// fieldErrorShown reports whether the page's error summary links to the field (by its name or the id of
// its box), or the field has its message beside it.
func fieldErrorShown(r *portaltest.Response, keys ...string) bool {
	for _, key := range keys {
		for _, a := range r.Doc.Find(".govuk-error-summary__list a").EachIter() {
			if strings.TrimPrefix(a.AttrOr("href", ""), "#") == key {
				return true
			}
		}
		if r.Doc.Find(fmt.Sprintf(`[id=%q]`, key+"-error")).Length() > 0 {
			return true
		}
	}
	return false
}
