package models_test

import (
	"context"
	"errors"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestDeleteExpiredSessions_RemovesIdleAndAbsolutelyExpiredSessionsOnly(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		ctx := context.Background()
		tenant, user := newTenant(t, store), newUser(t, store)
		const idle = 30 * time.Minute
		now := testNow.Add(6 * time.Hour)
		sessions := map[string]models.Session{
			"active":                  newSession(t, store, user, tenant, lastSeen(now.Add(-time.Minute))),
			"idle almost too long":    newSession(t, store, user, tenant, lastSeen(now.Add(-idle+time.Second))),
			"idle exactly too long":   newSession(t, store, user, tenant, lastSeen(now.Add(-idle))),
			"idle for hours":          newSession(t, store, user, tenant, lastSeen(now.Add(-3*time.Hour))),
			"active but at its end":   newSession(t, store, user, tenant, lastSeen(now), endingAt(now)),
			"active but past its end": newSession(t, store, user, tenant, lastSeen(now), endingAt(now.Add(-time.Second))),
			"ending in a second":      newSession(t, store, user, tenant, lastSeen(now), endingAt(now.Add(time.Second))),
		}

		deleted, err := store.DeleteExpiredSessions(ctx, now, idle)
		if err != nil {
			t.Fatal(err)
		}

		var left []string
		for name, s := range sessions {
			_, err := store.SessionCredential(ctx, s.IDHash)
			switch {
			case err == nil:
				left = append(left, name)
			case !errors.Is(err, models.ErrNotFound):
				t.Fatal(err)
			}
		}
		sort.Strings(left)
		want := []string{"active", "ending in a second", "idle almost too long"}
		if diff := cmp.Diff(want, left); diff != "" {
			t.Errorf("sessions left (-want +got):\n%s", diff)
		}
		if deleted != int64(len(sessions)-len(want)) {
			t.Errorf("reported %d deleted, want %d", deleted, len(sessions)-len(want))
		}
	})
}
