package handlers_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// TestBrowser_ProgrammeSetUpAndTooManyRequestsPagesPassAxe checks the programme administrator's pages, with
// and without errors, and the page a person sees past a rate limit, in headless Chromium with axe-core.
func TestBrowser_ProgrammeSetUpAndTooManyRequestsPagesPassAxe(t *testing.T) {
	ctx := portaltest.Chromium(t)
	limits := app.DefaultRateLimits()
	limits.FormPosts = app.RateLimit{Requests: 2, Per: 10 * time.Minute}
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{RateLimits: &limits})
	axe := axeSource(t)
	gm := tenantOf(t, portal, "greater-manchester")
	err := chromedp.Do(ctx,
		chromedp.Navigate(portal.URL+"/login"),
		chromedp.Click(chromedp.CSS(`button.govuk-button--start`)),
		chromedp.Click(chromedp.CSS(`form:has(input[value="demo-programme-admin"]) button`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="account-name"]`)),
		checkedPage(t, portal, axe, "programme set-up", "/programme", `[data-testid="accelerators"]`),
		checkedPage(t, portal, axe, "programme form", "/programme/edit", programmeForm),
		checkedPage(t, portal, axe, "accelerator form", fmt.Sprintf("/programme/accelerators/%d/edit", gm.ID), acceleratorForm),
		checkedPage(t, portal, axe, "new accelerator form", "/programme/accelerators/new", acceleratorForm),
		chromedp.Click(chromedp.CSS(acceleratorForm+` button[type="submit"]`)), // the first form post: refused, empty
		chromedp.WaitVisible(chromedp.CSS(`.govuk-error-summary`)),
		checkAccessibility(t, axe, "accelerator form with errors"),
		chromedp.Click(chromedp.CSS(acceleratorForm+` button[type="submit"]`)), // the second
		chromedp.WaitVisible(chromedp.CSS(`.govuk-error-summary`)),
		chromedp.Click(chromedp.CSS(acceleratorForm+` button[type="submit"]`)), // the third: past the limit
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="retry-after"]`)),
		checkAccessibility(t, axe, "too many requests"),
	)
	if err != nil {
		t.Fatalf("browser journey: %v", err)
	}
}
