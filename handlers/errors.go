package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// apiError is the JSON error body of every /api/ route: {"error": {"code", "message", "fields"}}.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// failure is how an error is shown: its status, a code for the API, and words for a person.
type failure struct {
	status  int
	code    string
	message string
	page    string
}

// classify maps the app's errors to what a person is shown. Anything unrecognised is a 500, whose cause is
// logged with the request ID and never shown.
func classify(err error) failure {
	var refusal *app.Refusal
	if errors.As(err, &refusal) {
		f := classify(refusal.Kind)
		if f.status == http.StatusConflict {
			f.message = "That could not be done"
		}
		return f
	}
	switch {
	case errors.Is(err, app.ErrNotFound):
		return failure{http.StatusNotFound, "not_found", "Page not found", "errors/not_found"}
	case errors.Is(err, app.ErrForbidden):
		return failure{http.StatusForbidden, "forbidden", "You do not have permission to do that", "errors/forbidden"}
	case errors.Is(err, app.ErrUnauthenticated):
		return failure{http.StatusUnauthorized, "unauthenticated", "Sign in to continue", "auth/login"}
	case errors.Is(err, app.ErrConflict):
		return failure{http.StatusConflict, "conflict", "Someone else changed this at the same time; reload and try again", "errors/bad_request"}
	case errors.Is(err, errBadRequest), errors.Is(err, app.ErrMalformed):
		return failure{http.StatusBadRequest, "bad_request", "The request could not be understood", "errors/bad_request"}
	case isValidation(err):
		return failure{http.StatusUnprocessableEntity, "validation_failed", "Check the highlighted fields", "errors/bad_request"}
	}
	return failure{http.StatusInternalServerError, "internal_error", "Sorry, there is a problem with the service", "errors/server_error"}
}

var errBadRequest = errors.New("bad request")

// refusalMessage is the app's own words when it refused with a reason (an *app.Refusal): what happened and
// what to do, which the page and the JSON body show instead of a generic sentence. "" otherwise.
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
	Status  int
	Message string
	Detail  string
}

// fail answers a request with an error, as JSON on API routes and as a page elsewhere, and stops the chain.
// Server errors are logged once, here, with the request ID.
func (s *Server) fail(c *gin.Context, err error) {
	f := classify(err)
	if f.status >= 500 {
		s.log.ErrorContext(c.Request.Context(), "request failed", "error", err, "path", c.Request.URL.Path)
	} else {
		s.log.InfoContext(c.Request.Context(), "request refused", "status", f.status, "reason", err.Error())
	}
	if isAPI(c) {
		body := apiError{apiErrorBody{Code: f.code, Message: f.message}}
		if detail := refusalMessage(err); detail != "" {
			body.Error.Message = detail
		}
		var verr *app.ValidationError
		if errors.As(err, &verr) {
			body.Error.Fields = verr.Fields
		}
		c.AbortWithStatusJSON(f.status, body)
		return
	}
	if f.status == http.StatusUnauthorized {
		s.redirectToLogin(c)
		return
	}
	s.renderError(c, f, refusalMessage(err))
}

func (s *Server) renderErrorPage(c *gin.Context, f failure) { s.renderError(c, f, "") }

// renderError shows an error page; detail, when given, is the app's explanation beneath the heading.
func (s *Server) renderError(c *gin.Context, f failure, detail string) {
	page := errorPage{basePage: s.newBasePage(c, f.message), Status: f.status, Message: f.message, Detail: detail}
	if err := s.pages.render(c, f.status, f.page, page); err != nil {
		s.log.ErrorContext(c.Request.Context(), "render error page", "error", err)
		c.String(http.StatusInternalServerError, "Sorry, there is a problem with the service.")
	}
	c.Abort()
}
