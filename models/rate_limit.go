package models

import (
	"context"
	"time"
)

// RateLimitWindow counts the requests one subject (a client address or a person, hashed) made under one
// limit in one fixed window. The row is shared by every portal process, so a limit holds however many run.
type RateLimitWindow struct {
	LimitName   string `gorm:"primaryKey"`
	SubjectHash string `gorm:"primaryKey"`
	WindowStart int64  `gorm:"primaryKey;autoIncrement:false"` // Unix seconds
	Hits        int64
	ExpiresAt   time.Time
}

// CountRateLimitHit adds one request to a window and returns the window's count including it. The insert
// or increment is one statement, so concurrent requests in any process never lose a count.
func (s *Store) CountRateLimitHit(ctx context.Context, w RateLimitWindow) (int64, error) {
	var hits int64
	err := s.db.WithContext(ctx).Raw(`INSERT INTO rate_limit_windows (limit_name, subject_hash, window_start, hits, expires_at)
		VALUES (?, ?, ?, 1, ?)
		ON CONFLICT (limit_name, subject_hash, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
		RETURNING hits`, w.LimitName, w.SubjectHash, w.WindowStart, w.ExpiresAt).Scan(&hits).Error
	return hits, translate(err)
}

// RateLimitHits returns a window's count so far without adding to it: 0 for a window nobody used.
func (s *Store) RateLimitHits(ctx context.Context, w RateLimitWindow) (int64, error) {
	var hits []int64
	err := s.db.WithContext(ctx).Model(&RateLimitWindow{}).
		Where("limit_name = ? AND subject_hash = ? AND window_start = ?", w.LimitName, w.SubjectHash, w.WindowStart).
		Pluck("hits", &hits).Error
	if err != nil || len(hits) == 0 {
		return 0, translate(err)
	}
	return hits[0], nil
}

// DeleteExpiredRateLimitWindows removes the counts of windows that have ended.
func (s *Store) DeleteExpiredRateLimitWindows(ctx context.Context, now time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("expires_at <= ?", now).Delete(&RateLimitWindow{})
	return res.RowsAffected, translate(res.Error)
}
