package models

import (
	"context"
	"time"
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

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess *Session) error {
	if err := requireTenant(sess.TenantID); err != nil {
		return err
	}
	return translate(s.db.WithContext(ctx).Create(sess).Error)
}

// Session returns a session by the hash of its cookie value.
func (s *Store) Session(ctx context.Context, idHash string) (Session, error) {
	var sess Session
	err := s.db.WithContext(ctx).Where("id_hash = ?", idHash).Take(&sess).Error
	return sess, translate(err)
}

// TouchSession records activity, which keeps an idle session alive.
func (s *Store) TouchSession(ctx context.Context, idHash string, at time.Time) error {
	return translate(s.db.WithContext(ctx).Model(&Session{}).Where("id_hash = ?", idHash).
		Update("last_seen_at", at).Error)
}

// DeleteSession ends a session; ending one that is gone already is not an error.
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	return translate(s.db.WithContext(ctx).Where("id_hash = ?", idHash).Delete(&Session{}).Error)
}

// DeleteExpiredSessions removes sessions past their absolute end or idle for longer than idle.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time, idle time.Duration) (int64, error) {
	res := s.db.WithContext(ctx).Where("expires_at <= ? OR last_seen_at <= ?", now, now.Add(-idle)).
		Delete(&Session{})
	return res.RowsAffected, translate(res.Error)
}
