package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// The service's journeys in headless Chromium, each page and state checked by pageCheck: axe-core, no
// sideways scrolling at 320 and 1,280 pixels, and a screenshot at each width.

func TestBrowserJourney_EachRoleSeesOnTheirHomePageWhatToDoNext(t *testing.T) {
	ctx := portaltest.ChromiumFor(t, 4*time.Minute)
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	pc := newPageCheck(t)
	people := []struct{ subject, page, first, want string }{
		{"demo-funding-approver", "an approver's home page", `[data-testid="task-decide"]`, "3 projects are awaiting your decision"},
		{"demo-gm-manager", "a partnership manager's home page", `[data-testid="task-sent-back"]`, "1 project was sent back to you for changes"},
		{"demo-gm-staff", "partnership staff's home page", `[data-testid="task-drafts"]`, "1 draft to finish for your partnership manager to submit"},
		{"demo-gm-lead", "a project lead's home page", `[data-testid="led-projects"] tbody tr:first-child [data-testid="need"]`, "Make the changes asked for:"},
		{"demo-programme-admin", "the programme administrator's home page", `[data-testid="tasks"]`, "Nothing needs your attention now."},
		{"demo-gm-director", "an accelerator observer's home page", `[data-testid="tasks"]`, "Nothing needs your attention now."},
	}
	for _, who := range people {
		var first string
		err := chromedp.Do(ctx,
			signIn(pc, portal.URL, who.subject),
			chromedp.WaitVisible(chromedp.CSS(who.first)),
			pc.page(who.page),
			textOf(who.first, &first),
			signOut(),
		)
		if err != nil {
			t.Fatalf("%s: %v", who.subject, err)
		}
		if !strings.HasPrefix(first, who.want) {
			t.Errorf("%s: the first thing to do reads %q, want %q", who.page, first, who.want)
		}
	}
	// The pages anyone reaches without signing in, and the development provider's own address.
	err := chromedp.Do(ctx,
		pc.page("the signed-out page"),
		chromedp.Navigate(portal.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`button.govuk-button--start`)), pc.page("the sign-in page"),
		chromedp.Click(chromedp.CSS(`button.govuk-button--start`)), chromedp.WaitVisible(chromedp.CSS(`table form button`)),
		pc.page("the development provider's sign-in page"),
		chromedp.Navigate(portal.URL+"/dev-idp/"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="go-to-portal"]`)),
		pc.page("the development provider's own address"),
		chromedp.Navigate(portal.URL+"/accessibility"), chromedp.WaitVisible(chromedp.CSS(`h1`)), pc.page("the accessibility statement"),
		chromedp.Navigate(portal.URL+"/privacy"), chromedp.WaitVisible(chromedp.CSS(`h1`)), pc.page("the privacy notice"),
		chromedp.Navigate(portal.URL+"/cookies"), chromedp.WaitVisible(chromedp.CSS(`h1`)), pc.page("the cookies page"),
		chromedp.Navigate(portal.URL+"/contact"), chromedp.WaitVisible(chromedp.CSS(`h1`)), pc.page("the contact page"),
	)
	if err != nil {
		t.Fatalf("pages open to anyone: %v", err)
	}
}

// TestBrowserJourney_ADraftOverSeveralSittingsIsSubmittedSentBackCorrectedAndApproved is the service's main
// journey: a partnership manager registers a project over three sittings (the second with a mistake),
// checks their answers and submits it; a funding approver sends it back (first forgetting the reason); the
// manager reads why, corrects it and submits it again; the approver approves it.
func TestBrowserJourney_ADraftOverSeveralSittingsIsSubmittedSentBackCorrectedAndApproved(t *testing.T) {
	ctx := portaltest.ChromiumFor(t, 5*time.Minute)
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	pc := newPageCheck(t)
	manager := signInForRegister(t, portal, "demo-gm-manager")
	org := registerTestOrganisation(t, portal, manager.principal, "Salford Membranes Ltd")
	j := &browserJourney{t: t, ctx: ctx, pc: pc, base: portal.URL}

	project := j.firstSitting()
	j.secondSitting(project, org.ID)
	j.submit(project, "the first submission")
	j.sendBack(project)
	j.correct(project)
	j.submit(project, "the second submission")
	j.approve(project)
}

// browserJourney is one run of the main journey in the browser.
type browserJourney struct {
	t    *testing.T
	ctx  context.Context
	pc   *pageCheck
	base string
}

func (j *browserJourney) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	j.t.Helper()
	if err := chromedp.Do(j.ctx, steps...); err != nil {
		j.t.Fatalf("%s: %v", what, err)
	}
}

// firstSitting: the manager gives a title and nothing else, and saves the draft. It returns the project's path.
func (j *browserJourney) firstSitting() string {
	var location string
	j.do("the first sitting",
		signIn(j.pc, j.base, "demo-gm-manager"),
		clickAndWait(`main a[href="/projects/new"]`, `[data-testid="project-form"]`),
		j.pc.page("the new project form"),
		chromedp.SendKeys(chromedp.CSS(`#title`), "Graphene membranes for water treatment"),
		clickAndWait(`[data-testid="project-form"] button[type="submit"]`, `[data-testid="missing"]`),
		j.pc.page("a draft with only a title"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) (err error) {
			location, err = chromedp.Location()(ctx, t)
			return err
		}),
		signOut(),
	)
	return strings.TrimPrefix(location, j.base)
}

