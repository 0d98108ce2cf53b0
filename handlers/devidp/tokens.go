package devidp

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// accessToken is what the userinfo and introspection endpoints look up; the
// JWT handed to the client carries only its ID (jti) and subject.
type accessToken struct {
	subject  string
	clientID string
	scopes   []string
	issued   time.Time
	expires  time.Time
}

var errUnsupported = errors.New("devidp: not supported by the development provider")

// CreateAccessToken is the first storage call after op has validated a code
// exchange, so it is where the code is redeemed.
func (s *storage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	authReq, ok := req.(*authRequest)
	if !ok {
		return "", time.Time{}, errUnsupported // only the code flow issues tokens
	}
	if err := s.redeemCode(authReq); err != nil {
		return "", time.Time{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.sweep(now)
	t := &accessToken{
		subject:  req.GetSubject(),
		clientID: s.client.id,
		scopes:   slices.Clone(req.GetScopes()),
		issued:   now,
		expires:  now.Add(accessTokenLifetime),
	}
	id := rand.Text()
	s.tokens[id] = t
	return id, t.expires, nil
}

// liveToken returns a copy of an unexpired token issued to subject.
func (s *storage) liveToken(id, subject string) (accessToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok || t.subject != subject || !s.now().Before(t.expires) {
		return accessToken{}, errNotFound
	}
	return *t, nil
}

func (s *storage) SetUserinfoFromToken(ctx context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	t, err := s.liveToken(tokenID, subject)
	if err != nil {
		return err
	}
	return s.fillUserinfo(ctx, info, subject, t.scopes)
}

func (s *storage) SetIntrospectionFromToken(ctx context.Context, resp *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	t, err := s.liveToken(tokenID, subject)
	if err != nil || clientID != t.clientID {
		return errNotFound
	}
	info := new(oidc.UserInfo)
	if err := s.fillUserinfo(ctx, info, subject, t.scopes); err != nil {
		return err
	}
	resp.SetUserInfo(info)
	resp.Scope = t.scopes
	resp.ClientID = t.clientID
	resp.Audience = []string{t.clientID}
	resp.IssuedAt = oidc.FromTime(t.issued)
	resp.Expiration = oidc.FromTime(t.expires)
	resp.JWTID = tokenID
	return nil
}

// SetUserinfoFromScopes is deprecated in op in favour of SetUserinfoFromRequest.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest fills the ID token's user claims.
func (s *storage) SetUserinfoFromRequest(ctx context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	err := s.fillUserinfo(ctx, info, req.GetSubject(), scopes)
	if errors.Is(err, errUnknownAccount) {
		// Removed from the directory since sign-in: a refusal, not a fault.
		return oidc.ErrInvalidGrant().WithDescription("the account is no longer in the directory").WithParent(err)
	}
	return err
}

// fillUserinfo asks the directory afresh, so an account removed since
// sign-in cannot obtain tokens or user info.
func (s *storage) fillUserinfo(ctx context.Context, info *oidc.UserInfo, subject string, scopes []string) error {
	acct, err := findAccount(ctx, s.directory, subject)
	if err != nil {
		return err
	}
	info.Subject = acct.Subject
	if slices.Contains(scopes, oidc.ScopeEmail) {
		info.Email = acct.Email
		info.EmailVerified = true
	}
	if slices.Contains(scopes, oidc.ScopeProfile) {
		info.Name = acct.Name
	}
	return nil
}

// findAccount looks the subject up in the directory.
func findAccount(ctx context.Context, dir Directory, subject string) (Account, error) {
	accounts, err := dir.Accounts(ctx)
	if err != nil {
		return Account{}, fmt.Errorf("devidp: list accounts: %w", err)
	}
	for _, a := range accounts {
		if a.Subject != "" && a.Subject == subject {
			return a, nil
		}
	}
	return Account{}, errUnknownAccount
}

var errUnknownAccount = errors.New("devidp: no such account in the directory")

func (s *storage) RevokeToken(_ context.Context, tokenID, _, clientID string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tokens[tokenID]; ok && t.clientID == clientID {
		delete(s.tokens, tokenID)
	}
	return nil // RFC 7009: unknown tokens are not an error
}

// TerminateSession has nothing to end: the provider keeps no browser
// session, every sign-in picks an account afresh.
func (s *storage) TerminateSession(context.Context, string, string) error { return nil }

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) { return s.key, nil }

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	return []op.Key{publicKey{s.key}}, nil
}

// The rest of op.Storage covers refresh tokens and JWT-profile grants, which
// the client is not registered for; op never reaches them for it.

func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, errUnsupported
}

func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, oidc.ErrInvalidGrant().WithDescription("refresh tokens are not supported")
}

func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errUnsupported
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errUnsupported
}

var _ op.CanSetUserinfoFromRequest = (*storage)(nil)
