package models

import (
	"context"
	"time"
)

// LoginTransaction holds what a sign-in started with (state, nonce, PKCE verifier, provider) until the
// provider sends the browser back. IDHash is the SHA-256 of the random value in the browser's login cookie.
type LoginTransaction struct {
	IDHash       string `gorm:"primaryKey"`
	State        string
	Nonce        string
	CodeVerifier string
	Provider     string
	ReturnTo     string
	CreatedAt    time.Time
	ExpiresAt    time.Time
}

// CreateLoginTransaction stores a new login transaction.
func (s *Store) CreateLoginTransaction(ctx context.Context, tx *LoginTransaction) error {
	return translate(s.db.WithContext(ctx).Create(tx).Error)
}

// TakeLoginTransaction returns a login transaction and deletes it in the same step, so it serves one callback
// only: of two concurrent callers, one gets it and the other ErrNotFound. Expired ones are not returned.
func (s *Store) TakeLoginTransaction(ctx context.Context, idHash string, now time.Time) (LoginTransaction, error) {
	var found LoginTransaction
	err := s.Transaction(ctx, func(tx *Store) error {
		if err := tx.db.Where("id_hash = ?", idHash).Take(&found).Error; err != nil {
			return translate(err)
		}
		res := tx.db.Where("id_hash = ?", idHash).Delete(&LoginTransaction{})
		if res.Error != nil {
			return translate(res.Error)
		}
		if res.RowsAffected != 1 {
			return ErrNotFound
		}
		return nil
	})
	if err != nil {
		return LoginTransaction{}, err
	}
	if !now.Before(found.ExpiresAt) {
		return LoginTransaction{}, ErrNotFound
	}
	return found, nil
}

// DeleteExpiredLoginTransactions removes abandoned sign-ins.
func (s *Store) DeleteExpiredLoginTransactions(ctx context.Context, now time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("expires_at <= ?", now).Delete(&LoginTransaction{})
	return res.RowsAffected, translate(res.Error)
}
