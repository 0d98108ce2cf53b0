package handlers_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// TestBrowser_SignsInThroughTheDevelopmentProviderAndSeesTheHomePage drives headless Chromium through the
// whole journey a person takes: the portal sends them to sign in, they choose a demo user on the development
// provider's page, and they land on their home page. Each page is checked with axe-core when it is built.
func TestBrowser_SignsInThroughTheDevelopmentProviderAndSeesTheHomePage(t *testing.T) {
	ctx := portaltest.Chromium(t)
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	axe := axeSource(t)

	err := chromedp.Do(ctx,
		chromedp.Navigate(portal.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`button.govuk-button--start`)),
		checkAccessibility(t, axe, "sign-in page"),
		chromedp.Click(chromedp.CSS(`button.govuk-button--start`)),
		chromedp.WaitVisible(chromedp.CSS(`form:has(input[value="demo-funding-approver"]) button`)),
		checkAccessibility(t, axe, "development provider's sign-in page"),
		chromedp.Click(chromedp.CSS(`form:has(input[value="demo-funding-approver"]) button`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="accelerators"]`)),
		checkAccessibility(t, axe, "home page"),
	)
	if err != nil {
		t.Fatalf("browser journey: %v", err)
	}
	heading := text(t, ctx, `h1`)
	account := text(t, ctx, `[data-testid="account-name"]`)
	if heading != "Innovation Accelerators" || account != "Sam Okafor" {
		t.Errorf("landed on %q signed in as %q, want Innovation Accelerators as Sam Okafor", heading, account)
	}
}

func text(t *testing.T, ctx context.Context, selector string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(selector)))
	if err != nil {
		t.Fatalf("read %s: %v", selector, err)
	}
	return strings.TrimSpace(s)
}

// axeSource reads axe-core as `make assets` copies it; without it the accessibility checks are skipped,
// unless browser tests are required.
func axeSource(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "templates", "static", "vendor", "axe.min.js"))
	if err != nil {
		if os.Getenv("PORTAL_BROWSER_TESTS") == "1" {
			t.Fatalf("axe-core is missing: run `make assets` (%v)", err)
		}
		t.Log("axe-core not built; accessibility checks skipped")
		return ""
	}
	return string(src)
}

// checkAccessibility runs axe-core in the page and fails the test for every WCAG 2 A/AA violation.
func checkAccessibility(t *testing.T, axe, page string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, target *chromedp.Target) (chromedp.Void, error) {
		var none chromedp.Void
		if axe == "" {
			return none, nil
		}
		script := axe + `;axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
			.then(r => JSON.stringify(r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.map(n => n.target.join(" ")).join(", ") + ")")))`
		raw, err := chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise)(ctx, target)
		if err != nil {
			return none, err
		}
		var violations []string
		if err := json.Unmarshal([]byte(raw), &violations); err != nil {
			return none, err
		}
		if len(violations) > 0 {
			t.Errorf("%s has accessibility violations:\n  %s", page, strings.Join(violations, "\n  "))
		}
		return none, nil
	}
}
