package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

const requestIDHeader = "X-Request-ID"

// withRequestID gives every request a fresh random ID, in the response header, the request context (for
// logs and audit events) and the error pages. An ID sent by the client is not trusted.
func withRequestID(c *gin.Context) {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	id := hex.EncodeToString(b)
	c.Request = c.Request.WithContext(app.WithRequestID(c.Request.Context(), id))
	c.Header(requestIDHeader, id)
	c.Next()
}

func requestIDOf(c *gin.Context) string {
	return app.RequestID(c.Request.Context())
}

// accessLog writes one line per request. The client address is Gin's ClientIP, which honours
// X-Forwarded-For only from the trusted proxies.
func (s *Server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	s.log.InfoContext(c.Request.Context(), "request",
		"method", c.Request.Method, "path", c.Request.URL.Path, "status", c.Writer.Status(),
		"duration_ms", time.Since(start).Milliseconds(), "client", c.ClientIP())
}

// recoverPanics turns a panic into a logged 500 page: a person never sees a stack trace.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			s.log.ErrorContext(c.Request.Context(), "panic", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			if !c.Writer.Written() {
				s.fail(c, fmt.Errorf("panic: %v", r))
			}
			c.Abort()
		}
	}()
	c.Next()
}

// securityHeaders wraps the whole portal (pages, API, static files, the development identity provider and
// the cross-origin refusals) so every response carries them.
func securityHeaders(next http.Handler, formActionOrigins []string, https bool) http.Handler {
	csp := strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self' data:",
		"font-src 'self' data:",
		"connect-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		// A sign-in or sign-out form answers with a redirect to the identity provider, which browsers check
		// against form-action.
		"form-action " + strings.Join(append([]string{"'self'"}, formActionOrigins...), " "),
		"frame-ancestors 'none'",
	}, "; ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if https {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// noStore keeps pages and API answers, which carry personal and financial data, out of every cache.
func noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Next()
}

// refuseCrossOrigin refuses state-changing requests that a browser marks as coming from another site
// (Sec-Fetch-Site, or an Origin that is not the portal's), with Go's cross-origin protection. It runs
// before any route, so the refusal is answered like every other failure.
func (s *Server) refuseCrossOrigin() gin.HandlerFunc {
	protection := http.NewCrossOriginProtection()
	return func(c *gin.Context) {
		if err := protection.Check(c.Request); err != nil {
			s.log.WarnContext(c.Request.Context(), "cross-origin request refused", "method", c.Request.Method,
				"path", c.Request.URL.Path, "origin", c.Request.Header.Get("Origin"),
				"sec_fetch_site", c.Request.Header.Get("Sec-Fetch-Site"))
			s.fail(c, errCrossOrigin)
			return
		}
		c.Next()
	}
}
