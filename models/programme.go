package models

import (
	"context"
	"time"
)

// Programme is the funding envelope the accelerators share, e.g. Innovation Accelerators, £100m.
type Programme struct {
	ID                 int64
	Name               string
	EnvelopePence      int64
	FirstFinancialYear int // the year a financial year starts in: 2023 is FY 2023-24
	LastFinancialYear  int
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Programme returns one programme.
func (s *Store) Programme(ctx context.Context, id int64) (Programme, error) {
	var p Programme
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&p).Error
	return p, translate(err)
}

// ProgrammeByName returns the programme with that name.
func (s *Store) ProgrammeByName(ctx context.Context, name string) (Programme, error) {
	var p Programme
	err := s.db.WithContext(ctx).Where("name = ?", name).Take(&p).Error
	return p, translate(err)
}

// CreateProgramme stores a new programme.
func (s *Store) CreateProgramme(ctx context.Context, p *Programme) error {
	return translate(s.db.WithContext(ctx).Create(p).Error)
}
