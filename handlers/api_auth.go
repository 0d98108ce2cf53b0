package handlers

import (
	"errors"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// authenticateAPI puts the person an API request acts for on the request, or answers 401. A program sends
// a personal API token (Authorization: Bearer …); a page of the portal may instead send the session cookie,
// whose state-changing requests Go's cross-origin protection already guards. When a token is sent the
// cookie is not looked at, so a client always acts as the token says.
//
// Two limits apply: an address that has failed to authenticate too often is refused before its credential
// is even looked at, and a person's requests, by any of their tokens, are counted against the API's limit.
func (s *Server) authenticateAPI(c *gin.Context) {
	ctx := c.Request.Context()
	address := clientAddress(c)
	if err := s.limiter.Check(ctx, app.LimitAPIAuthFailures, address); err != nil {
		s.fail(c, err)
		return
	}
	p, err := s.apiPrincipal(c)
	if errors.Is(err, app.ErrUnauthenticated) {
		if limited := s.limiter.Take(ctx, app.LimitAPIAuthFailures, address); limited != nil {
			err = limited
		}
	}
	if err == nil {
		err = s.limiter.Take(ctx, app.LimitAPI, app.Person(p.UserID))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Set(principalKey, p)
	c.Next()
}

func (s *Server) apiPrincipal(c *gin.Context) (app.Principal, error) {
	ctx := c.Request.Context()
	header := c.GetHeader("Authorization")
	if header == "" {
		if session, err := c.Cookie(sessionCookie); err == nil && session != "" {
			return s.identity.Authenticate(ctx, session)
		}
		return app.Principal{}, app.ErrUnauthenticated
	}
	scheme, token, _ := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	p := app.Principal{}
	err := app.ErrUnauthenticated
	if strings.EqualFold(scheme, "Bearer") && token != "" {
		p, err = s.apiTokens.Authenticate(ctx, token)
	}
	if errors.Is(err, app.ErrUnauthenticated) {
		// RFC 6750: a presented token that is not accepted is invalid_token, whatever the reason, so the
		// answer does not tell an expired token from a revoked or made-up one.
		c.Header("WWW-Authenticate", `Bearer realm="portal", error="invalid_token"`)
	}
	return p, err
}
