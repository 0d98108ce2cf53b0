package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// APIToken is a personal token for the JSON API. It acts as its owner, in the tenant it was made in.
// Only the SHA-256 of the secret is kept; Prefix (its first characters) lets a person recognise it.
type APIToken struct {
	ID         int64
	UserID     int64
	TenantID   int64
	Name       string
	TokenHash  string
	Prefix     string
	ExpiresAt  time.Time
	RevokedAt  *time.Time
	LastUsedAt *time.Time
	CreatedAt  time.Time
}

// Usable reports whether the token may still be used.
func (t APIToken) Usable(now time.Time) bool {
	return t.RevokedAt == nil && now.Before(t.ExpiresAt)
}

// CreateAPIToken stores a new token in the tenant it acts in.
func (s *Store) CreateAPIToken(ctx context.Context, t *APIToken) error {
	return translate(s.inScope(ctx, InTenant(t.TenantID), func(db *gorm.DB) error { return db.Create(t).Error }))
}

// APITokensOf lists a person's tokens that act in the scope's tenant, newest first. Finding a token by its
// secret is the sign-in path's (APITokenCredential).
func (s *Store) APITokensOf(ctx context.Context, scope Scope, userID int64) ([]APIToken, error) {
	var ts []APIToken
	err := s.inScope(ctx, scope, func(db *gorm.DB) error {
		return scope.where(db.Table("api_tokens"), "api_tokens").Where("user_id = ?", userID).
			Order("created_at DESC, id DESC").Find(&ts).Error
	})
	return ts, translate(err)
}

// RevokeAPIToken revokes one of a person's tokens in the scope's tenant; anyone else's is ErrNotFound.
func (s *Store) RevokeAPIToken(ctx context.Context, scope Scope, userID, tokenID int64, at time.Time) error {
	return translate(s.inScope(ctx, scope, func(db *gorm.DB) error {
		res := scope.where(db.Model(&APIToken{}), "api_tokens").
			Where("user_id = ? AND id = ? AND revoked_at IS NULL", userID, tokenID).Update("revoked_at", at)
		if res.Error == nil && res.RowsAffected == 0 {
			return ErrNotFound
		}
		return res.Error
	}))
}

// TouchAPIToken records when a token of the scope's tenant was last used.
func (s *Store) TouchAPIToken(ctx context.Context, scope Scope, tokenID int64, at time.Time) error {
	return translate(s.inScope(ctx, scope, func(db *gorm.DB) error {
		return scope.where(db.Model(&APIToken{}), "api_tokens").Where("id = ?", tokenID).Update("last_used_at", at).Error
	}))
}
