package models_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// TestRunScheduledJob_RunsOncePerIntervalAcrossProcesses offers a job from two connection pools, many
// times at once: it runs once; again only once the interval has passed.
func TestRunScheduledJob_RunsOncePerIntervalAcrossProcesses(t *testing.T) {
	modeltest.ForEachSharedDatabase(t, func(t *testing.T, first, second *models.Database) {
		stores := []*models.Store{models.NewStore(first.Gorm), models.NewStore(second.Gorm)}
		const interval = 10 * time.Minute
		var runs atomic.Int32
		offer := func(now time.Time) {
			var wg sync.WaitGroup
			for i := range 8 {
				wg.Go(func() {
					_, err := stores[i%2].RunScheduledJob(context.Background(), "clean", now, interval, func(*models.Store) error {
						runs.Add(1)
						time.Sleep(20 * time.Millisecond) // long enough for the others to arrive meanwhile
						return nil
					})
					if err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
		}
		offer(testNow)
		offer(testNow.Add(interval - time.Second))
		if got := runs.Load(); got != 1 {
			t.Errorf("the job ran %d times within one interval, want once", got)
		}
		offer(testNow.Add(interval))
		if got := runs.Load(); got != 2 {
			t.Errorf("the job ran %d times in all after the interval passed, want twice", got)
		}
	})
}

func TestRunScheduledJob_AFailedRunLeavesTheIntervalUnclaimed(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		ctx := context.Background()
		broken := errors.New("broken")
		ran, err := store.RunScheduledJob(ctx, "clean", testNow, time.Hour, func(*models.Store) error { return broken })
		if !errors.Is(err, broken) || ran {
			t.Fatalf("failing run: ran %v, %v; want the job's error", ran, err)
		}
		ran, err = store.RunScheduledJob(ctx, "clean", testNow.Add(time.Second), time.Hour, func(*models.Store) error { return nil })
		if err != nil || !ran {
			t.Errorf("the next offer: ran %v, %v; want it to run, as the failed run claimed nothing", ran, err)
		}
	})
}
