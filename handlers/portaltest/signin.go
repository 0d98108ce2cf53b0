package portaltest

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// StartSignIn presses "Sign in" for a provider and returns the redirect to the provider's authorization
// endpoint, without following it.
func (b *Browser) StartSignIn(provider string) *Response {
	b.t.Helper()
	r := b.PostForm("/login", url.Values{"provider": {provider}, "return_to": {"/"}})
	if r.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("POST /login: status %d, want 303; body: %s", r.StatusCode, r.Body)
	}
	return r
}

// ChooseAccount follows a redirect to a development provider's sign-in page, picks the account with that
// subject and returns the provider's redirect back to the portal's callback, without following it.
func (b *Browser) ChooseAccount(toProvider *Response, subject string) *Response {
	b.t.Helper()
	page := b.Follow(toProvider)
	if page.Doc == nil {
		b.t.Fatalf("no sign-in page at %s (status %d): %s", page.Request.URL, page.StatusCode, page.Body)
	}
	var form *goquery.Selection
	page.Doc.Find("form").EachWithBreak(func(_ int, f *goquery.Selection) bool {
		if v, _ := f.Find(`input[name="subject"]`).Attr("value"); v == subject {
			form = f
			return false
		}
		return true
	})
	if form == nil {
		b.t.Fatalf("the sign-in page offers no account %q", subject)
	}
	values := url.Values{}
	form.Find("input[name]").Each(func(_ int, in *goquery.Selection) {
		name, _ := in.Attr("name")
		value, _ := in.Attr("value")
		values.Set(name, value)
	})
	action, _ := form.Attr("action")
	target, err := page.Request.URL.Parse(action)
	if err != nil {
		b.t.Fatal(err)
	}
	r := b.PostForm(target.String(), values)
	if r.StatusCode < 300 || r.StatusCode >= 400 || !strings.Contains(r.Header.Get("Location"), "/auth/callback") {
		b.t.Fatalf("choosing %q: status %d, location %q", subject, r.StatusCode, r.Header.Get("Location"))
	}
	return r
}

// SignInAs signs in through the development provider as the account with that subject and returns the
// page the portal lands on.
func (b *Browser) SignInAs(subject string) *Response {
	b.t.Helper()
	return b.SignInThrough(DevProvider, subject)
}

// SignInThrough signs in through a named provider (a development provider of the test's) as subject.
func (b *Browser) SignInThrough(provider, subject string) *Response {
	b.t.Helper()
	callback := b.ChooseAccount(b.StartSignIn(provider), subject)
	return b.Follow(callback)
}
