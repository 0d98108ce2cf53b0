package models_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func newLoginTransaction(t *testing.T, store *models.Store, expiresAt time.Time) models.LoginTransaction {
	t.Helper()
	tx := models.LoginTransaction{
		IDHash: unique("login"), State: unique("state"), Nonce: unique("nonce"), CodeVerifier: unique("verifier"),
		Provider: "development", ReturnTo: "/people", CreatedAt: testNow, ExpiresAt: expiresAt,
	}
	if err := store.CreateLoginTransaction(context.Background(), &tx); err != nil {
		t.Fatalf("create login transaction: %v", err)
	}
	return tx
}

func TestTakeLoginTransaction_ServesOneCallbackOnly(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		created := newLoginTransaction(t, store, testNow.Add(10*time.Minute))

		taken, err := store.TakeLoginTransaction(context.Background(), created.IDHash, testNow)
		if err != nil {
			t.Fatalf("first take: %v", err)
		}
		if taken.State != created.State || taken.Nonce != created.Nonce || taken.CodeVerifier != created.CodeVerifier {
			t.Errorf("took %+v, want what was stored: %+v", taken, created)
		}
		if _, err := store.TakeLoginTransaction(context.Background(), created.IDHash, testNow); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("second take: error %v, want ErrNotFound", err)
		}
	})
}

func TestTakeLoginTransaction_OneOfTenConcurrentTakersWins(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		created := newLoginTransaction(t, store, testNow.Add(10*time.Minute))

		const takers = 10
		errs := make(chan error, takers)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for range takers {
			wg.Go(func() {
				<-start
				_, err := store.TakeLoginTransaction(context.Background(), created.IDHash, testNow)
				errs <- err
			})
		}
		close(start)
		wg.Wait()
		close(errs)

		won, lost := 0, 0
		for err := range errs {
			switch {
			case err == nil:
				won++
			case errors.Is(err, models.ErrNotFound):
				lost++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if won != 1 || lost != takers-1 {
			t.Errorf("%d won and %d got ErrNotFound, want 1 and %d", won, lost, takers-1)
		}
	})
}

func TestTakeLoginTransaction_RefusesAnExpiredOneAndUsesItUp(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		expiry := testNow.Add(10 * time.Minute)
		for name, takenAt := range map[string]time.Time{"at its expiry": expiry, "after its expiry": expiry.Add(time.Hour)} {
			created := newLoginTransaction(t, store, expiry)
			if _, err := store.TakeLoginTransaction(context.Background(), created.IDHash, takenAt); !errors.Is(err, models.ErrNotFound) {
				t.Errorf("take %s: error %v, want ErrNotFound", name, err)
			}
			if _, err := store.TakeLoginTransaction(context.Background(), created.IDHash, testNow); !errors.Is(err, models.ErrNotFound) {
				t.Errorf("take again before its expiry, after a take %s: error %v, want ErrNotFound", name, err)
			}
		}
	})
}
