package devidp

import (
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/zitadel/oidc/v3/pkg/op"
)

// Paths below the issuer that devidp serves itself; everything else under
// the issuer is zitadel's op router (discovery, authorize, token, …).
const (
	loginPath     = "/login"
	signedOutPath = "/signed-out"
)

// handler routes requests under the issuer path to the login UI or to op.
type handler struct {
	prefix   string // issuer path, "" when the issuer is the origin's root
	provider *op.Provider
	oidc     http.Handler // provider with prefix stripped
	store    *storage
	pages    *pages
	log      *slog.Logger
}

func newHandler(cfg Config, prefix string, store *storage, logger *slog.Logger) (*handler, error) {
	provider, err := newProvider(cfg.Issuer, prefix, store)
	if err != nil {
		return nil, err
	}
	pg, err := newPages(cfg.StylesheetURL, prefix, portalLogin(cfg.RedirectURIs[0]))
	if err != nil {
		return nil, err
	}
	return &handler{
		prefix:   prefix,
		provider: provider,
		oidc:     http.StripPrefix(prefix, provider),
		store:    store,
		pages:    pg,
		log:      logger,
	}, nil
}

func newProvider(issuer, prefix string, store *storage) (*op.Provider, error) {
	cfg := &op.Config{
		// Where end_session sends the browser when no valid
		// post_logout_redirect_uri was given: our own signed-out page.
		DefaultLogoutRedirectURI: prefix + signedOutPath,
		CodeMethodS256:           true,
		AuthMethodPost:           true,
		SupportedScopes:          supportedScopes,
		SupportedClaims:          []string{"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "azp", "email", "email_verified", "name"},
	}
	// op encrypts codes and opaque tokens with this key. It only has to
	// live as long as the process, like everything else here.
	if _, err := rand.Read(cfg.CryptoKey[:]); err != nil {
		return nil, fmt.Errorf("devidp: generate crypto key: %w", err)
	}
	provider, err := op.NewProvider(cfg, store, op.StaticIssuer(issuer),
		// Development runs on http://localhost; op insists on https otherwise.
		op.WithAllowInsecure(),
		// The only client is the portal's server, so no browser script needs
		// cross-origin access; op's default CORS policy reflects any origin.
		op.WithCORSOptions(nil),
	)
	if err != nil {
		return nil, fmt.Errorf("devidp: create provider: %w", err)
	}
	return provider, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, h.prefix)
	if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
		// e.g. /dev-idpx: not ours, whatever the caller's mux thought.
		http.NotFound(w, r)
		return
	}
	switch rest {
	case "", "/":
		h.serveIndex(w, r)
	case loginPath:
		h.serveLogin(w, r)
	case signedOutPath:
		h.serveSignedOut(w, r)
	default:
		h.oidc.ServeHTTP(w, r)
	}
}

// serveIndex is the provider's own address, which a person may open by mistake: it says what the provider is,
// sends them to the portal to sign in, and lists the accounts they can choose from there.
func (h *handler) serveIndex(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		h.pages.problemPage(w, http.StatusMethodNotAllowed, "This page only accepts GET.")
		return
	}
	accounts, err := h.store.directory.Accounts(r.Context())
	if err != nil {
		h.log.ErrorContext(r.Context(), "devidp: list accounts", "error", err)
	}
	h.pages.render(w, http.StatusOK, h.pages.index, page{
		Title: "Development sign-in", Accounts: accountViews(accounts),
		Discovery: h.prefix + "/.well-known/openid-configuration",
	})
}

// portalLogin is the sign-in page of the portal that a redirect URI belongs to: its origin and /login.
func portalLogin(redirectURI string) string {
	u, err := url.Parse(redirectURI)
	if err != nil {
		return "/login"
	}
	return u.Scheme + "://" + u.Host + "/login"
}
