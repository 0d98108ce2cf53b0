package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestCreateUser_SameIssuerAndSubjectTwiceIsAConflict(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		newUser(t, store, withIdentity("https://idp.example", "same-subject"))

		duplicate := models.User{Issuer: "https://idp.example", Subject: "same-subject", CreatedAt: testNow, UpdatedAt: testNow}
		if err := store.CreateUser(context.Background(), &duplicate); !errors.Is(err, models.ErrConflict) {
			t.Errorf("error %v, want ErrConflict", err)
		}
	})
}

func TestCreateUser_SameSubjectFromAnotherIssuerIsAnotherPerson(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		a := newUser(t, store, withIdentity("https://a.example", "shared-subject"))
		b := newUser(t, store, withIdentity("https://b.example", "shared-subject"))

		found, err := store.UserByIdentity(context.Background(), "https://b.example", "shared-subject")
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == b.ID || found.ID != b.ID {
			t.Errorf("users %d and %d, lookup at b found %d: want two users, b's found", a.ID, b.ID, found.ID)
		}
	})
}

func TestDisableUser_DeletesTheirSessionsOnly(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		ctx := context.Background()
		tenant := newTenant(t, store)
		leaving, staying := newUser(t, store), newUser(t, store)
		gone := []models.Session{newSession(t, store, leaving, tenant), newSession(t, store, leaving, tenant)}
		kept := newSession(t, store, staying, tenant)

		if err := store.DisableUser(ctx, leaving.ID, testNow.Add(time.Minute)); err != nil {
			t.Fatalf("disable: %v", err)
		}

		for _, s := range gone {
			if _, err := store.SessionCredential(ctx, s.IDHash); !errors.Is(err, models.ErrNotFound) {
				t.Errorf("disabled user's session %s: error %v, want ErrNotFound", s.IDHash, err)
			}
		}
		if _, err := store.SessionCredential(ctx, kept.IDHash); err != nil {
			t.Errorf("another user's session: %v, want it kept", err)
		}
		u, err := store.User(ctx, leaving.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !u.Disabled() || !u.DisabledAt.Equal(testNow.Add(time.Minute)) {
			t.Errorf("disabled at %v, want %s", u.DisabledAt, testNow.Add(time.Minute))
		}
	})
}
