package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// focusScript describes the focused element, and whether a sighted keyboard user can see where focus is: an
// outline, a box shadow or GOV.UK's yellow focus colour on it, or for a radio or checkbox (whose input is
// invisible) on the circle or box its label draws.
const focusScript = `(() => {
  const e = document.activeElement
  if (!e || e === document.body) return JSON.stringify({name: "body", visible: false})
  const marked = s => (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none" || s.backgroundColor === "rgb(255, 221, 0)"
  const drawn = (e.type === "radio" || e.type === "checkbox") ? getComputedStyle(e.nextElementSibling, "::before") : getComputedStyle(e)
  const name = e.id ? "#" + e.id : e.tagName === "BUTTON" ? "button:" + e.innerText.trim() : e.tagName.toLowerCase() + (e.getAttribute("href") ? "[href=" + e.getAttribute("href") + "]" : "") + (e.className ? "." + String(e.className).split(" ")[0] : "")
  return JSON.stringify({name: name, visible: marked(drawn)})
})()`

// tabOrderScript lists the project form's controls in the order the Tab key should reach them: document
// order, one radio per group (the chosen one, or the first), nothing hidden.
const tabOrderScript = `(() => {
  const seen = new Set()
  return JSON.stringify([...document.querySelectorAll('[data-testid="project-form"] :is(input, select, textarea, button, a[href])')]
    .filter(e => e.type !== "hidden" && e.offsetParent !== null || (e.type === "radio" || e.type === "checkbox") && e.nextElementSibling.offsetParent !== null)
    .filter(e => {
      if (e.type !== "radio") return true
      if (seen.has(e.name)) return false
      seen.add(e.name)
      return true
    })
    .map(e => e.id ? "#" + e.id : e.tagName === "BUTTON" ? "button:" + e.innerText.trim() : e.tagName.toLowerCase() + (e.getAttribute("href") ? "[href=" + e.getAttribute("href") + "]" : "") + (e.className ? "." + String(e.className).split(" ")[0] : "")))
})()`

type focusStop struct {
	Name    string `json:"name"`
	Visible bool   `json:"visible"`
}

// keyboard drives a page with the keyboard alone and remembers every place focus went.
type keyboard struct {
	t     *testing.T
	ctx   context.Context
	trail []focusStop
}

func (k *keyboard) press(keys string) {
	k.t.Helper()
	if err := chromedp.Do(k.ctx, chromedp.KeyEvent(keys)); err != nil {
		k.t.Fatalf("press %q: %v", keys, err)
	}
}

// enter presses Enter as one key event, as a keyboard sends it: a key down that types a carriage return, then
// a key up. (chromedp's KeyEvent sends the carriage return as a separate event, which lands on whatever the
// first one focused: after an error summary's link moves focus to a text box, it would submit the form.)
func (k *keyboard) enter() {
	k.t.Helper()
	err := chromedp.Do(k.ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "Enter", Code: "Enter", Text: "\r", UnmodifiedText: "\r",
			WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13}
		for _, event := range []input.DispatchKeyEventParams{down, up} {
			if _, err := cdp.Call(ctx, target, input.DispatchKeyEvent, event); err != nil {
				return err
			}
		}
		return nil
	}))
	if err != nil {
		k.t.Fatalf("press Enter: %v", err)
	}
}

// focused reads where focus is now.
func (k *keyboard) focused() focusStop {
	k.t.Helper()
	raw, err := chromedp.Run(k.ctx, chromedp.Evaluate[string](focusScript))
	if err != nil {
		k.t.Fatal(err)
	}
	var stop focusStop
	if err := json.Unmarshal([]byte(raw), &stop); err != nil {
		k.t.Fatal(err)
	}
	return stop
}

// tabTo presses Tab until focus reaches the element named (as focusScript names it), recording each stop
// and failing the test on a stop without visible focus.
func (k *keyboard) tabTo(name string) {
	k.t.Helper()
	for range 150 {
		k.press(kb.Tab)
		stop := k.focused()
		k.trail = append(k.trail, stop)
		if !stop.Visible {
			k.t.Errorf("focus on %s cannot be seen", stop.Name)
		}
		if stop.Name == name {
			return
		}
	}
	k.t.Fatalf("150 presses of Tab never reached %s; focus went %v", name, k.trail)
}

// waitFor waits for what the next page shows after a key press.
func (k *keyboard) waitFor(selector string) {
	k.t.Helper()
	ctx, cancel := context.WithTimeout(k.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(selector))); err != nil {
		shown, _ := chromedp.Run(k.ctx, chromedp.Evaluate[string](`location.pathname + ": " + (document.querySelector(".govuk-error-summary") || document.querySelector("h1")).innerText`))
		k.t.Fatalf("wait for %s: %v; the page shows %q after focus went %v", selector, err, shown, k.trail[max(0, len(k.trail)-8):])
	}
}

