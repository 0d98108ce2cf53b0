package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Session is a signed-in browser. IDHash is the SHA-256 of the random value in the cookie.
type Session struct {
	IDHash     string `gorm:"primaryKey"`
	UserID     int64
	TenantID   int64
	Provider   string
	IDToken    string // kept for the provider's logout (id_token_hint)
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // the absolute end, whatever the activity
}

// CreateSession stores a new session in the tenant it acts in.
func (s *Store) CreateSession(ctx context.Context, sess *Session) error {
	scope := InTenant(sess.TenantID)
	return translate(s.inScope(ctx, scope, func(db *gorm.DB) error { return db.Create(sess).Error }))
}

// TouchSession records activity on a session of the scope's tenant, which keeps an idle session alive.
// Reading a session is the sign-in path's (SessionCredential).
func (s *Store) TouchSession(ctx context.Context, scope Scope, idHash string, at time.Time) error {
	return translate(s.inScope(ctx, scope, func(db *gorm.DB) error {
		return scope.where(db.Model(&Session{}), "sessions").Where("id_hash = ?", idHash).Update("last_seen_at", at).Error
	}))
}

// DeleteExpiredSessions removes sessions past their absolute end or idle for longer than idle, in every tenant.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time, idle time.Duration) (int64, error) {
	var removed int64
	err := s.inScope(ctx, AllTenants(), func(db *gorm.DB) error {
		res := db.Where("expires_at <= ? OR last_seen_at <= ?", now, now.Add(-idle)).Delete(&Session{})
		removed = res.RowsAffected
		return res.Error
	})
	return removed, translate(err)
}
