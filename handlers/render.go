package handlers

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// renderer holds one parsed template set per page: the layout, every partial and that page. Parsing each page
// on its own keeps one page's "content" block from overwriting another's; parsing them all at start-up makes
// a broken or missing template stop the portal starting rather than fail a request.
type renderer struct {
	pages map[string]*template.Template
}

func newRenderer(files fs.FS, assets *assetSet) (*renderer, error) {
	funcs := templateFuncs(assets)
	shared, err := fs.Glob(files, "layouts/*.html")
	if err != nil {
		return nil, err
	}
	partials, err := fs.Glob(files, "partials/*.html")
	if err != nil {
		return nil, err
	}
	shared = append(shared, partials...)
	r := &renderer{pages: map[string]*template.Template{}}
	err = fs.WalkDir(files, "pages", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		name := strings.TrimSuffix(strings.TrimPrefix(p, "pages/"), ".html")
		t, err := template.New(path.Base(p)).Funcs(funcs).ParseFS(files, append(append([]string{}, shared...), p)...)
		if err != nil {
			return fmt.Errorf("parse page %s: %w", name, err)
		}
		r.pages[name] = t
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, r.require(requiredPages...)
}

// requiredPages are rendered by name from Go code; a missing one must stop start-up.
var requiredPages = []string{
	"home/index", "people/index", "auth/login", "auth/no_access", "auth/signed_out", "auth/problem",
	"errors/not_found", "errors/forbidden", "errors/server_error", "errors/bad_request",
	"organisations/index", "organisations/new", "organisations/show", "organisations/edit",
	"projects/index", "projects/awaiting_decision", "projects/show", "projects/new", "projects/edit",
	"projects/submit", "projects/confirm_step", "projects/step_done", "projects/decision", "projects/decision_confirm",
	"account/tokens", "errors/too_many_requests",
	"programme/show", "programme/edit", "programme/accelerators/new", "programme/accelerators/edit",
	"service/accessibility", "service/privacy", "service/cookies", "service/contact",
	"audit/index", "people/person", "account/invitations", "account/organisation",
}

func (r *renderer) require(names ...string) error {
	for _, n := range names {
		if _, ok := r.pages[n]; !ok {
			return fmt.Errorf("template for page %s is missing", n)
		}
	}
	return nil
}

// render writes a page: into a buffer first, so a template failure becomes a clean error page, not half a page.
func (r *renderer) render(c *gin.Context, status int, page string, data any) error {
	t, ok := r.pages[page]
	if !ok {
		return fmt.Errorf("render: no page %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(status)
	_, err := c.Writer.Write(buf.Bytes())
	return err
}

func templateFuncs(assets *assetSet) template.FuncMap {
	funcs := registerFuncs()
	for name, fn := range (template.FuncMap{
		"asset":      assets.url,
		"join":       strings.Join,
		"lower":      strings.ToLower,
		"money":      moneyText,
		"fy":         app.FinancialYearText,
		"fyRange":    app.FinancialYearsText,
		"roleLabel":  func(r models.Role) string { return r.Label() },
		"hasRole":    func(roles []models.Role, r models.Role) bool { return slices.Contains(roles, r) },
		"regionName": app.ITL1RegionName,
		"regions":    app.Regions,
		"date":       dateText,
		"statusText": http.StatusText,
	}) {
		funcs[name] = fn
	}
	return funcs
}

// notGiven is what a page shows for a fact a draft has not given yet.
const notGiven = "Not given"

// moneyText writes an amount of pence for a page, in the GOV.UK style (£1,250,000, or £1,250,000.50 when
// there are pence); an amount not given yet (a nil *int64) is "Not given".
func moneyText(amount any) string {
	switch v := amount.(type) {
	case int64:
		return app.FormatMoney(v)
	case *int64:
		if v != nil {
			return app.FormatMoney(*v)
		}
	}
	return notGiven
}

// dateText writes a date for a page, like 1 April 2024; a date not given yet (a nil *time.Time) is "Not given".
func dateText(date any) string {
	switch v := date.(type) {
	case time.Time:
		return v.Format("2 January 2006")
	case *time.Time:
		if v != nil {
			return v.Format("2 January 2006")
		}
	}
	return notGiven
}