// secondSitting: the manager comes back, chooses "Other" (which reveals its box), fills in the rest with a
// mistake in the grant, reads the message by the field, corrects it and saves.
func (j *browserJourney) secondSitting(project string, organisation int64) {
	var revealedBefore, revealedAfter bool
	var message string
	revealed := `getComputedStyle(document.getElementById("conditional-sector-other")).display !== "none"`
	j.do("the second sitting",
		signIn(j.pc, j.base, "demo-gm-manager"),
		chromedp.Navigate(j.base+project),
		clickAndWait(`[data-testid="edit"]`, `[data-testid="project-form"]`),
		j.pc.page("the form of a draft"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) (err error) {
			revealedBefore, err = chromedp.Evaluate[bool](revealed)(ctx, t)
			return err
		}),
		chromedp.Click(chromedp.CSS(`#sector-other`)),
		chromedp.WaitVisible(chromedp.CSS(`#sector_other`)),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) (err error) {
			revealedAfter, err = chromedp.Evaluate[bool](revealed)(ctx, t)
			return err
		}),
		j.pc.page("the form with Other chosen"),
		chromedp.SendKeys(chromedp.CSS(`#sector_other`), "Membrane science"),
		choose(`#lead_organisation_id`, fmt.Sprint(organisation)),
		choose(`#local_authority_code`, "E08000006"),
		fillDate("start_date", "1", "4", "2025"), fillDate("end_date", "31", "3", "2026"),
		chromedp.SendKeys(chromedp.CSS(`#total_cost`), "1,500,000"),
		chromedp.SendKeys(chromedp.CSS(`#grant_requested`), "a million"),
		chromedp.SendKeys(chromedp.CSS(`#private_co_investment`), "500000"),
		clickAndWait(`[data-testid="project-form"] button[type="submit"]`, `.govuk-error-summary`),
		j.pc.page("the form with a mistake in the grant"),
		textOf(`#grant_requested-error`, &message),
		clear(`#grant_requested`),
		chromedp.SendKeys(chromedp.CSS(`#grant_requested`), "1,000,000"),
		clickAndWait(`[data-testid="project-form"] button[type="submit"]`, `[data-testid="step-submit"]`),
		j.pc.page("a complete draft"),
		signOut(),
	)
	if revealedBefore || !revealedAfter {
		j.t.Errorf("the Other box shown before Other was chosen: %v, after: %v; want hidden, then shown", revealedBefore, revealedAfter)
	}
	if want := "Error: Grant requested must be an amount in pounds, like 1250000 or 1,250,000.00"; message != want {
		j.t.Errorf("the grant's message %q, want %q", message, want)
	}
}

func fillDate(id, day, month, year string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.SendKeys(chromedp.CSS(`#`+id), day),
		chromedp.SendKeys(chromedp.CSS(`#`+id+`-month`), month),
		chromedp.SendKeys(chromedp.CSS(`#`+id+`-year`), year),
	)
}

