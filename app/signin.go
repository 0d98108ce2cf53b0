package app

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/innovation-accelerators/portal/models"
)

// LoginStart is what the browser needs to begin a sign-in: a value for its login cookie, which binds the
// callback to this browser, and the provider's authorization URL to go to.
type LoginStart struct {
	BrowserToken     string
	AuthorizationURL string
}

// StartLogin begins an authorization-code sign-in with PKCE at the named provider. State, nonce and the PKCE
// verifier stay on the server, in a single-use login transaction that expires after ten minutes.
func (id *Identity) StartLogin(ctx context.Context, providerName, returnTo string) (LoginStart, error) {
	p, err := id.providers.get(ctx, providerName)
	if err != nil {
		return LoginStart{}, err
	}
	browserToken, err := randomToken()
	if err != nil {
		return LoginStart{}, err
	}
	state, err := randomToken()
	if err != nil {
		return LoginStart{}, err
	}
	nonce, err := randomToken()
	if err != nil {
		return LoginStart{}, err
	}
	now := id.now()
	tx := models.LoginTransaction{
		IDHash: hashToken(browserToken), State: state, Nonce: nonce, CodeVerifier: oauth2.GenerateVerifier(),
		Provider: p.Name, ReturnTo: SafeReturnPath(returnTo), CreatedAt: now, ExpiresAt: now.Add(loginTransactionTTL),
	}
	if err := id.store.CreateLoginTransaction(ctx, &tx); err != nil {
		return LoginStart{}, fmt.Errorf("start sign-in: %w", err)
	}
	url := p.oauth2.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(tx.CodeVerifier))
	return LoginStart{BrowserToken: browserToken, AuthorizationURL: url}, nil
}

// Callback is what the provider sent the browser back with, plus the browser's login cookie.
type Callback struct {
	BrowserToken     string
	State            string
	Code             string
	Issuer           string // RFC 9207 "iss" parameter, when the provider sends one
	Error            string
	ErrorDescription string
}

// SignedIn is a completed sign-in: a new session, and where to send the browser.
type SignedIn struct {
	SessionToken string
	ReturnTo     string
	Principal    Principal
}

// CompleteLogin checks a callback against the login transaction this browser started, exchanges the code,
// verifies the ID token, finds or binds the account and opens a fresh session. The previous session of this
// browser, if any, is ended: a sign-in always gets a new session ID.
func (id *Identity) CompleteLogin(ctx context.Context, cb Callback, previousSession string) (SignedIn, error) {
	tx, err := id.takeLoginTransaction(ctx, cb)
	if err != nil {
		id.auditRefusal(ctx, "", err)
		return SignedIn{}, err
	}
	claims, err := id.verifiedClaims(ctx, tx, cb)
	if err != nil {
		id.auditRefusal(ctx, tx.Provider, err)
		return SignedIn{}, err
	}
	signedIn, err := id.openSession(ctx, tx, claims, previousSession)
	if err != nil {
		id.auditRefusal(ctx, tx.Provider, err)
		return SignedIn{}, err
	}
	return signedIn, nil
}

