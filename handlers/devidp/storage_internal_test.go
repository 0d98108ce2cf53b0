package devidp

// White-box tests of lifetimes and code bookkeeping: waiting minutes over
// real HTTP is not an option, so these drive the storage with a clock they
// control.

import (
	"context"
	"testing"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

type accounts []Account

func (a accounts) Accounts(context.Context) ([]Account, error) { return a, nil }

func newTestStorage(t *testing.T) (*storage, *time.Time) {
	t.Helper()
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	cfg := Config{ClientID: "portal", ClientSecret: "x", RedirectURIs: []string{"http://localhost/cb"},
		Directory: accounts{{Subject: "alice"}}}
	s := newStorage(cfg, nil, "/dev-idp/login")
	s.now = func() time.Time { return now }
	return s, &now
}

func newTestRequest(t *testing.T, s *storage) string {
	t.Helper()
	req, err := s.CreateAuthRequest(t.Context(), &oidc.AuthRequest{ClientID: "portal", ResponseType: oidc.ResponseTypeCode}, "")
	if err != nil {
		t.Fatal(err)
	}
	return req.GetID()
}

func TestAuthRequestExpires(t *testing.T) {
	s, now := newTestStorage(t)
	id := newTestRequest(t, s)
	*now = now.Add(authRequestLifetime - time.Second)
	if _, err := s.AuthRequestByID(t.Context(), id); err != nil {
		t.Fatalf("request gone before its lifetime: %v", err)
	}
	*now = now.Add(time.Second)
	if _, err := s.AuthRequestByID(t.Context(), id); err == nil {
		t.Fatal("expired auth request still found")
	}
	if _, err := s.completeAuthRequest(id, "alice"); err == nil {
		t.Fatal("expired auth request could still be completed")
	}
}

func TestCodeExpires(t *testing.T) {
	s, now := newTestStorage(t)
	id := newTestRequest(t, s)
	if _, err := s.completeAuthRequest(id, "alice"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAuthCode(t.Context(), id, "code-1"); err != nil {
		t.Fatal(err)
	}
	*now = now.Add(codeLifetime)
	if _, err := s.AuthRequestByCode(t.Context(), "code-1"); err == nil {
		t.Fatal("expired code still redeemable")
	}
}

func TestSweepForgetsExpiredRequests(t *testing.T) {
	s, now := newTestStorage(t)
	newTestRequest(t, s)
	*now = now.Add(authRequestLifetime)
	newTestRequest(t, s) // creating a request sweeps the expired one
	if n := len(s.requests); n != 1 {
		t.Errorf("%d requests held, want 1 after the sweep", n)
	}
}

func TestChoosingAgainKillsEarlierCode(t *testing.T) {
	s, _ := newTestStorage(t)
	id := newTestRequest(t, s)
	if _, err := s.completeAuthRequest(id, "alice"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAuthCode(t.Context(), id, "code-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.completeAuthRequest(id, "alice"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuthRequestByCode(t.Context(), "code-1"); err == nil {
		t.Fatal("code from the earlier choice still redeemable")
	}
}
