package models

import "context"

// LocalAuthority is a UK local authority, the place a project is in.
type LocalAuthority struct {
	Code       string `gorm:"primaryKey"`
	Name       string
	ITL1Region string `gorm:"column:itl1_region"`
}

// IndicatorUnit says how an indicator's values are counted and stored.
type IndicatorUnit string

const (
	UnitMoney IndicatorUnit = "money" // pence
	UnitFTE   IndicatorUnit = "fte"   // hundredths of a full-time equivalent
	UnitCount IndicatorUnit = "count" // whole numbers
)

// Indicator is an output or outcome measure from the catalogue.
type Indicator struct {
	Code        string `gorm:"primaryKey"`
	Version     int
	Name        string
	Unit        IndicatorUnit
	Definition  string
	Aggregation string
	Position    int
}

// LocalAuthorities lists every local authority by name.
func (s *Store) LocalAuthorities(ctx context.Context) ([]LocalAuthority, error) {
	var las []LocalAuthority
	err := s.db.WithContext(ctx).Order("name").Find(&las).Error
	return las, translate(err)
}

// LocalAuthority returns one local authority by code.
func (s *Store) LocalAuthority(ctx context.Context, code string) (LocalAuthority, error) {
	var la LocalAuthority
	err := s.db.WithContext(ctx).Where("code = ?", code).Take(&la).Error
	return la, translate(err)
}

// Indicators lists the indicator catalogue in its order.
func (s *Store) Indicators(ctx context.Context) ([]Indicator, error) {
	var is []Indicator
	err := s.db.WithContext(ctx).Order("position").Find(&is).Error
	return is, translate(err)
}
