package app

import (
	"context"
	"fmt"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// HousekeepingInterval is how often expired records are removed, once across every portal process.
const HousekeepingInterval = 10 * time.Minute

// housekeepingJob names the clean-up in the scheduled_jobs table.
const housekeepingJob = "remove-expired"

// Housekeeping removes what has expired: sessions past their end or idle too long, sign-ins never
// finished, and rate-limit windows that have ended.
type Housekeeping struct {
	store       *models.Store
	sessionIdle time.Duration
	now         func() time.Time
}

// NewHousekeeping returns the service; sessionIdle is how long a session lives without activity.
func NewHousekeeping(store *models.Store, sessionIdle time.Duration, now func() time.Time) *Housekeeping {
	return &Housekeeping{store: store, sessionIdle: sessionIdle, now: orNow(now)}
}

// Removed counts what one clean-up removed.
type Removed struct {
	Sessions, LoginTransactions, RateLimitWindows int64
}

// Total is everything removed.
func (r Removed) Total() int64 { return r.Sessions + r.LoginTransactions + r.RateLimitWindows }

// RunIfDue removes what has expired unless some process, this one or another, did so less than
// HousekeepingInterval ago or is doing so now. Every process may call it as often as it likes; it reports
// whether this call did the work.
func (h *Housekeeping) RunIfDue(ctx context.Context) (Removed, bool, error) {
	now := h.now()
	var removed Removed
	ran, err := h.store.RunScheduledJob(ctx, housekeepingJob, now, HousekeepingInterval, func(tx *models.Store) error {
		var err error
		if removed.Sessions, err = tx.DeleteExpiredSessions(ctx, now, h.sessionIdle); err != nil {
			return fmt.Errorf("remove expired sessions: %w", err)
		}
		if removed.LoginTransactions, err = tx.DeleteExpiredLoginTransactions(ctx, now); err != nil {
			return fmt.Errorf("remove expired sign-ins: %w", err)
		}
		if removed.RateLimitWindows, err = tx.DeleteExpiredRateLimitWindows(ctx, now); err != nil {
			return fmt.Errorf("remove ended rate-limit windows: %w", err)
		}
		return nil
	})
	if err != nil || !ran {
		return Removed{}, false, err
	}
	return removed, true, nil
}
