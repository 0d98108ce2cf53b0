package handlers

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

// The service's own pages, linked from every page's footer and open without signing in: the accessibility
// statement, the privacy notice, the cookies page and how to contact the support team.

// flashSeconds is how long the cookie carrying a success message lives: long enough for the next page.
const flashSeconds = 60

// servicePage is what the service pages show beyond the base: how long the cookies last.
type servicePage struct {
	basePage
	SessionLimit  string // the longest a session cookie lasts, in words
	LoginMinutes  int    // how long the sign-in cookie lasts
	FlashSeconds  int    // how long a message cookie lasts
	StatementDate string // when the accessibility statement was last reviewed
}

// serviceRoutes adds the service pages to the routes that need no sign-in.
func (s *Server) serviceRoutes(r gin.IRoutes) {
	for path, page := range map[string]struct{ name, title string }{
		"/accessibility": {"service/accessibility", "Accessibility statement"},
		"/privacy":       {"service/privacy", "Privacy notice"},
		"/cookies":       {"service/cookies", "Cookies"},
		"/contact":       {"service/contact", "Contact the support team"},
	} {
		r.GET(path, s.servicePage(page.name, page.title))
	}
}

func (s *Server) servicePage(name, title string) gin.HandlerFunc {
	return func(c *gin.Context) {
		page := servicePage{
			basePage: s.newBasePage(c, title), SessionLimit: hoursText(s.identity.SessionAbsolute()),
			LoginMinutes: loginTransactionSeconds / 60, FlashSeconds: flashSeconds, StatementDate: "30 November 2026",
		}
		s.renderPage(c, http.StatusOK, name, page)
	}
}

// hoursText writes a duration of whole hours for people: "12 hours", "1 hour"; anything else in minutes.
func hoursText(d time.Duration) string {
	if d%time.Hour != 0 {
		return strconv.Itoa(int(d.Minutes())) + " minutes"
	}
	if d == time.Hour {
		return "1 hour"
	}
	return strconv.Itoa(int(d.Hours())) + " hours"
}
