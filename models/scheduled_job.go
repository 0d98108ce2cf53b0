package models

import (
	"context"
	"time"
)

// ScheduledJob records when a periodic job last started.
type ScheduledJob struct {
	Name          string `gorm:"primaryKey"`
	LastStartedAt time.Time
}

// RunScheduledJob runs fn at most once per interval across every portal process, in one transaction with
// its claim on the interval. On PostgreSQL it first takes a transaction-level advisory lock named after the
// job and the schema: a process that finds another running the job skips it rather than waiting. The
// claim itself is a guarded upsert, so on either database only one process can take an interval; if fn
// fails, the claim is rolled back and the next process to offer runs the job. It reports whether fn ran.
func (s *Store) RunScheduledJob(ctx context.Context, name string, now time.Time, interval time.Duration, fn func(tx *Store) error) (bool, error) {
	ran := false
	err := s.Transaction(ctx, func(tx *Store) error {
		locked, err := tx.tryJobLock(ctx, name)
		if err != nil || !locked {
			return err
		}
		res := tx.db.WithContext(ctx).Exec(`INSERT INTO scheduled_jobs (name, last_started_at) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET last_started_at = excluded.last_started_at
			WHERE scheduled_jobs.last_started_at <= ?`, name, now, now.Add(-interval))
		if res.Error != nil || res.RowsAffected == 0 {
			return translate(res.Error)
		}
		ran = true
		return fn(tx)
	})
	if err != nil {
		return false, err
	}
	return ran, nil
}

// tryJobLock takes PostgreSQL's advisory lock for a job until the transaction ends, without waiting.
// SQLite's transactions already take the whole database for writing (_txlock=immediate).
func (s *Store) tryJobLock(ctx context.Context, name string) (bool, error) {
	if !s.postgres {
		return true, nil
	}
	var locked bool
	err := s.db.WithContext(ctx).Raw(
		"SELECT pg_try_advisory_xact_lock(hashtextextended(current_database() || '.' || current_schema() || '.job.' || ?, 0))",
		name).Scan(&locked).Error
	return locked, translate(err)
}
