package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// User is a person as one identity provider knows them: the pair (issuer, subject) is who they are, never
// their e-mail address, which the provider may change or reuse.
type User struct {
	ID           int64
	Issuer       string
	Subject      string
	Email        string
	DisplayName  string
	DisabledAt   *time.Time
	LastSignInAt *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Disabled reports whether the account may no longer sign in or use a session.
func (u User) Disabled() bool { return u.DisabledAt != nil }

// User returns one user by ID.
func (s *Store) User(ctx context.Context, id int64) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&u).Error
	return u, translate(err)
}

// UserByIdentity returns the user an identity provider knows by this issuer and subject.
func (s *Store) UserByIdentity(ctx context.Context, issuer, subject string) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Where("issuer = ? AND subject = ?", issuer, subject).Take(&u).Error
	return u, translate(err)
}

// CreateUser stores a new user.
func (s *Store) CreateUser(ctx context.Context, u *User) error {
	return translate(s.db.WithContext(ctx).Create(u).Error)
}

// RecordSignIn keeps the name and e-mail the provider sent this time, for display only.
func (s *Store) RecordSignIn(ctx context.Context, userID int64, email, name string, at time.Time) error {
	res := s.db.WithContext(ctx).Model(&User{}).Where("id = ?", userID).
		Updates(map[string]any{"email": email, "display_name": name, "last_sign_in_at": at, "updated_at": at})
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// DisableUser stops the account signing in; its sessions, in every tenant, die with it.
func (s *Store) DisableUser(ctx context.Context, userID int64, at time.Time) error {
	return s.Transaction(ctx, func(tx *Store) error {
		return translate(tx.inScope(ctx, AllTenants(), func(db *gorm.DB) error {
			res := db.Model(&User{}).Where("id = ? AND disabled_at IS NULL", userID).
				Updates(map[string]any{"disabled_at": at, "updated_at": at})
			if res.Error != nil {
				return res.Error
			}
			return db.Where("user_id = ?", userID).Delete(&Session{}).Error
		}))
	})
}