// takeLoginTransaction consumes the browser's login transaction and checks the state matches it. Whatever
// the outcome, the transaction is gone: a callback can be tried once.
func (id *Identity) takeLoginTransaction(ctx context.Context, cb Callback) (models.LoginTransaction, error) {
	if cb.BrowserToken == "" || cb.State == "" {
		return models.LoginTransaction{}, fmt.Errorf("callback without login cookie or state: %w", ErrLoginInvalid)
	}
	tx, err := id.store.TakeLoginTransaction(ctx, hashToken(cb.BrowserToken), id.now())
	if errors.Is(err, models.ErrNotFound) {
		return tx, fmt.Errorf("no open login for this browser: %w", ErrLoginInvalid)
	}
	if err != nil {
		return tx, fmt.Errorf("read login transaction: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(tx.State), []byte(cb.State)) != 1 {
		return tx, fmt.Errorf("state does not match: %w", ErrLoginInvalid)
	}
	return tx, nil
}

// identityClaims are the ID token claims the portal uses.
type identityClaims struct {
	Issuer        string
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
	RawIDToken    string
}

// verifiedClaims exchanges the code (with the PKCE verifier) at the provider the login started with, and
// checks the ID token: signature, issuer, audience and expiry by go-oidc; nonce, subject and iat by us.
func (id *Identity) verifiedClaims(ctx context.Context, tx models.LoginTransaction, cb Callback) (identityClaims, error) {
	if cb.Error != "" {
		return identityClaims{}, fmt.Errorf("provider answered %q (%s): %w", cb.Error, cb.ErrorDescription, ErrSignInRefused)
	}
	p, err := id.providers.get(ctx, tx.Provider)
	if err != nil {
		return identityClaims{}, err
	}
	// Mix-up defence: a response that says it comes from another issuer is refused before any exchange.
	if cb.Issuer != "" && cb.Issuer != p.Issuer {
		return identityClaims{}, fmt.Errorf("callback from issuer %q for a login at %q: %w", cb.Issuer, p.Issuer, ErrSignInRefused)
	}
	// RFC 9207 section 2.4: a provider that promises the iss parameter must send it; a response without one is refused.
	if cb.Issuer == "" && p.authorizationResp {
		return identityClaims{}, fmt.Errorf("callback without the iss parameter %s promises: %w", p.Issuer, ErrSignInRefused)
	}
	if cb.Code == "" {
		return identityClaims{}, fmt.Errorf("callback without a code: %w", ErrSignInRefused)
	}
	httpCtx := oidc.ClientContext(ctx, id.cfg.HTTPClient)
	token, err := p.oauth2.Exchange(httpCtx, cb.Code, oauth2.VerifierOption(tx.CodeVerifier))
	if err != nil {
		return identityClaims{}, fmt.Errorf("exchange code at %s: %w: %w", p.Issuer, ErrSignInRefused, err)
	}
	raw, _ := token.Extra("id_token").(string)
	if raw == "" {
		return identityClaims{}, fmt.Errorf("token response without an ID token: %w", ErrSignInRefused)
	}
	return id.checkIDToken(httpCtx, p, raw, tx.Nonce)
}

func (id *Identity) checkIDToken(ctx context.Context, p *discoveredProvider, raw, nonce string) (identityClaims, error) {
	token, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return identityClaims{}, fmt.Errorf("verify ID token: %w: %w", ErrSignInRefused, err)
	}
	if subtle.ConstantTimeCompare([]byte(token.Nonce), []byte(nonce)) != 1 {
		return identityClaims{}, fmt.Errorf("ID token nonce does not match: %w", ErrSignInRefused)
	}
	if strings.TrimSpace(token.Subject) == "" {
		return identityClaims{}, fmt.Errorf("ID token without a subject: %w", ErrSignInRefused)
	}
	if token.IssuedAt.IsZero() || token.IssuedAt.After(id.now().Add(allowedClockSkew)) {
		return identityClaims{}, fmt.Errorf("ID token without a plausible iat: %w", ErrSignInRefused)
	}
	var extra struct {
		Email         string `json:"email"`
		EmailVerified any    `json:"email_verified"`
		Name          string `json:"name"`
	}
	if err := token.Claims(&extra); err != nil {
		return identityClaims{}, fmt.Errorf("read ID token claims: %w: %w", ErrSignInRefused, err)
	}
	return identityClaims{
		Issuer: token.Issuer, Subject: token.Subject, Email: NormaliseEmail(extra.Email),
		EmailVerified: isTrue(extra.EmailVerified), Name: strings.TrimSpace(extra.Name), RawIDToken: raw,
	}, nil
}

// isTrue reads email_verified, which some providers send as a string.
func isTrue(v any) bool {
	switch b := v.(type) {
	case bool:
		return b
	case string:
		return strings.EqualFold(b, "true")
	}
	return false
}

// SafeReturnPath keeps a return address on this site: only a local absolute path is accepted.
func SafeReturnPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsFunc(p, unsafeInReturnPath) {
		return "/"
	}
	return p
}

// unsafeInReturnPath: browsers read a backslash as a slash and drop tabs and newlines from a Location, so
// "/\t/evil.example" would take them to //evil.example; no control character belongs in a path anyway.
func unsafeInReturnPath(r rune) bool {
	return r == '\\' || r < 0x20 || r == 0x7f
}

// NormaliseEmail lower-cases and trims an address, so invitations match however it was typed.
func NormaliseEmail(e string) string {
	return strings.ToLower(strings.TrimSpace(e))
}
