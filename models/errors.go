package models

import (
	"errors"
	"strings"

	"gorm.io/gorm"
)

// Dialect-free answers from the data layer. Callers test them with errors.Is.
var (
	// ErrNotFound: no such record, or not in the tenant asked for (the two are never told apart).
	ErrNotFound = errors.New("record not found")
	// ErrConflict: a unique key or a guarded update refused the write.
	ErrConflict = errors.New("conflicting record")
	// ErrInvalidReference: a foreign key named a row that does not exist.
	ErrInvalidReference = errors.New("reference to a missing record")
	// ErrConstraint: a CHECK constraint refused the values.
	ErrConstraint = errors.New("values break a database rule")
	// ErrNoTenant: a tenant-owned query was asked for without a tenant.
	ErrNoTenant = errors.New("tenant-scoped query without a tenant")
)

// translate turns driver and GORM errors into the sentinels above, keeping the original for the log with
// any value it quotes left out (DatabaseError).
func translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return ErrNotFound
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return errors.Join(ErrConflict, redacted(err))
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return errors.Join(ErrInvalidReference, redacted(err))
	case errors.Is(err, gorm.ErrCheckConstraintViolated), isSQLiteCheckViolation(err):
		return errors.Join(ErrConstraint, redacted(err))
	}
	return redacted(err)
}

// isSQLiteCheckViolation recognises SQLite's CHECK failure, which its GORM driver does not translate.
func isSQLiteCheckViolation(err error) bool {
	return strings.Contains(err.Error(), "CHECK constraint failed")
}
