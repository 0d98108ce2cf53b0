package portaltest

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// SubmitForm submits the form a selector finds on a page as a person pressing its button would: with the
// form's own fields (hidden and text inputs, checked radios and boxes, chosen options), the given values
// replacing them, to the form's action and with its method.
func (b *Browser) SubmitForm(page *Response, selector string, values url.Values) *Response {
	b.t.Helper()
	if page.Doc == nil {
		b.t.Fatalf("no HTML page to find %q in (status %d)", selector, page.StatusCode)
	}
	form := page.Doc.Find(selector).First()
	if form.Length() == 0 {
		b.t.Fatalf("no form %q on %s", selector, page.Request.URL)
	}
	fields := formFields(form)
	for name, v := range values {
		fields[name] = v
	}
	action, _ := form.Attr("action")
	target, err := page.Request.URL.Parse(action)
	if err != nil {
		b.t.Fatal(err)
	}
	if method, _ := form.Attr("method"); !strings.EqualFold(method, http.MethodPost) {
		target.RawQuery = fields.Encode()
		return b.Get(target.String())
	}
	return b.PostForm(target.String(), fields)
}

// SignInFrom signs in from the portal's sign-in page as subject, through the page's first sign-in button,
// and returns the page the portal lands on.
func (b *Browser) SignInFrom(loginPage *Response, subject string) *Response {
	b.t.Helper()
	toProvider := b.SubmitForm(loginPage, `form[action="/login"]`, nil)
	return b.Follow(b.ChooseAccount(toProvider, subject))
}

func formFields(form *goquery.Selection) url.Values {
	fields := url.Values{}
	form.Find("input[name]").Each(func(_ int, in *goquery.Selection) {
		kind, _ := in.Attr("type")
		_, checked := in.Attr("checked")
		if (kind == "radio" || kind == "checkbox") && !checked {
			return
		}
		fields.Add(in.AttrOr("name", ""), in.AttrOr("value", ""))
	})
	form.Find("select[name]").Each(func(_ int, sel *goquery.Selection) {
		if chosen := sel.Find("option[selected]").First(); chosen.Length() > 0 {
			fields.Set(sel.AttrOr("name", ""), chosen.AttrOr("value", ""))
		}
	})
	return fields
}
