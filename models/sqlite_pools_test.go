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

// On SQLite a transaction that is writing holds the one writer connection; reads outside it go to the read
// pool and are answered meanwhile, from what was last committed.
func TestSQLite_ReadsGoOnWhileATransactionWrites(t *testing.T) {
	store := models.NewStore(modeltest.NewSQLite(t).Gorm)
	ctx := context.Background()
	before := newTenant(t, store)
	writing, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- store.Transaction(ctx, func(tx *models.Store) error {
			newTenant(t, tx, func(tn *models.Tenant) { tn.Name = "Uncommitted" })
			close(writing)
			<-release
			return nil
		})
	}()
	<-writing
	readCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	tenants, err := store.Tenants(readCtx)
	close(release)
	if err != nil {
		t.Fatalf("a read while a transaction writes: %v", err)
	}
	names := map[string]bool{}
	for _, tn := range tenants {
		names[tn.Name] = true
	}
	if !names[before.Name] || names["Uncommitted"] {
		t.Errorf("the read saw %v: want the committed tenant and not the uncommitted one", names)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// Writes from many goroutines queue for the writer instead of failing with "database is locked", and a
// transaction reads what it has written.
func TestSQLite_ConcurrentWritersQueueAndATransactionReadsItsOwnWrites(t *testing.T) {
	store := models.NewStore(modeltest.NewSQLite(t).Gorm)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Go(func() {
			errs <- store.Transaction(ctx, func(tx *models.Store) error {
				tn := newTenant(t, tx)
				read, err := tx.Tenant(ctx, tn.ID)
				if err != nil || read.Name != tn.Name {
					return errors.Join(errors.New("the transaction does not see its own tenant"), err)
				}
				return nil
			})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
