package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// This file is the one place that decides how a failure is answered: its status, and either a GOV.UK page
// for a person or the JSON error body for a program, by the route it happened on. Handlers and middleware
// call fail and nothing else.

// apiError is the JSON error body of every /api/ route: {"error": {"code", "message", "fields"}}.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// failure is how an error is answered: its status; a code and a message for programs; a heading and a
// page for people.
type failure struct {
	status     int
	code       string
	apiMessage string
	title      string
	page       string
}

// Failures of the HTTP layer itself, before any service is asked.
var (
	errNoSuchRoute = errors.New("no such route")
	errCrossOrigin = errors.New("cross-origin request")
)

// methodNotAllowed is a known address asked with a method it does not take.
type methodNotAllowed struct{ method string }

func (e *methodNotAllowed) Error() string { return "method " + e.method + " not allowed" }

// crossOriginRefusal is what a refused cross-site request is told, page or API.
const crossOriginRefusal = "This request came from another website, so it was refused."

// classify maps an error to how it is answered. Anything unrecognised is a 500, whose cause is logged with
// the request ID and never shown.
func classify(err error) failure {
	err = app.Explain(err)
	var request *apiRequestError
	var limited *app.RateLimited
	var method *methodNotAllowed
	switch {
	case errors.As(err, &request):
		return failure{request.status, request.code, request.message, "The request could not be understood", "errors/bad_request"}
	case errors.As(err, &limited):
		return failure{http.StatusTooManyRequests, "rate_limited",
			"Too many requests: wait the number of seconds in the Retry-After header, then try again",
			"Too many requests", "errors/too_many_requests"}
	case errors.As(err, &method):
		return failure{http.StatusMethodNotAllowed, "method_not_allowed",
			"This address does not take " + method.method + " requests; see /api/v1/openapi.json",
			"That action is not available here", "errors/bad_request"}
	case errors.Is(err, errNoSuchRoute):
		return failure{http.StatusNotFound, "not_found", "There is no such address in the API; see /api/v1/openapi.json",
			"Page not found", "errors/not_found"}
	case errors.Is(err, errCrossOrigin):
		return failure{http.StatusForbidden, "cross_origin",
			crossOriginRefusal + " Programs send neither Origin nor Sec-Fetch-Site; browsers may call the API only from the portal's own pages.",
			"You do not have permission to do that", "errors/forbidden"}
	}
	return classifyApp(err)
}

// classifyApp maps the app's errors.
func classifyApp(err error) failure {
	switch {
	case errors.Is(err, app.ErrNotFound):
		return failure{http.StatusNotFound, "not_found", "There is no such record, or it is not one you can see",
			"Page not found", "errors/not_found"}
	case errors.Is(err, app.ErrForbidden):
		return failure{http.StatusForbidden, "forbidden", "Your role does not allow this",
			"You do not have permission to do that", "errors/forbidden"}
	case errors.Is(err, app.ErrUnauthenticated):
		return failure{http.StatusUnauthorized, "unauthenticated",
			"Send a valid personal API token in the header Authorization: Bearer iap_…", "Sign in to continue", "auth/login"}
	case errors.Is(err, app.ErrStale):
		return failure{http.StatusConflict, "conflict",
			"The record changed since you read it: read it again and send your change with its current version",
			"That could not be done", "errors/bad_request"}
	case errors.Is(err, app.ErrConflict):
		return failure{http.StatusConflict, "conflict", "The record changed or exists already; read it again and retry",
			"That could not be done", "errors/bad_request"}
	case errors.Is(err, app.ErrInvalid):
		return failure{http.StatusUnprocessableEntity, "invalid", "The values break one of the portal's rules; check them and retry",
			"That could not be saved", "errors/bad_request"}
	case errors.Is(err, app.ErrBusy):
		return failure{http.StatusServiceUnavailable, "busy", "The database is busy with other changes; retry in a moment",
			"The service is busy: try again in a moment", "errors/server_error"}
	case errors.Is(err, app.ErrMalformed):
		return failure{http.StatusBadRequest, "bad_request", "A value the portal wrote for this request (a page cursor) was changed or broken; start again from the first page",
			"The request could not be understood", "errors/bad_request"}
	case isValidation(err):
		return failure{http.StatusUnprocessableEntity, "validation_failed", "Some fields are not right: see fields",
			"Check the highlighted fields", "errors/bad_request"}
	}
	return failure{http.StatusInternalServerError, "internal_error",
		"The portal could not answer; try again later, and quote the X-Request-ID header if it keeps happening",
		"Sorry, there is a problem with the service", "errors/server_error"}
}

