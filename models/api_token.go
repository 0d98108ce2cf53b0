package models

import (
	"context"
	"time"
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

// CreateAPIToken stores a new token.
func (s *Store) CreateAPIToken(ctx context.Context, t *APIToken) error {
	if err := requireTenant(t.TenantID); err != nil {
		return err
	}
	return translate(s.db.WithContext(ctx).Create(t).Error)
}

// APITokenByHash finds a token by the hash of its secret.
func (s *Store) APITokenByHash(ctx context.Context, hash string) (APIToken, error) {
	var t APIToken
	err := s.db.WithContext(ctx).Where("token_hash = ?", hash).Take(&t).Error
	return t, translate(err)
}

// APITokensOf lists a person's tokens, newest first.
func (s *Store) APITokensOf(ctx context.Context, userID int64) ([]APIToken, error) {
	var ts []APIToken
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("created_at DESC, id DESC").Find(&ts).Error
	return ts, translate(err)
}

// RevokeAPIToken revokes one of a person's tokens; a token of someone else is ErrNotFound.
func (s *Store) RevokeAPIToken(ctx context.Context, userID, tokenID int64, at time.Time) error {
	res := s.db.WithContext(ctx).Model(&APIToken{}).
		Where("user_id = ? AND id = ? AND revoked_at IS NULL", userID, tokenID).Update("revoked_at", at)
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// TouchAPIToken records when a token was last used.
func (s *Store) TouchAPIToken(ctx context.Context, tokenID int64, at time.Time) error {
	return translate(s.db.WithContext(ctx).Model(&APIToken{}).Where("id = ?", tokenID).Update("last_used_at", at).Error)
}
