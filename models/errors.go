package models

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
)

// Dialect-free answers from the data layer. Callers test them with errors.Is.
var (
	// ErrNotFound: no such record, or not in the tenant asked for (the two are never told apart).
	ErrNotFound = errors.New("record not found")
	// ErrConflict: a unique key or a guarded update refused the write.
	ErrConflict = errors.New("conflicting record")
	// ErrInvalidReference: a foreign key named a row that does not exist, or one of another tenant.
	ErrInvalidReference = errors.New("reference to a missing record")
	// ErrConstraint: a CHECK constraint refused the values.
	ErrConstraint = errors.New("values break a database rule")
	// ErrNoTenant: a tenant-owned query was asked for without a tenant.
	ErrNoTenant = errors.New("tenant-scoped query without a tenant")
	// ErrOutsideScope: row-level security refused to write a row outside the transaction's tenant scope.
	ErrOutsideScope = errors.New("row outside the tenant scope")
	// ErrRetryLater: the transaction kept colliding with concurrent ones and gave up; trying again later may work.
	ErrRetryLater = errors.New("busy: try again")
)

// PostgreSQL error codes the store answers itself (the others GORM translates).
const (
	pgSerializationFailure  = "40001"
	pgDeadlockDetected      = "40P01"
	pgInsufficientPrivilege = "42501"
)

// translate turns driver and GORM errors into the sentinels above, keeping the original for the log with
// any value it quotes left out (DatabaseError).
func translate(err error) error {
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotFound), errors.Is(err, ErrConflict), errors.Is(err, ErrNoTenant), errors.Is(err, ErrRetryLater):
		return err
	case errors.Is(err, gorm.ErrRecordNotFound):
		return ErrNotFound
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return errors.Join(ErrConflict, redacted(err))
	case errors.Is(err, gorm.ErrForeignKeyViolated), isSQLiteForeignKeyTrigger(err):
		return errors.Join(ErrInvalidReference, redacted(err))
	case errors.Is(err, gorm.ErrCheckConstraintViolated), isSQLiteCheckViolation(err):
		return errors.Join(ErrConstraint, redacted(err))
	case errors.As(err, &pgErr) && pgErr.Code == pgInsufficientPrivilege && strings.Contains(pgErr.Message, "row-level security"):
		return errors.Join(ErrOutsideScope, redacted(err))
	}
	return redacted(err)
}

// isRetryable recognises PostgreSQL's aborts of a transaction that collided with another: running it again
// from the start is the cure.
func isRetryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == pgSerializationFailure || pgErr.Code == pgDeadlockDetected)
}

// isSQLiteCheckViolation recognises SQLite's CHECK failure, which its GORM driver does not translate.
func isSQLiteCheckViolation(err error) bool {
	return strings.Contains(err.Error(), "CHECK constraint failed")
}

// isSQLiteForeignKeyTrigger recognises the triggers that stand in for composite foreign keys on SQLite.
func isSQLiteForeignKeyTrigger(err error) bool {
	return strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}