// refusalMessage is the app's own words when it refused with a reason (an *app.Refusal): what happened and
// what to do, which the page shows instead of a generic sentence. "" otherwise.
func refusalMessage(err error) string {
	var refusal *app.Refusal
	if errors.As(err, &refusal) {
		return refusal.Message
	}
	return ""
}

func isValidation(err error) bool {
	var verr *app.ValidationError
	return errors.As(err, &verr)
}

// isAPI tells whether a request expects JSON answers.
func isAPI(c *gin.Context) bool {
	return strings.HasPrefix(c.Request.URL.Path, "/api/")
}

// errorPage is the view model of the error pages.
type errorPage struct {
	basePage
	Status     int
	Message    string
	Detail     string
	RetryAfter string // for the 429 page: how long to wait, in words
}

// fail answers a request with an error, as JSON on API routes and as a page elsewhere, and stops the chain.
// Server errors are logged once, here, with the request ID.
func (s *Server) fail(c *gin.Context, err error) {
	err = app.Explain(err)
	f := classify(err)
	s.logFailure(c, f, err)
	c.Header("Cache-Control", "no-store")
	var limited *app.RateLimited
	if errors.As(err, &limited) {
		c.Header("Retry-After", strconv.Itoa(int(limited.RetryAfter/time.Second)))
	}
	switch {
	case isAPI(c):
		s.failJSON(c, f, err)
	case f.status == http.StatusUnauthorized:
		s.redirectToLogin(c)
	default:
		s.renderError(c, f, err)
	}
}

// logFailure logs a server error with its cause, and a refusal with who was refused: a signed-in person's
// 403s and 404s name their user and tenant (beside the request ID every line carries), so that someone
// probing another tenant's records can be traced. The record's content is never logged.
func (s *Server) logFailure(c *gin.Context, f failure, err error) {
	ctx := c.Request.Context()
	if f.status >= 500 {
		s.log.ErrorContext(ctx, "request failed", "error", err, "path", c.Request.URL.Path)
		return
	}
	attrs := []any{"status", f.status, "method", c.Request.Method, "path", c.Request.URL.Path, "reason", err.Error()}
	if p, ok := principalOf(c); ok {
		attrs = append(attrs, "user_id", p.UserID, "tenant_id", p.TenantID)
	}
	if f.status == http.StatusForbidden || f.status == http.StatusNotFound {
		s.log.WarnContext(ctx, "request refused", attrs...)
		return
	}
	s.log.InfoContext(ctx, "request refused", attrs...)
}

// failJSON answers with the JSON error body: the program's message, or the app's reason when it gave one
// that suits a program (a stale version has the API's own words), and the fields at fault.
func (s *Server) failJSON(c *gin.Context, f failure, err error) {
	body := apiErrorBody{Code: f.code, Message: f.apiMessage}
	if detail := refusalMessage(err); detail != "" && !errors.Is(err, app.ErrStale) {
		body.Message = detail
	}
	var verr *app.ValidationError
	var request *apiRequestError
	switch {
	case errors.As(err, &verr):
		body.Fields = verr.Fields
	case errors.As(err, &request):
		body.Fields = request.fields
	}
	if f.status == http.StatusUnauthorized && c.Writer.Header().Get("WWW-Authenticate") == "" {
		c.Header("WWW-Authenticate", `Bearer realm="portal"`)
	}
	c.AbortWithStatusJSON(f.status, apiError{body})
}

// renderError shows an error page: the heading, and beneath it the app's explanation when it gave one.
func (s *Server) renderError(c *gin.Context, f failure, err error) {
	page := errorPage{basePage: s.newBasePage(c, f.title), Status: f.status, Message: f.title, Detail: refusalMessage(err)}
	var limited *app.RateLimited
	switch {
	case errors.As(err, &limited):
		page.RetryAfter = waitInWords(limited.RetryAfter)
	case errors.Is(err, errCrossOrigin):
		page.Detail = crossOriginRefusal + " Go back to the portal and try again."
	}
	if err := s.pages.render(c, f.status, f.page, page); err != nil {
		s.log.ErrorContext(c.Request.Context(), "render error page", "error", err)
		c.String(http.StatusInternalServerError, "Sorry, there is a problem with the service.")
	}
	c.Abort()
}

// waitInWords says how long to wait, rounded up to whole minutes beyond a minute: "1 minute", "7 minutes".
func waitInWords(d time.Duration) string {
	if d <= time.Minute {
		return "1 minute"
	}
	return strconv.Itoa(int((d+time.Minute-1)/time.Minute)) + " minutes"
}
