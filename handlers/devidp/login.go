package devidp

import (
	"errors"
	"net/http"

	"github.com/zitadel/oidc/v3/pkg/op"
)

const (
	maxFormBytes  = 16 << 10
	expiredNotice = "This sign-in request has expired or is not valid. Go back to the service and sign in again."
)

// serveLogin is the login UI op redirects the browser to (client.LoginURL).
func (h *handler) serveLogin(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		h.showAccounts(w, r)
	case http.MethodPost:
		h.chooseAccount(w, r)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		h.pages.problemPage(w, http.StatusMethodNotAllowed, "This page only accepts GET and POST.")
	}
}

// showAccounts lists every directory account with its own sign-in button.
func (h *handler) showAccounts(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("authRequestID")
	if _, err := h.store.AuthRequestByID(r.Context(), id); err != nil {
		h.pages.problemPage(w, http.StatusBadRequest, expiredNotice)
		return
	}
	accounts, err := h.store.directory.Accounts(r.Context())
	if err != nil {
		h.log.ErrorContext(r.Context(), "devidp: list accounts", "error", err)
		h.pages.problemPage(w, http.StatusInternalServerError, "The list of development accounts could not be loaded.")
		return
	}
	h.pages.render(w, http.StatusOK, h.pages.login, page{
		Title:         "Choose an account",
		AuthRequestID: id,
		Accounts:      accountViews(accounts),
	})
}

// accountViews prepares accounts for display, skipping any without a subject
// (they could never be signed in as) and giving each a name to show.
func accountViews(accounts []Account) []accountView {
	views := make([]accountView, 0, len(accounts))
	for _, a := range accounts {
		if a.Subject == "" {
			continue
		}
		name := a.Name
		if name == "" {
			name = a.Email
		}
		if name == "" {
			name = a.Subject
		}
		views = append(views, accountView{Subject: a.Subject, Name: name, Email: a.Email, Description: a.Description})
	}
	return views
}

// chooseAccount completes the auth request as the posted account and lets
// op redirect the browser back to the client with a code.
func (h *handler) chooseAccount(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		h.pages.problemPage(w, http.StatusBadRequest, "The sign-in form could not be read.")
		return
	}
	id, subject := r.PostForm.Get("authRequestID"), r.PostForm.Get("subject")
	if _, err := h.store.AuthRequestByID(r.Context(), id); err != nil {
		h.pages.problemPage(w, http.StatusBadRequest, expiredNotice)
		return
	}
	if _, err := findAccount(r.Context(), h.store.directory, subject); err != nil {
		if errors.Is(err, errUnknownAccount) {
			h.pages.problemPage(w, http.StatusBadRequest, "There is no development account with that identifier.")
			return
		}
		h.log.ErrorContext(r.Context(), "devidp: list accounts", "error", err)
		h.pages.problemPage(w, http.StatusInternalServerError, "The list of development accounts could not be loaded.")
		return
	}
	authReq, err := h.store.completeAuthRequest(id, subject)
	if err != nil {
		h.pages.problemPage(w, http.StatusBadRequest, expiredNotice)
		return
	}
	h.log.InfoContext(r.Context(), "devidp: signed in", "subject", subject, "client_id", authReq.GetClientID())
	// AuthResponse issues the code and redirects to the redirect URI op
	// already validated at /authorize; it needs the issuer in the context.
	ctx := op.ContextWithIssuer(r.Context(), h.provider.IssuerFromRequest(r))
	op.AuthResponse(authReq, h.provider, w, r.WithContext(ctx))
}

// serveSignedOut is where end_session lands without a registered
// post_logout_redirect_uri.
func (h *handler) serveSignedOut(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		h.pages.problemPage(w, http.StatusMethodNotAllowed, "This page only accepts GET.")
		return
	}
	h.pages.render(w, http.StatusOK, h.pages.signedOut, page{Title: "Signed out"})
}
