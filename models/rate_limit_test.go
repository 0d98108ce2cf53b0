package models_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func window(subject string, start int64) models.RateLimitWindow {
	return models.RateLimitWindow{LimitName: "api", SubjectHash: subject, WindowStart: start,
		ExpiresAt: time.Unix(start+60, 0).UTC()}
}

// TestCountRateLimitHit_LosesNoCountWhenTwoProcessesCountAtOnce counts one window from two connection
// pools at once: the total is exact, and every caller was told a different count.
func TestCountRateLimitHit_LosesNoCountWhenTwoProcessesCountAtOnce(t *testing.T) {
	modeltest.ForEachSharedDatabase(t, func(t *testing.T, first, second *models.Database) {
		stores := []*models.Store{models.NewStore(first.Gorm), models.NewStore(second.Gorm)}
		const each = 40
		w := window("a", 1_700_000_040)
		seen := make(chan int64, 2*each)
		var wg sync.WaitGroup
		for i := range 2 * each {
			wg.Go(func() {
				hits, err := stores[i%2].CountRateLimitHit(context.Background(), w)
				if err != nil {
					t.Error(err)
				}
				seen <- hits
			})
		}
		wg.Wait()
		close(seen)
		told := map[int64]bool{}
		for hits := range seen {
			told[hits] = true
		}
		for n := int64(1); n <= 2*each; n++ {
			if !told[n] {
				t.Errorf("no caller was told count %d: counts were lost or repeated", n)
			}
		}
		if got, err := stores[0].RateLimitHits(context.Background(), w); err != nil || got != 2*each {
			t.Errorf("window holds %d (%v), want %d", got, err, 2*each)
		}
	})
}

func TestRateLimitWindows_AreCountedApartAndRemovedOnlyOnceEnded(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		ctx := context.Background()
		const start = 1_700_000_040
		windows := []models.RateLimitWindow{window("a", start), window("b", start), window("a", start+60)}
		for _, w := range windows {
			if _, err := store.CountRateLimitHit(ctx, w); err != nil {
				t.Fatal(err)
			}
		}
		if hits, _ := store.RateLimitHits(ctx, window("a", start)); hits != 1 {
			t.Errorf("subject a's first window holds %d, want 1: windows or subjects were mixed", hits)
		}
		if hits, err := store.RateLimitHits(ctx, window("c", start)); hits != 0 || err != nil {
			t.Errorf("an unused window holds %d (%v), want 0", hits, err)
		}
		removed, err := store.DeleteExpiredRateLimitWindows(ctx, time.Unix(start+60, 0).UTC())
		if err != nil || removed != 2 {
			t.Errorf("removed %d windows (%v) at the first windows' end, want 2", removed, err)
		}
		if hits, _ := store.RateLimitHits(ctx, window("a", start+60)); hits != 1 {
			t.Errorf("the window still running holds %d, want 1", hits)
		}
	})
}
