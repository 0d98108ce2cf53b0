package handlers_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// The register's pages in headless Chromium, with and without errors, each checked with axe-core. They are
// three tests so that each stays inside the browser's time limit on a slow machine.

// registerBrowser starts Chromium and a portal with a draft and a submitted project, signed in as subject.
func registerBrowser(t *testing.T, subject string) (context.Context, *portaltest.Portal, string, [2]int64, int64) {
	t.Helper()
	ctx := portaltest.Chromium(t)
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	manager := signInForRegister(t, portal, "demo-gm-manager")
	org := registerTestOrganisation(t, portal, manager.principal, "Salford Materials Ltd")
	draft := registerTestProject(t, portal, manager.principal, org.ID)
	submitted := registerTestProject(t, portal, manager.principal, org.ID)
	stepProject(t, portal, manager.principal, submitted.ID, app.TransitionSubmit)
	err := chromedp.Do(ctx,
		chromedp.Navigate(portal.URL+"/login"),
		chromedp.Click(chromedp.CSS(`button.govuk-button--start`)),
		chromedp.Click(chromedp.CSS(`form:has(input[value="`+subject+`"]) button`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="account-name"]`)),
	)
	if err != nil {
		t.Fatalf("sign in as %s: %v", subject, err)
	}
	return ctx, portal, axeSource(t), [2]int64{draft.ID, submitted.ID}, org.ID
}

func checkedPage(t *testing.T, portal *portaltest.Portal, axe, name, path, ready string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(portal.URL+path),
		chromedp.WaitVisible(chromedp.CSS(ready)),
		checkAccessibility(t, axe, name),
	)
}

func TestBrowser_ProjectPagesPassAxe(t *testing.T) {
	ctx, portal, axe, projects, _ := registerBrowser(t, "demo-gm-manager")
	err := chromedp.Do(ctx,
		checkedPage(t, portal, axe, "project register", "/projects", `[data-testid="projects"]`),
		checkedPage(t, portal, axe, "project register with bad filters", "/projects?status=x&sort=y", `.govuk-error-summary`),
		checkedPage(t, portal, axe, "new project form", "/projects/new", `[data-testid="project-form"]`),
		chromedp.SendKeys(chromedp.CSS(`#total_cost`), "lots"),
		chromedp.Click(chromedp.CSS(`[data-testid="project-form"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.govuk-error-summary`)),
		checkAccessibility(t, axe, "project form with errors"),
		checkedPage(t, portal, axe, "draft project", projectURL(projects[0]), `[data-testid="step-submit"]`),
		checkedPage(t, portal, axe, "withdrawing a draft", projectURL(projects[0])+"/withdraw", `[data-testid="confirm-form"]`),
		chromedp.Click(chromedp.CSS(`[data-testid="confirm-form"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.govuk-panel--confirmation`)),
		checkAccessibility(t, axe, "a draft just withdrawn"),
	)
	if err != nil {
		t.Fatalf("browser journey: %v", err)
	}
}

func TestBrowser_OrganisationAndTokenPagesPassAxe(t *testing.T) {
	ctx, portal, axe, projects, org := registerBrowser(t, "demo-gm-manager")
	err := chromedp.Do(ctx,
		checkedPage(t, portal, axe, "project edit form", projectURL(projects[0])+"/edit", `[data-testid="project-form"]`),
		checkedPage(t, portal, axe, "organisations", "/organisations", `[data-testid="organisations"]`),
		checkedPage(t, portal, axe, "organisation", fmt.Sprintf("/organisations/%d", org), `[data-testid="organisation"]`),
		checkedPage(t, portal, axe, "new organisation form", "/organisations/new", `[data-testid="organisation-form"]`),
		checkedPage(t, portal, axe, "API tokens", "/account/tokens", `[data-testid="token-form"]`),
		chromedp.SendKeys(chromedp.CSS(`#name`), "Report"),
		chromedp.Click(chromedp.CSS(`[data-testid="token-form"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="new-token"]`)),
		checkAccessibility(t, axe, "API token just created"),
	)
	if err != nil {
		t.Fatalf("browser journey: %v", err)
	}
}

func TestBrowser_ApproverPagesPassAxe(t *testing.T) {
	ctx, portal, axe, projects, _ := registerBrowser(t, "demo-funding-approver")
	err := chromedp.Do(ctx,
		checkedPage(t, portal, axe, "awaiting decision", "/projects/awaiting-decision", `[data-testid="projects"]`),
		checkedPage(t, portal, axe, "submitted project for an approver", projectURL(projects[1]), `[data-testid="step-decide"]`),
		checkedPage(t, portal, axe, "decision page", projectURL(projects[1])+"/decision", `[data-testid="decision-form"]`),
		chromedp.Click(chromedp.CSS(`#decision-reject`)),
		chromedp.Click(chromedp.CSS(`[data-testid="decision-form"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.govuk-error-summary`)),
		checkAccessibility(t, axe, "rejection without a reason"),
	)
	if err != nil {
		t.Fatalf("browser journey: %v", err)
	}
}

// The lead organisation picker with JavaScript: typing part of a name lists matching organisations from
// the API, the arrow keys and Enter choose one, and the filter then uses it. At 1,280 pixels the register's
// table fits its container whole.
func TestBrowser_OrganisationPickerSuggestsAndTheRegisterFitsTheWindow(t *testing.T) {
	ctx, portal, axe, _, org := registerBrowser(t, "demo-gm-manager")
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		checkedPage(t, portal, axe, "project register at 1,280 pixels", "/projects", `[data-testid="projects"]`),
	)
	if err != nil {
		t.Fatalf("browser journey: %v", err)
	}
	fits, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`[...document.querySelectorAll('.portal-table-wrapper')].every(w => w.scrollWidth <= w.clientWidth)`))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#lead_organisation_q`), "salford mat"),
		chromedp.WaitVisible(chromedp.CSS(`#lead_organisation_q-options [role="option"]`)),
		checkAccessibility(t, axe, "organisation picker with suggestions"),
		chromedp.SendKeys(chromedp.CSS(`#lead_organisation_q`), kb.ArrowDown+kb.Enter),
	)
	if err != nil {
		t.Fatalf("browser journey: %v", err)
	}
	// Enter chooses the organisation; the browser may also send the form (chromedp types Enter as a separate
	// character), and then the page it answers holds the same choice.
	chosen, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('input[name="lead_organisation"]').value`))
	if err != nil {
		t.Fatal(err)
	}
	if !fits {
		t.Error("the register's table overflows its container at 1,280 pixels")
	}
	if chosen != fmt.Sprint(org) {
		t.Errorf("the picker chose organisation %q, want %d", chosen, org)
	}
}
