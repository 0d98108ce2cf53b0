package handlers

import (
	"maps"
	"slices"
	"strconv"
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
	// SupportEmail is where people write for help, from the business settings.
	SupportEmail string
}

type navItem struct {
	Label, Href string
	Count       int // shown after the label when above zero, e.g. the projects awaiting a decision ("99+" beyond 99)
	Current     bool
}

// CountText is the count as the badge shows it: "99+" beyond what it counts to.
func (n navItem) CountText() string {
	if n.Count > awaitingBadgeCap {
		return strconv.Itoa(awaitingBadgeCap) + "+"
	}
	return strconv.Itoa(n.Count)
}

// newBasePage fills the base from the request.
func (s *Server) newBasePage(c *gin.Context, title string) basePage {
	b := basePage{Title: title, RequestID: requestIDOf(c), Development: s.cfg.Development, Flash: s.takeFlash(c),
		SupportEmail: s.settings.SupportEmail}
	if p, ok := principalOf(c); ok {
		b.Principal = &p
		b.Nav = navigationFor(p, c.Request.URL.Path, s.awaitingCount(c, p))
	}
	return b
}

// awaitingBadgeCap is the most the navigation badge counts to; it shows "99+" beyond.
const awaitingBadgeCap = 99

// awaitingCount is how many projects wait for the principal's decision, from one capped count (no rows);
// 0 when they decide none or the count cannot be read: the navigation must not fail a page, but the
// failure is logged.
func (s *Server) awaitingCount(c *gin.Context, p app.Principal) int {
	if !p.Can(app.ActionDecideProjects) {
		return 0
	}
	n, err := s.projects.AwaitingCount(c.Request.Context(), p, awaitingBadgeCap+1)
	if err != nil {
		s.log.WarnContext(c.Request.Context(), "count the projects awaiting a decision", "error", err)
		return 0
	}
	return int(n)
}

// navigationFor lists the sections a principal can open, marking the one the path is in (the longest match).
func navigationFor(p app.Principal, path string, awaiting int) []navItem {
	items := []navItem{{Label: "Home", Href: "/"}}
	if p.Can(app.ActionViewProjects) {
		items = append(items, navItem{Label: "Projects", Href: "/projects"})
	}
	if p.Can(app.ActionDecideProjects) {
		items = append(items, navItem{Label: "Awaiting decision", Href: awaitingPath, Count: awaiting})
	}
	if p.Can(app.ActionViewOrganisations) {
		items = append(items, navItem{Label: "Organisations", Href: "/organisations"})
	}
	if p.Can(app.ActionViewPeople) {
		items = append(items, navItem{Label: "People", Href: "/people"})
	}
	if p.Can(app.ActionManageProgramme) {
		items = append(items, navItem{Label: "Programme set-up", Href: "/programme"})
	}
	if p.Can(app.ActionVerifyAudit) {
		items = append(items, navItem{Label: "Audit trail", Href: "/audit"})
	}
	current, longest := -1, 0
	for i, item := range items {
		matches := path == item.Href || (item.Href != "/" && strings.HasPrefix(path, item.Href+"/"))
		if matches && len(item.Href) > longest {
			current, longest = i, len(item.Href)
		}
	}
	if current >= 0 {
		items[current].Current = true
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
	// Fields the form does not list come after, in a fixed order so the page reads the same every time.
	for _, f := range slices.Sorted(maps.Keys(verr.Fields)) {
		if !seen[f] {
			e.List = append(e.List, fieldError{f, verr.Fields[f]})
		}
	}
	return e
}
