package devidp

import (
	"net/url"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

const (
	idTokenLifetime     = 15 * time.Minute
	accessTokenLifetime = 15 * time.Minute
)

var supportedScopes = []string{oidc.ScopeOpenID, oidc.ScopeEmail, oidc.ScopeProfile}

// client is the single confidential web client (the portal itself).
type client struct {
	id           string
	redirects    []string
	postLogouts  []string
	loginURLPath string
}

func (c *client) GetID() string                       { return c.id }
func (c *client) RedirectURIs() []string              { return slices.Clone(c.redirects) }
func (c *client) PostLogoutRedirectURIs() []string    { return slices.Clone(c.postLogouts) }
func (c *client) ApplicationType() op.ApplicationType { return op.ApplicationTypeWeb }
func (c *client) AuthMethod() oidc.AuthMethod         { return oidc.AuthMethodBasic }
func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *client) GrantTypes() []oidc.GrantType         { return []oidc.GrantType{oidc.GrantTypeCode} }
func (c *client) IDTokenLifetime() time.Duration       { return idTokenLifetime }
func (c *client) DevMode() bool                        { return false }
func (c *client) ClockSkew() time.Duration             { return 0 }
func (c *client) IsScopeAllowed(scope string) bool     { return false } // only the standard scopes
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }  // email and name in the ID token

// LoginURL is path-only so the browser stays on whichever host name it used
// to reach the portal (localhost versus 127.0.0.1).
func (c *client) LoginURL(authRequestID string) string {
	return c.loginURLPath + "?authRequestID=" + url.QueryEscape(authRequestID)
}

// AccessTokenType is JWT because op's opaque tokens encode "id:subject" and
// break on subjects containing a colon; a JWT carries any subject.
func (c *client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeJWT }

func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}

func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}

var _ op.Client = (*client)(nil)
