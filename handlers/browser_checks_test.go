package handlers_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
)

// pageCheck looks at every page and state a browser journey visits as people with any screen would: axe-core
// finds no WCAG 2.2 A or AA violation, the page does not scroll sideways at 320 or 1,280 pixels wide, and a
// screenshot at each width goes to the folder the test log names.
type pageCheck struct {
	t     *testing.T
	axe   string
	dir   string
	pages int
}

// checkWidths are the narrowest screen WCAG's reflow asks for and a common desktop.
var checkWidths = []int64{320, 1280}

func newPageCheck(t *testing.T) *pageCheck {
	t.Helper()
	pc := &pageCheck{t: t, axe: axeSource(t), dir: portaltest.ScreenshotDir(t)}
	t.Logf("screenshots: %s", pc.dir)
	t.Cleanup(func() { t.Logf("checked %d pages and states with axe-core, at 320 and 1,280 pixels wide", pc.pages) })
	return pc
}

// page checks the page the browser shows now; name says which page and state it is.
func (pc *pageCheck) page(name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		pc.pages++
		if _, err := chromedp.EmulateViewport(1280, 900)(ctx, target); err != nil {
			return err
		}
		if _, err := checkAccessibility(pc.t, pc.axe, name)(ctx, target); err != nil {
			return err
		}
		for _, width := range checkWidths { // the last is 1,280, where the journey goes on
			if _, err := chromedp.EmulateViewport(width, 900)(ctx, target); err != nil {
				return err
			}
			if err := pc.atWidth(ctx, target, name, width); err != nil {
				return err
			}
		}
		return nil
	})
}

// overflowScript says what makes the page wider than the window, or "" when nothing does.
const overflowScript = `(() => {
  const limit = document.documentElement.clientWidth
  if (document.documentElement.scrollWidth <= limit) return ""
  const clipped = e => { for (let p = e.parentElement; p; p = p.parentElement) { if (getComputedStyle(p).overflowX !== "visible") return true } return false }
  const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > limit + 1 && !clipped(e))
  return document.documentElement.scrollWidth + "px wide, by " + wide.slice(0, 4).map(e =>
    e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "")).join(", ")
})()`

// atWidth checks one width and saves its screenshot.
func (pc *pageCheck) atWidth(ctx context.Context, target *chromedp.Target, name string, width int64) error {
	overflow, err := chromedp.Evaluate[string](overflowScript)(ctx, target)
	if err != nil {
		return err
	}
	if overflow != "" {
		pc.t.Errorf("%s scrolls sideways at %d pixels: %s", name, width, overflow)
	}
	shot, err := chromedp.FullScreenshot(100)(ctx, target)
	if err != nil {
		return err
	}
	file := filepath.Join(pc.dir, fmt.Sprintf("%02d-%s-%dpx.png", pc.pages, fileName(name), width))
	return os.WriteFile(file, shot, 0o644)
}

var notFileName = regexp.MustCompile(`[^a-z0-9]+`)

func fileName(name string) string {
	return strings.Trim(notFileName.ReplaceAllString(strings.ToLower(name), "-"), "-")
}

// signIn signs in through the development provider as the demo person with that subject, checking the
// portal's sign-in page and the provider's on the way.
func signIn(pc *pageCheck, baseURL, subject string) chromedp.Action[chromedp.Void] {
	choose := chromedp.CSS(`form:has(input[value="` + subject + `"]) button`)
	return chromedp.Steps(
		chromedp.Navigate(baseURL+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`button.govuk-button--start`)),
		chromedp.Click(chromedp.CSS(`button.govuk-button--start`)),
		chromedp.WaitVisible(choose),
		chromedp.Click(choose),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="account-name"]`)),
	)
}

// signOut presses Sign out and waits for the signed-out page.
func signOut() chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)),
	)
}

// clickAndWait follows a link or presses a button, then waits for what the next page shows.
func clickAndWait(selector, ready string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Click(chromedp.CSS(selector)), chromedp.WaitVisible(chromedp.CSS(ready)))
}

// textOf reads the visible text of the first element a selector finds, trimmed.
func textOf(selector string, into *string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		s, err := chromedp.Text(chromedp.CSS(selector))(ctx, target)
		*into = strings.Join(strings.Fields(s), " ")
		return err
	})
}

// choose picks an option of a select by its value, as a person choosing it from the list would.
func choose(selector, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		script := fmt.Sprintf(`(() => { const s = document.querySelector(%q); s.value = %q;
			s.dispatchEvent(new Event("change", {bubbles: true})); return s.value })()`, selector, value)
		got, err := chromedp.Evaluate[string](script)(ctx, target)
		if err == nil && got != value {
			err = fmt.Errorf("%s offers no option %q", selector, value)
		}
		return err
	})
}

// clear empties a text box, as selecting its text and deleting it would.
func clear(selector string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := chromedp.Evaluate[string](fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = ""; return e.value })()`, selector))(ctx, target)
		return err
	})
}
