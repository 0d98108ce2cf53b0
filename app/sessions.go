package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// newSession is what a session starts with: who, where, through which provider, and what the provider said.
type newSession struct {
	user          models.User
	tenant        models.Tenant
	provider      string
	rawIDToken    string
	verifiedEmail string
	expiresAt     time.Time // the absolute end; zero for the configured lifetime from now
}

func (id *Identity) storeSession(ctx context.Context, store *models.Store, token string, n newSession) error {
	now := id.now()
	sess := models.Session{
		IDHash: hashToken(token), UserID: n.user.ID, TenantID: n.tenant.ID, Provider: n.provider, IDToken: n.rawIDToken,
		VerifiedEmail: n.verifiedEmail, CreatedAt: now, LastSeenAt: now, ExpiresAt: n.expiresAt,
	}
	if sess.ExpiresAt.IsZero() {
		sess.ExpiresAt = now.Add(id.cfg.SessionAbsolute)
	}
	if err := store.CreateSession(ctx, &sess); err != nil {
		return fmt.Errorf("store session: %w", err)
	}
	return nil
}

// Authenticate returns the principal a session cookie stands for. A session that is unknown, idle too long,
// past its absolute end, or whose user is disabled or no longer holds a role in its tenant gives
// ErrUnauthenticated (and an expired one is deleted). The session, its person, tenant and roles are read in
// one query.
func (id *Identity) Authenticate(ctx context.Context, sessionToken string) (Principal, error) {
	if sessionToken == "" {
		return Principal{}, ErrUnauthenticated
	}
	idHash := hashToken(sessionToken)
	cred, err := id.store.SessionCredential(ctx, idHash)
	if errors.Is(err, models.ErrNotFound) {
		return Principal{}, ErrUnauthenticated
	}
	if err != nil {
		return Principal{}, fmt.Errorf("read session: %w", err)
	}
	now := id.now()
	if !now.Before(cred.ExpiresAt) || !now.Before(cred.LastSeenAt.Add(id.cfg.SessionIdle)) {
		if err := id.store.DeleteSession(ctx, idHash); err != nil {
			return Principal{}, err
		}
		return Principal{}, ErrUnauthenticated
	}
	principal, err := principalOf(cred)
	if err != nil {
		return Principal{}, err
	}
	if now.Sub(*cred.LastSeenAt) >= sessionTouchInterval {
		if err := id.store.TouchSession(ctx, models.InTenant(cred.TenantID), idHash, now); err != nil {
			return Principal{}, err
		}
	}
	return principal, nil
}

// principalOf is the principal a session or token acts as, or ErrUnauthenticated if its person is disabled
// or holds no role in its tenant any more.
func principalOf(cred models.Credential) (Principal, error) {
	if cred.User.Disabled() || len(cred.Roles) == 0 {
		return Principal{}, ErrUnauthenticated
	}
	p := newPrincipal(cred.User, cred.Tenant, cred.Roles)
	p.OtherTenants, p.Provider, p.VerifiedEmail = cred.Elsewhere, cred.Provider, cred.VerifiedEmail
	return p, nil
}

// Logout ends the session on the server. When the provider it came from advertises an end-session endpoint,
// it returns the URL to send the browser to, so the person is signed out there too; otherwise "".
func (id *Identity) Logout(ctx context.Context, sessionToken string) (string, error) {
	if sessionToken == "" {
		return "", nil
	}
	idHash := hashToken(sessionToken)
	sess, err := id.store.SessionCredential(ctx, idHash)
	if errors.Is(err, models.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read session: %w", err)
	}
	err = id.store.Transaction(ctx, func(store *models.Store) error {
		if err := store.DeleteSession(ctx, idHash); err != nil {
			return err
		}
		return appendAudit(ctx, store, id.now(), auditRecord{
			Actor: sess.UserID, Tenant: sess.TenantID, Action: "signout", EntityType: "user", EntityID: idString(sess.UserID),
		})
	})
	if err != nil {
		return "", fmt.Errorf("end session: %w", err)
	}
	return id.endSessionURL(ctx, sess), nil
}

// endSessionURL builds the provider's RP-initiated logout address. A provider that cannot be reached now
// gets no redirect: the portal session has ended either way.
func (id *Identity) endSessionURL(ctx context.Context, sess models.Credential) string {
	p, err := id.providers.get(ctx, sess.Provider)
	if err != nil || p.endSessionURL == "" {
		return ""
	}
	u, err := url.Parse(p.endSessionURL)
	if err != nil {
		return ""
	}
	q := u.Query()
	q.Set("client_id", p.ClientID)
	if sess.IDToken != "" {
		q.Set("id_token_hint", sess.IDToken)
	}
	if id.cfg.PostLogoutRedirectURL != "" {
		q.Set("post_logout_redirect_uri", id.cfg.PostLogoutRedirectURL)
	}
	u.RawQuery = q.Encode()
	return u.String()
}
