package handlers

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// RateLimiter counts requests against the portal's limits (app.RateLimits); the counts live in the
// database, so they hold across every portal process.
type RateLimiter interface {
	Take(ctx context.Context, name app.Limit, who app.Subject) error
	Check(ctx context.Context, name app.Limit, who app.Subject) error
}

// clientAddress is who a request comes from, for the limits per address: Gin's ClientIP, which believes
// X-Forwarded-For only from the trusted proxies.
func clientAddress(c *gin.Context) app.Subject {
	return app.ClientAddress(c.ClientIP())
}

// limitByAddress counts each request against a limit of its client address, answering 429 beyond it.
func (s *Server) limitByAddress(name app.Limit) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := s.limiter.Take(c.Request.Context(), name, clientAddress(c)); err != nil {
			s.fail(c, err)
			return
		}
		c.Next()
	}
}

// limitFormPosts counts each form a signed-in person submits (it runs behind requireSignIn).
func (s *Server) limitFormPosts(c *gin.Context) {
	p, ok := principalOf(c)
	if c.Request.Method != http.MethodPost || !ok {
		c.Next()
		return
	}
	if err := s.limiter.Take(c.Request.Context(), app.LimitFormPosts, app.Person(p.UserID)); err != nil {
		s.fail(c, err)
		return
	}
	c.Next()
}
