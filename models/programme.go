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
	Version            int
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

// FirstProgramme returns the programme set up first: the portal runs one. ErrNotFound before any is.
func (s *Store) FirstProgramme(ctx context.Context) (Programme, error) {
	var p Programme
	err := s.db.WithContext(ctx).Order("id").Take(&p).Error
	return p, translate(err)
}

// CreateProgramme stores a new programme at version 1.
func (s *Store) CreateProgramme(ctx context.Context, p *Programme) error {
	p.Version = 1
	return translate(s.db.WithContext(ctx).Create(p).Error)
}

// UpdateProgramme saves a programme's fields if its version is still the one read, and bumps the version.
// A stale version is ErrConflict.
func (s *Store) UpdateProgramme(ctx context.Context, p *Programme) error {
	res := s.db.WithContext(ctx).Model(&Programme{}).Where("id = ? AND version = ?", p.ID, p.Version).
		Updates(map[string]any{
			"name": p.Name, "envelope_pence": p.EnvelopePence, "first_financial_year": p.FirstFinancialYear,
			"last_financial_year": p.LastFinancialYear, "updated_at": p.UpdatedAt, "version": p.Version + 1,
		})
	if err := translate(res.Error); err != nil {
		return err
	}
	if res.RowsAffected != 1 {
		return ErrConflict
	}
	p.Version++
	return nil
}
