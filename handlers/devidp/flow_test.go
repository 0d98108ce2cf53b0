package devidp_test

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	jose "github.com/go-jose/go-jose/v4"
	"golang.org/x/oauth2"
)

type userClaims struct {
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	Name          string `json:"name"`
}

func TestAuthorizationCodeRoundTrip(t *testing.T) {
	e := newEnv(t, demoAccounts)
	for _, acct := range demoAccounts {
		t.Run(acct.Subject, func(t *testing.T) {
			a := newAttempt()
			code := e.signIn(t, a, acct.Subject)
			tok, err := e.oauth.Exchange(t.Context(), code, oauth2.VerifierOption(a.verifier))
			if err != nil {
				t.Fatalf("exchange: %v", err)
			}
			raw, _ := tok.Extra("id_token").(string)
			idt, err := e.provider.Verifier(&oidc.Config{ClientID: testClientID}).Verify(t.Context(), raw)
			if err != nil {
				t.Fatalf("verify ID token: %v", err)
			}
			if idt.Issuer != e.issuer || !slices.Contains(idt.Audience, testClientID) {
				t.Errorf("iss %q aud %v, want %q and %q", idt.Issuer, idt.Audience, e.issuer, testClientID)
			}
			if idt.Nonce != a.nonce || idt.Subject != acct.Subject {
				t.Errorf("nonce %q sub %q, want %q and %q", idt.Nonce, idt.Subject, a.nonce, acct.Subject)
			}
			var c userClaims
			if err := idt.Claims(&c); err != nil {
				t.Fatalf("claims: %v", err)
			}
			if want := (userClaims{acct.Email, true, acct.Name}); c != want {
				t.Errorf("claims %+v, want %+v", c, want)
			}
			checkHeader(t, e, raw)
			checkUserInfo(t, e, tok, acct.Subject, acct.Email)
		})
	}
}

// checkHeader asserts RS256 and a kid that names the key in the JWKS.
func checkHeader(t *testing.T, e *env, raw string) {
	t.Helper()
	jws, err := jose.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		t.Fatalf("parse ID token: %v", err)
	}
	h := jws.Signatures[0].Header
	keys := fetchJWKS(t, e)
	if h.Algorithm != "RS256" || h.KeyID == "" || len(keys.Key(h.KeyID)) != 1 {
		t.Errorf("header alg %q kid %q not in JWKS", h.Algorithm, h.KeyID)
	}
}

func checkUserInfo(t *testing.T, e *env, tok *oauth2.Token, sub, email string) {
	t.Helper()
	info, err := e.provider.UserInfo(t.Context(), oauth2.StaticTokenSource(tok))
	if err != nil {
		t.Fatalf("userinfo: %v", err)
	}
	if info.Subject != sub || info.Email != email || !info.EmailVerified {
		t.Errorf("userinfo %+v, want sub %q email %q verified", info, sub, email)
	}
}

func TestCodeIsSingleUse(t *testing.T) {
	e := newEnv(t, demoAccounts)
	a := newAttempt()
	code := e.signIn(t, a, "alice-1")
	if _, err := e.oauth.Exchange(t.Context(), code, oauth2.VerifierOption(a.verifier)); err != nil {
		t.Fatalf("first exchange: %v", err)
	}
	_, err := e.oauth.Exchange(t.Context(), code, oauth2.VerifierOption(a.verifier))
	wantOAuthError(t, err, "invalid_grant")
}

// TestRacingRedemptionsGetOneToken redeems one code from several goroutines
// at once: exactly one may succeed.
func TestRacingRedemptionsGetOneToken(t *testing.T) {
	e := newEnv(t, demoAccounts)
	a := newAttempt()
	code := e.signIn(t, a, "alice-1")
	var wg sync.WaitGroup
	var wins atomic.Int32
	for range 8 {
		wg.Go(func() {
			if _, err := e.oauth.Exchange(t.Context(), code, oauth2.VerifierOption(a.verifier)); err == nil {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if n := wins.Load(); n != 1 {
		t.Errorf("%d successful redemptions of one code, want 1", n)
	}
}

func TestPKCEVerifierIsEnforced(t *testing.T) {
	e := newEnv(t, demoAccounts)
	t.Run("wrong verifier", func(t *testing.T) {
		code := e.signIn(t, newAttempt(), "alice-1")
		_, err := e.oauth.Exchange(t.Context(), code, oauth2.VerifierOption(oauth2.GenerateVerifier()))
		wantOAuthError(t, err, "invalid_grant")
	})
	t.Run("missing verifier", func(t *testing.T) {
		code := e.signIn(t, newAttempt(), "alice-1")
		_, err := e.oauth.Exchange(t.Context(), code)
		wantOAuthError(t, err, "invalid_request")
	})
	t.Run("plain method refused", func(t *testing.T) {
		a := newAttempt()
		u := e.oauth.AuthCodeURL(a.state, oauth2.SetAuthURLParam("code_challenge", a.verifier),
			oauth2.SetAuthURLParam("code_challenge_method", "plain"))
		back := location(t, e.do(t, http.MethodGet, u, nil))
		if back.Query().Get("error") != "invalid_request" {
			t.Errorf("redirected to %s, want error=invalid_request", back)
		}
	})
}

func TestWrongClientSecretFails(t *testing.T) {
	e := newEnv(t, demoAccounts)
	a := newAttempt()
	code := e.signIn(t, a, "alice-1")
	bad := *e.oauth
	bad.ClientSecret = "not-the-secret"
	_, err := bad.Exchange(t.Context(), code, oauth2.VerifierOption(a.verifier))
	if err == nil {
		t.Fatal("exchange with a wrong client secret succeeded")
	}
}

func TestUnknownRedirectURIIsRefused(t *testing.T) {
	e := newEnv(t, demoAccounts)
	for _, uri := range []string{"https://evil.example/callback", e.redirectURI + "/extra", e.redirectURI + "?x=1"} {
		t.Run(uri, func(t *testing.T) {
			c := *e.oauth
			c.RedirectURL = uri
			resp := e.do(t, http.MethodGet, c.AuthCodeURL("state"), nil)
			if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
				t.Errorf("status %d Location %q, want 400 and no redirect", resp.StatusCode, resp.Header.Get("Location"))
			}
		})
	}
}

// TestConcurrentSignIns runs whole flows in parallel; with -race it checks
// the in-memory storage's locking.
func TestConcurrentSignIns(t *testing.T) {
	e := newEnv(t, demoAccounts)
	for i := range 8 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			a := newAttempt()
			code := e.signIn(t, a, demoAccounts[i%len(demoAccounts)].Subject)
			if _, err := e.oauth.Exchange(t.Context(), code, oauth2.VerifierOption(a.verifier)); err != nil {
				t.Errorf("exchange: %v", err)
			}
		})
	}
}

func wantOAuthError(t *testing.T, err error, code string) {
	t.Helper()
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		t.Fatalf("error %v, want an OAuth error %q", err, code)
	}
	if re.ErrorCode != code {
		t.Errorf("error code %q, want %q (%s)", re.ErrorCode, code, re.ErrorDescription)
	}
}
