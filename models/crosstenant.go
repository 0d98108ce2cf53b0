package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// The sign-in path: the few reads that must cross tenants on purpose, because the tenant is not known yet —
// whose session or API token this is, which tenants a person belongs to, which invitations await an e-mail
// address — and ending a browser's previous session, whichever tenant it was in. They run with the tenant
// setting "signin", which row-level security lets read sessions, API tokens, memberships and invitations of
// every tenant, and delete sessions, and nothing more: no project, organisation or audit event is visible on
// this path (migrations/postgres/00008_row_level_security.sql). Nothing outside this file uses the setting,
// so a reviewer finds every deliberate cross-tenant read here (docs/architecture.md, "Tenancy").
const settingSignIn = "signin"

func (s *Store) onSignInPath(ctx context.Context, fn func(db *gorm.DB) error) error {
	return s.withSetting(ctx, settingSignIn, fn)
}

// Credential is what a session or API token stands for, read in one query: the credential's own dates, its
// person, the tenant it acts in and the person's roles there now (none if they have lost them).
type Credential struct {
	UserID     int64
	TenantID   int64
	Provider   string     // for a session: the identity provider it came from
	IDToken    string     // for a session: kept for the provider's logout
	LastSeenAt *time.Time // for a session, its last activity; for a token, its last use (nil: never used)
	ExpiresAt  time.Time
	RevokedAt  *time.Time // for a token
	TokenID    int64      // for a token
	User       User
	Tenant     Tenant
	Roles      []Role
}

// credentialRow is one row of the credential query: the credential, person and tenant, and one role.
type credentialRow struct {
	UserID       int64
	TenantID     int64
	TokenID      int64
	Provider     string
	IDToken      string
	LastSeenAt   *time.Time
	ExpiresAt    time.Time
	RevokedAt    *time.Time
	UIssuer      string     `gorm:"column:u_issuer"`
	USubject     string     `gorm:"column:u_subject"`
	UEmail       string     `gorm:"column:u_email"`
	UDisplayName string     `gorm:"column:u_display_name"`
	UDisabledAt  *time.Time `gorm:"column:u_disabled_at"`
	TProgrammeID int64      `gorm:"column:t_programme_id"`
	TKind        TenantKind `gorm:"column:t_kind"`
	TSlug        string     `gorm:"column:t_slug"`
	TName        string     `gorm:"column:t_name"`
	TLeadBody    string     `gorm:"column:t_lead_body"`
	TRegion      string     `gorm:"column:t_itl1_region"`
	TPrefix      string     `gorm:"column:t_reference_prefix"`
	Role         *Role
}

const credentialColumns = `users.issuer AS u_issuer, users.subject AS u_subject, users.email AS u_email,
	users.display_name AS u_display_name, users.disabled_at AS u_disabled_at,
	tenants.programme_id AS t_programme_id, tenants.kind AS t_kind, tenants.slug AS t_slug, tenants.name AS t_name,
	tenants.lead_body AS t_lead_body, tenants.itl1_region AS t_itl1_region, tenants.reference_prefix AS t_reference_prefix,
	memberships.role AS role`

// SessionCredential reads a session by the hash of its cookie value, with its person, tenant and roles.
func (s *Store) SessionCredential(ctx context.Context, idHash string) (Credential, error) {
	var rows []credentialRow
	err := s.onSignInPath(ctx, func(db *gorm.DB) error {
		return db.Table("sessions").
			Select("sessions.user_id, sessions.tenant_id, sessions.provider, sessions.id_token, sessions.last_seen_at, sessions.expires_at, "+credentialColumns).
			Joins("JOIN users ON users.id = sessions.user_id").
			Joins("JOIN tenants ON tenants.id = sessions.tenant_id").
			Joins("LEFT JOIN memberships ON memberships.user_id = sessions.user_id AND memberships.tenant_id = sessions.tenant_id").
			Where("sessions.id_hash = ?", idHash).Order("memberships.role").Scan(&rows).Error
	})
	return credentialFrom(rows, err)
}

