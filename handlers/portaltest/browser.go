package portaltest

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Browser is a person's browser: it keeps cookies, sends what a browser sends with a same-origin form, and
// follows redirects only when asked, so tests can look at each step.
type Browser struct {
	t      testing.TB
	portal *Portal
	jar    *cookiejar.Jar
	client *http.Client
}

// Response is an answer with its body read and, for HTML, parsed.
type Response struct {
	*http.Response
	Body string
	Doc  *goquery.Document
}

// NewBrowser returns a browser with no cookies.
func (p *Portal) NewBrowser(t testing.TB) *Browser {
	jar, _ := cookiejar.New(nil)
	return &Browser{t: t, portal: p, jar: jar, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Get fetches a path of the portal, or an absolute URL.
func (b *Browser) Get(target string) *Response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.absolute(target), nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.Do(req)
}

// PostForm submits a form as a browser does from a page of the same site.
func (b *Browser) PostForm(target string, values url.Values) *Response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.absolute(target), strings.NewReader(values.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", originOf(req.URL))
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.Do(req)
}

// Do sends a request with the browser's cookies and reads the answer.
func (b *Browser) Do(req *http.Request) *Response {
	b.t.Helper()
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	r := &Response{Response: resp, Body: string(body)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		if r.Doc, err = goquery.NewDocumentFromReader(strings.NewReader(r.Body)); err != nil {
			b.t.Fatal(err)
		}
	}
	return r
}

// Follow follows redirects from a response until an answer that is not one.
func (b *Browser) Follow(r *Response) *Response {
	b.t.Helper()
	for i := 0; r.StatusCode >= 300 && r.StatusCode < 400; i++ {
		if i == 10 {
			b.t.Fatal("more than 10 redirects")
		}
		next, err := r.Request.URL.Parse(r.Header.Get("Location"))
		if err != nil {
			b.t.Fatal(err)
		}
		r = b.Get(next.String())
	}
	return r
}

// Cookie returns the value of one of the portal's cookies, or "".
func (b *Browser) Cookie(name string) string {
	u, _ := url.Parse(b.portal.URL)
	for _, c := range b.jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// SetCookie plants a cookie for the portal, as another browser's stolen or stale cookie would be.
func (b *Browser) SetCookie(name, value string) {
	u, _ := url.Parse(b.portal.URL)
	b.jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

func (b *Browser) absolute(target string) string {
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		return target
	}
	return b.portal.URL + target
}

func originOf(u *url.URL) string {
	return u.Scheme + "://" + u.Host
}

// Text is the visible text of the elements a selector finds, trimmed and with spaces folded.
func (r *Response) Text(selector string) string {
	if r.Doc == nil {
		return ""
	}
	return strings.Join(strings.Fields(r.Doc.Find(selector).Text()), " ")
}
