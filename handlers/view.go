package handlers

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// basePage is what every page's view model embeds: who is signed in, the navigation, the request ID for
// support, and the form errors and flash message if any.
type basePage struct {
	Title       string
	Principal   *app.Principal
	Nav         []navItem
	RequestID   string
	Development bool
	Flash       string
	Errors      formErrors
}

type navItem struct {
	Label, Href string
	Current     bool
}

// newBasePage fills the base from the request.
func (s *Server) newBasePage(c *gin.Context, title string) basePage {
	b := basePage{Title: title, RequestID: requestIDOf(c), Development: s.cfg.Development, Flash: s.takeFlash(c)}
	if p, ok := principalOf(c); ok {
		b.Principal = &p
		b.Nav = navigationFor(p, c.Request.URL.Path)
	}
	return b
}

// navigationFor lists the sections a principal can open, marking the current one.
func navigationFor(p app.Principal, path string) []navItem {
	items := []navItem{{Label: "Home", Href: "/"}}
	if p.Can(app.ActionViewPeople) {
		items = append(items, navItem{Label: "People", Href: "/people"})
	}
	for i := range items {
		href := items[i].Href
		items[i].Current = path == href || (href != "/" && strings.HasPrefix(path, href+"/"))
	}
	return items
}

// formErrors holds field messages in the order the form shows the fields, for the GOV.UK error summary.
type formErrors struct {
	List []fieldError
}

type fieldError struct {
	Field, Message string
}

// Any reports whether there is an error to show.
func (e formErrors) Any() bool { return len(e.List) > 0 }

// For returns the message for one field, or "".
func (e formErrors) For(field string) string {
	for _, fe := range e.List {
		if fe.Field == field {
			return fe.Message
		}
	}
	return ""
}

// newFormErrors orders a validation error's messages by the form's field order.
func newFormErrors(verr *app.ValidationError, order ...string) formErrors {
	var e formErrors
	seen := map[string]bool{}
	for _, f := range order {
		if msg, ok := verr.Fields[f]; ok {
			e.List = append(e.List, fieldError{f, msg})
			seen[f] = true
		}
	}
	for f, msg := range verr.Fields {
		if !seen[f] {
			e.List = append(e.List, fieldError{f, msg})
		}
	}
	return e
}