// APITokenCredential reads an API token by the hash of its secret, with its person, tenant and roles.
func (s *Store) APITokenCredential(ctx context.Context, tokenHash string) (Credential, error) {
	var rows []credentialRow
	err := s.onSignInPath(ctx, func(db *gorm.DB) error {
		return db.Table("api_tokens").
			Select("api_tokens.id AS token_id, api_tokens.user_id, api_tokens.tenant_id, api_tokens.last_used_at AS last_seen_at, api_tokens.expires_at, api_tokens.revoked_at, "+credentialColumns).
			Joins("JOIN users ON users.id = api_tokens.user_id").
			Joins("JOIN tenants ON tenants.id = api_tokens.tenant_id").
			Joins("LEFT JOIN memberships ON memberships.user_id = api_tokens.user_id AND memberships.tenant_id = api_tokens.tenant_id").
			Where("api_tokens.token_hash = ?", tokenHash).Order("memberships.role").Scan(&rows).Error
	})
	return credentialFrom(rows, err)
}

func credentialFrom(rows []credentialRow, err error) (Credential, error) {
	if err != nil {
		return Credential{}, translate(err)
	}
	if len(rows) == 0 {
		return Credential{}, ErrNotFound
	}
	r := rows[0]
	c := Credential{
		UserID: r.UserID, TenantID: r.TenantID, Provider: r.Provider, IDToken: r.IDToken,
		LastSeenAt: r.LastSeenAt, ExpiresAt: r.ExpiresAt, RevokedAt: r.RevokedAt, TokenID: r.TokenID,
		User: User{ID: r.UserID, Issuer: r.UIssuer, Subject: r.USubject, Email: r.UEmail, DisplayName: r.UDisplayName, DisabledAt: r.UDisabledAt},
		Tenant: Tenant{ID: r.TenantID, ProgrammeID: r.TProgrammeID, Kind: r.TKind, Slug: r.TSlug, Name: r.TName,
			LeadBody: r.TLeadBody, ITL1Region: r.TRegion, ReferencePrefix: r.TPrefix},
	}
	for _, row := range rows {
		if row.Role != nil {
			c.Roles = append(c.Roles, *row.Role)
		}
	}
	return c, nil
}

// MembershipsOfUser lists every role the user holds, in any tenant: sign-in chooses among them.
func (s *Store) MembershipsOfUser(ctx context.Context, userID int64) ([]Membership, error) {
	var ms []Membership
	err := s.onSignInPath(ctx, func(db *gorm.DB) error {
		return db.Where("user_id = ?", userID).Order("tenant_id, role").Find(&ms).Error
	})
	return ms, translate(err)
}

// PendingInvitationsFor lists the open, unexpired invitations for an e-mail address through one provider, in
// any tenant: the invitations a sign-in may bind.
func (s *Store) PendingInvitationsFor(ctx context.Context, email, provider string, now time.Time) ([]Invitation, error) {
	var invs []Invitation
	err := s.onSignInPath(ctx, func(db *gorm.DB) error {
		return db.Where("email = ? AND provider = ? AND accepted_at IS NULL AND expires_at > ?", email, provider, now).
			Order("id").Find(&invs).Error
	})
	return invs, translate(err)
}

// AllPendingInvitations lists every open invitation through one provider, for the development sign-in page.
func (s *Store) AllPendingInvitations(ctx context.Context, provider string, now time.Time) ([]Invitation, error) {
	var invs []Invitation
	err := s.onSignInPath(ctx, func(db *gorm.DB) error {
		return db.Where("provider = ? AND accepted_at IS NULL AND expires_at > ?", provider, now).
			Order("email, id").Find(&invs).Error
	})
	return invs, translate(err)
}

// DeleteSession ends a session, whichever tenant it acts in; ending one that is gone already is not an error.
// Sign-in ends the browser's previous session with it, and sign-out the current one.
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	return translate(s.onSignInPath(ctx, func(db *gorm.DB) error {
		return db.Where("id_hash = ?", idHash).Delete(&Session{}).Error
	}))
}