// submit: the manager checks their answers, accepts the declaration and lands on the confirmation.
func (j *browserJourney) submit(project, which string) {
	var panel string
	j.do(which,
		signIn(j.pc, j.base, "demo-gm-manager"),
		chromedp.Navigate(j.base+project),
		clickAndWait(`[data-testid="step-submit"]`, `[data-testid="declaration"]`),
		j.pc.page("check your answers before "+which),
		clickAndWait(`[data-testid="confirm-form"] button`, `.govuk-panel--confirmation`),
		j.pc.page("the confirmation of "+which),
		textOf(`.govuk-panel__title`, &panel),
		signOut(),
	)
	if panel != "Project submitted" {
		j.t.Errorf("%s: confirmation %q", which, panel)
	}
}

// sendBack: the approver finds the project in their task, asks for changes without a reason, is told,
// gives one, checks the decision and confirms it.
func (j *browserJourney) sendBack(project string) {
	var address, banner string
	j.do("sending the project back",
		signIn(j.pc, j.base, "demo-funding-approver"),
		chromedp.Navigate(j.base+project),
		clickAndWait(`[data-testid="step-decide"]`, `[data-testid="decision-form"]`),
		j.pc.page("the decision page"),
		chromedp.Click(chromedp.CSS(`#decision-request_changes`)),
		chromedp.WaitVisible(chromedp.CSS(`#reason-request_changes`)),
		clickAndWait(`[data-testid="decision-form"] button[type="submit"]`, `.govuk-error-summary`),
		j.pc.page("a decision without its reason"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) (err error) {
			address, err = chromedp.Location()(ctx, t)
			return err
		}),
		chromedp.SendKeys(chromedp.CSS(`#reason-request_changes`), "Add the letters confirming the private co-investment."),
		clickAndWait(`[data-testid="decision-form"] button[type="submit"]`, `[data-testid="decision-confirm-form"]`),
		j.pc.page("the check of a decision"),
		clickAndWait(`[data-testid="confirm-decision"]`, `[data-testid="flash"]`),
		j.pc.page("a project just sent back, as the approver sees it"),
		textOf(`[data-testid="flash"]`, &banner),
		signOut(),
	)
	if address != j.base+project+"/decision" || banner != "Changes requested" {
		t := j.t
		t.Errorf("the failed decision showed %s and the banner read %q; want the decision page and Changes requested", address, banner)
	}
}

// correct: the manager sees the reason on the project and its form, corrects the co-investment and saves.
func (j *browserJourney) correct(project string) {
	var onPage, onForm string
	j.do("correcting the project",
		signIn(j.pc, j.base, "demo-gm-manager"),
		chromedp.Navigate(j.base+project),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="sent-back"]`)),
		j.pc.page("a project sent back, as the manager sees it"),
		textOf(`[data-testid="sent-back-reason"]`, &onPage),
		clickAndWait(`[data-testid="edit"]`, `[data-testid="project-form"]`),
		j.pc.page("the form of a project sent back"),
		textOf(`[data-testid="sent-back-reason"]`, &onForm),
		clear(`#private_co_investment`),
		chromedp.SendKeys(chromedp.CSS(`#private_co_investment`), "600,000"),
		clickAndWait(`[data-testid="project-form"] button[type="submit"]`, `[data-testid="flash"]`),
		signOut(),
	)
	want := "Add the letters confirming the private co-investment."
	if diff := cmp.Diff([]string{want, want}, []string{onPage, onForm}); diff != "" {
		j.t.Errorf("the reason on the project page and its form (-want +got):\n%s", diff)
	}
}

// approve: the approver approves with a reason and lands on the project with a success banner.
func (j *browserJourney) approve(project string) {
	var banner, status string
	j.do("approving the project",
		signIn(j.pc, j.base, "demo-funding-approver"),
		chromedp.Navigate(j.base+project),
		clickAndWait(`[data-testid="step-decide"]`, `[data-testid="decision-form"]`),
		chromedp.Click(chromedp.CSS(`#decision`)),
		chromedp.WaitVisible(chromedp.CSS(`#reason-approve`)),
		chromedp.SendKeys(chromedp.CSS(`#reason-approve`), "Meets the assessment criteria."),
		clickAndWait(`[data-testid="decision-form"] button[type="submit"]`, `[data-testid="decision-confirm-form"]`),
		clickAndWait(`[data-testid="confirm-decision"]`, `[data-testid="flash"]`),
		j.pc.page("an approved project"),
		textOf(`[data-testid="flash"]`, &banner),
		textOf(`[data-testid="status"]`, &status),
	)
	if banner != "Project approved" || status != "Approved" {
		j.t.Errorf("after approving: banner %q and status %q", banner, status)
	}
}
