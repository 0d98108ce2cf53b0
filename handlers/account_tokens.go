package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

type tokensPage struct {
	basePage
	Tokens  []models.APIToken
	Created *app.NewToken // a token just made: its secret is shown on this answer only
	Form    tokenForm
	Now     time.Time
}

type tokenForm struct {
	Name, Days string
}

// tokensPage lists the principal's API tokens, with the form to make one.
func (s *Server) tokensPage(c *gin.Context) {
	s.showTokens(c, http.StatusOK, tokenForm{Days: strconv.Itoa(app.DefaultTokenDays)}, nil, nil)
}

// tokenCreate makes a token and shows its secret once, on this answer: it is not redirected, so the secret
// is never in an address, a flash or a page that can be fetched again.
func (s *Server) tokenCreate(c *gin.Context) {
	form := tokenForm{Name: c.PostForm("name"), Days: c.PostForm("expires_in_days")}
	created, err := s.apiTokens.Create(c.Request.Context(), mustPrincipal(c), form.Name, form.Days)
	switch {
	case isValidation(err):
		s.showTokens(c, http.StatusUnprocessableEntity, form, nil, err)
	case err != nil:
		s.fail(c, err)
	default:
		c.Header("Cache-Control", "no-store")
		s.showTokens(c, http.StatusCreated, tokenForm{Days: strconv.Itoa(app.DefaultTokenDays)}, &created, nil)
	}
}

// tokenRevoke ends one of the principal's tokens; anyone else's is not found.
func (s *Server) tokenRevoke(c *gin.Context) {
	if err := s.apiTokens.Revoke(c.Request.Context(), mustPrincipal(c), c.Param("id")); err != nil {
		s.fail(c, err)
		return
	}
	s.setFlash(c, "token-revoked")
	c.Redirect(http.StatusSeeOther, "/account/tokens")
}

func (s *Server) showTokens(c *gin.Context, status int, form tokenForm, created *app.NewToken, problem error) {
	tokens, err := s.apiTokens.List(c.Request.Context(), mustPrincipal(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	page := tokensPage{basePage: s.newBasePage(c, "API tokens"), Tokens: tokens, Created: created, Form: form, Now: time.Now()}
	var verr *app.ValidationError
	if errors.As(problem, &verr) {
		page.Errors = newFormErrors(verr, "name", "expires_in_days")
	}
	s.renderPage(c, status, "account/tokens", page)
}
