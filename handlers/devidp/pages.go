package devidp

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages renders the provider's own HTML: the sign-in page, the signed-out
// page and errors. Each page is the shared layout plus its own "content".
type pages struct {
	stylesheetURL string
	loginAction   string
	homeURL       string // this provider's own index page
	portalLogin   string // the portal's sign-in page, where a person starts
	login         *template.Template
	signedOut     *template.Template
	problem       *template.Template
	index         *template.Template
}

// page is the data every template sees.
type page struct {
	Title         string
	StylesheetURL string
	LoginAction   string
	HomeURL       string
	PortalLogin   string
	Discovery     string
	AuthRequestID string
	Accounts      []accountView
	Message       string
}

// accountView is an Account as the sign-in page shows it.
type accountView struct {
	Subject, Name, Email, Description string
}

func newPages(stylesheetURL, prefix, portalLogin string) (*pages, error) {
	p := &pages{stylesheetURL: stylesheetURL, loginAction: prefix + loginPath, homeURL: prefix + "/", portalLogin: portalLogin}
	var err error
	if p.login, err = parsePage("login.html"); err != nil {
		return nil, err
	}
	if p.signedOut, err = parsePage("signed_out.html"); err != nil {
		return nil, err
	}
	if p.problem, err = parsePage("problem.html"); err != nil {
		return nil, err
	}
	if p.index, err = parsePage("index.html"); err != nil {
		return nil, err
	}
	return p, nil
}

func parsePage(name string) (*template.Template, error) {
	t, err := template.ParseFS(templateFS, "templates/layout.html", "templates/"+name)
	if err != nil {
		return nil, fmt.Errorf("devidp: parse template %s: %w", name, err)
	}
	return t, nil
}

// render writes a complete page, buffering first so a template error
// becomes a clean 500 rather than half a page.
func (p *pages) render(w http.ResponseWriter, status int, t *template.Template, data page) {
	data.StylesheetURL = p.stylesheetURL
	data.LoginAction = p.loginAction
	data.HomeURL = p.homeURL
	data.PortalLogin = p.portalLogin
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		http.Error(w, "devidp: cannot render page", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Pages carry auth request IDs: never cache them, never frame them
	// (a one-click sign-in button invites clickjacking), and do not leak the
	// URL to the stylesheet's host.
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// problemPage answers a request the sign-in flow cannot continue with.
func (p *pages) problemPage(w http.ResponseWriter, status int, message string) {
	p.render(w, status, p.problem, page{Title: http.StatusText(status), Message: message})
}
