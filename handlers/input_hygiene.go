package handlers

import (
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// cleanQuery keeps what is never text (control characters, bytes that are not UTF-8) out of query
// parameters before any handler reads them. An API request carrying any is refused, naming the parameter,
// so that a program learns of its mistake. A page's parameter carrying any is dropped, as if it had not
// been sent: removing the characters alone could join what they separated ("/\t/evil.example" would
// become "//evil.example").
func (s *Server) cleanQuery(c *gin.Context) {
	if c.Request.URL.RawQuery == "" {
		c.Next()
		return
	}
	values, _ := url.ParseQuery(c.Request.URL.RawQuery) // pairs that do not parse are dropped, as Gin does
	kept, problems := textValues(values)
	switch {
	case len(problems) == 0:
	case isAPI(c):
		s.fail(c, apiBadRequest("invalid_query",
			"A query parameter holds control characters or bytes that are not UTF-8", problems))
		return
	default:
		c.Request.URL.RawQuery = kept.Encode()
	}
	c.Next()
}

// textValues returns the values that are text, and what is wrong with the others, by parameter (its name
// stripped of what is not text, so that the answer itself carries none).
func textValues(values url.Values) (url.Values, map[string]string) {
	kept := url.Values{}
	problems := map[string]string{}
	for key, list := range values {
		if msg := app.TextProblem(key); msg != "" {
			problems[app.StripNonText(key)] = msg
			continue
		}
		for _, v := range list {
			if msg := app.TextProblem(v); msg != "" {
				problems[key] = msg
				continue
			}
			kept.Add(key, v)
		}
	}
	return kept, problems
}
