package devidp

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

const (
	// authRequestLifetime bounds how long the sign-in page may sit open.
	authRequestLifetime = 10 * time.Minute
	// codeLifetime is short: the portal redeems the code at once.
	codeLifetime = 3 * time.Minute
)

var errNotFound = errors.New("devidp: not found or expired")

// storage is op.Storage held in memory. One mutex guards every map: this is a
// development tool with a handful of users, so contention is irrelevant.
type storage struct {
	client    *client
	secret    string
	key       *signingKey
	directory Directory
	now       func() time.Time

	mu       sync.Mutex
	requests map[string]*authRequest // by auth request ID
	codes    map[string]string       // code → auth request ID
	tokens   map[string]*accessToken // by token ID
}

func newStorage(cfg Config, key *signingKey, loginURLPath string) *storage {
	return &storage{
		client: &client{
			id:           cfg.ClientID,
			redirects:    slices.Clone(cfg.RedirectURIs),
			postLogouts:  slices.Clone(cfg.PostLogoutRedirectURIs),
			loginURLPath: loginURLPath,
		},
		secret:    cfg.ClientSecret,
		key:       key,
		directory: cfg.Directory,
		now:       time.Now,
		requests:  map[string]*authRequest{},
		codes:     map[string]string{},
		tokens:    map[string]*accessToken{},
	}
}

// CreateAuthRequest stores a validated authorize request. It also refuses
// what this provider deliberately does not do, with errors op redirects
// back to the client.
func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if slices.Contains(req.Prompt, oidc.PromptNone) {
		// There is no session to reuse: every sign-in picks an account.
		return nil, oidc.ErrLoginRequired()
	}
	if req.ResponseMode != "" && req.ResponseMode != oidc.ResponseModeQuery {
		// op's form_post page uses an inline script the portal's CSP forbids.
		return nil, oidc.ErrInvalidRequest().WithDescription("only response_mode=query is supported")
	}
	if req.CodeChallenge != "" && req.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("code_challenge_method must be S256")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.sweep(now)
	a := newAuthRequest(rand.Text(), req, now.Add(authRequestLifetime))
	s.requests[a.id] = a
	return a.snapshot(), nil
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.liveRequest(id)
	if err != nil {
		return nil, err
	}
	return a.snapshot(), nil
}

// AuthRequestByCode finds the request a code was issued for. It does not
// consume the code: that happens in redeemCode once op has checked the
// verifier and client, so a failed attempt reports its real cause instead
// of burning the code (x/oauth2 retries a failed exchange once).
func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.liveRequest(s.codes[code])
	if err != nil || a.code != code || !a.Done() {
		return nil, errNotFound
	}
	return a.snapshot(), nil
}

// redeemCode consumes the code req was looked up by. Checking and deleting
// under one lock makes codes single-use even when two redemptions race.
func (s *storage) redeemCode(req *authRequest) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.liveRequest(req.id)
	if err != nil || req.code == "" || a.code != req.code {
		return oidc.ErrInvalidGrant().WithDescription("code already used or expired")
	}
	delete(s.codes, a.code)
	a.code = ""
	return nil
}

// SaveAuthCode records the code for a completed request. A new code replaces
// any previous one, so a request never has more than one live code.
func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.liveRequest(id)
	if err != nil {
		return err
	}
	if !a.Done() {
		return oidc.ErrInteractionRequired()
	}
	delete(s.codes, a.code)
	a.code = code
	a.expires = s.now().Add(codeLifetime)
	s.codes[code] = id
	return nil
}

func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deleteRequest(id)
	return nil
}

// completeAuthRequest records the account chosen on the sign-in page.
func (s *storage) completeAuthRequest(id, subject string) (*authRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.liveRequest(id)
	if err != nil {
		return nil, err
	}
	// Choosing again (back button, double submit) kills any code issued
	// for the earlier choice before the subject changes under it.
	delete(s.codes, a.code)
	a.code = ""
	a.subject = subject
	a.authTime = s.now()
	return a.snapshot(), nil
}

// liveRequest returns the stored request if it exists and has not expired.
// The caller holds s.mu.
func (s *storage) liveRequest(id string) (*authRequest, error) {
	a, ok := s.requests[id]
	if !ok || !s.now().Before(a.expires) {
		return nil, errNotFound
	}
	return a, nil
}

func (s *storage) deleteRequest(id string) {
	if a, ok := s.requests[id]; ok {
		delete(s.codes, a.code)
		delete(s.requests, id)
	}
}

// sweep drops expired requests and tokens so memory stays bounded however
// long the development server runs. The caller holds s.mu.
func (s *storage) sweep(now time.Time) {
	for id, a := range s.requests {
		if !now.Before(a.expires) {
			s.deleteRequest(id)
		}
	}
	for id, t := range s.tokens {
		if !now.Before(t.expires) {
			delete(s.tokens, id)
		}
	}
}

func (s *storage) GetClientByClientID(_ context.Context, clientID string) (op.Client, error) {
	if clientID != s.client.id {
		return nil, errors.New("devidp: unknown client")
	}
	return s.client, nil
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, clientID, secret string) error {
	idOK := subtle.ConstantTimeCompare([]byte(clientID), []byte(s.client.id))
	secretOK := subtle.ConstantTimeCompare([]byte(secret), []byte(s.secret))
	if idOK&secretOK != 1 {
		return errors.New("devidp: wrong client credentials")
	}
	return nil
}

func (s *storage) Health(context.Context) error { return nil }

var _ op.Storage = (*storage)(nil)