// TestBrowserJourney_AProjectIsRegisteredAndSubmittedWithTheKeyboardAlone: focus follows the form's order and
// can always be seen; the error summary takes focus and its link moves focus to the field; the project is
// saved, checked and submitted without the mouse.
func TestBrowserJourney_AProjectIsRegisteredAndSubmittedWithTheKeyboardAlone(t *testing.T) {
	ctx := portaltest.ChromiumFor(t, 4*time.Minute)
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	pc := newPageCheck(t)
	manager := signInForRegister(t, portal, "demo-gm-manager")
	registerTestOrganisation(t, portal, manager.principal, "Aardvark Analytics Ltd") // first in the list
	if err := chromedp.Do(ctx, signIn(pc, portal.URL, "demo-gm-manager"), chromedp.Navigate(portal.URL+"/projects/new"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="project-form"]`))); err != nil {
		t.Fatal(err)
	}
	k := &keyboard{t: t, ctx: ctx}

	// A first pass through the whole form, typing a mistake in the grant.
	var wantOrder string
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) (err error) {
		wantOrder, err = chromedp.Evaluate[string](tabOrderScript)(ctx, target)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	k.tabTo("#title")
	start := len(k.trail) - 1
	k.press("Heat pumps for terraced streets")
	k.answerTheRest()
	k.tabTo("button:Save as draft")
	checkFocusOrder(t, wantOrder, k.trail[start:])
	k.enter()
	k.waitFor(`.govuk-error-summary`)
	if err := chromedp.Do(ctx, pc.page("the project form after a mistake typed with the keyboard")); err != nil {
		t.Fatal(err)
	}

	// The error summary has focus; its link takes focus to the field, where the mistake is corrected.
	if stop := k.focused(); !strings.Contains(stop.Name, "govuk-error-summary") {
		t.Errorf("after the mistake, focus is on %s, want the error summary", stop.Name)
	}
	k.tabTo("a[href=#grant_requested]")
	k.enter()
	if stop := k.focused(); stop.Name != "#grant_requested" {
		where, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " " + document.body.className`))
		t.Errorf("the error summary's link left focus on %s, want #grant_requested (at %s)", stop.Name, where)
	}
	k.press(kb.End + strings.Repeat(kb.Backspace, len("lots")) + "750000")
	k.tabTo("button:Save as draft")
	k.enter()
	k.waitFor(`[data-testid="step-submit"]`)

	// Check and submit, still without the mouse.
	k.trail = nil
	k.tabTo("a[href=" + k.path() + "/submit].govuk-button")
	k.enter()
	k.waitFor(`[data-testid="declaration"]`)
	k.tabTo("button:Accept and submit")
	k.enter()
	k.waitFor(`.govuk-panel--confirmation`)
	if err := chromedp.Do(ctx, pc.page("the confirmation of a submission made with the keyboard")); err != nil {
		t.Fatal(err)
	}
}

// answerTheRest answers the form's questions after the title in the order Tab reaches them, with a mistake
// in the grant: the lead organisation by typing part of its name and choosing the first suggestion with the
// arrow keys, the first place with the arrow keys, the first sector with the space bar.
func (k *keyboard) answerTheRest() {
	k.t.Helper()
	k.tabTo("#lead_organisation_id_q")
	k.press("Univ")
	k.waitFor(`#lead_organisation_id_q-options [role="option"]`)
	k.press(kb.ArrowDown)
	k.enter()
	k.tabTo("#sector")
	k.press(" ")
	k.tabTo("#local_authority_code")
	k.press(kb.ArrowDown)
	for _, date := range []struct{ id, day, month, year string }{{"start_date", "1", "4", "2025"}, {"end_date", "31", "3", "2026"}} {
		k.tabTo("#" + date.id)
		k.press(date.day)
		k.tabTo("#" + date.id + "-month")
		k.press(date.month)
		k.tabTo("#" + date.id + "-year")
		k.press(date.year)
	}
	k.tabTo("#total_cost")
	k.press("1000000")
	k.tabTo("#grant_requested")
	k.press("lots")
	k.tabTo("#private_co_investment")
	k.press("250000")
}

// path is the address of the page the browser shows, without the portal's origin.
func (k *keyboard) path() string {
	k.t.Helper()
	location, err := chromedp.Run(k.ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		k.t.Fatal(err)
	}
	return location
}

// checkFocusOrder compares the stops from the title to the submit button with the form's own order.
func checkFocusOrder(t *testing.T, wantJSON string, trail []focusStop) {
	t.Helper()
	var want []string
	if err := json.Unmarshal([]byte(wantJSON), &want); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, stop := range trail {
		got = append(got, stop.Name)
	}
	for i, name := range want { // the trail ends at the submit button; the Cancel link comes after it
		if name == "button:Save as draft" {
			want = want[:i+1]
			break
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("focus order through the form (-the form's order +the keys'):\n%s", diff)
	}
	if len(got) < 25 {
		t.Errorf("only %d stops in the form: %s", len(got), fmt.Sprint(got))
	}
}
