package models

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm/logger"
)

// newGormLogger sends GORM's slow-query and error reports to the portal's log, but not "record not found",
// which is an ordinary answer here. Nothing a person typed reaches the log through it: statements are
// logged with their placeholders, not their values, and a PostgreSQL error by its code and the names of
// what it concerns, not its message (which can quote the value it refused).
func newGormLogger(log *slog.Logger) logger.Interface {
	if log == nil {
		return logger.Discard
	}
	return redactingLogger{logger.NewSlogLogger(log, logger.Config{
		SlowThreshold:             500 * time.Millisecond,
		IgnoreRecordNotFoundError: true,
		ParameterizedQueries:      true,
		LogLevel:                  logger.Warn,
	})}
}

// redactingLogger is GORM's logger with the values left out of what it writes.
type redactingLogger struct{ logger.Interface }

func (l redactingLogger) LogMode(level logger.LogLevel) logger.Interface {
	return redactingLogger{l.Interface.LogMode(level)}
}

func (l redactingLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	l.Interface.Trace(ctx, begin, fc, redacted(err))
}

// ParamsFilter keeps a statement's values out of the SQL GORM builds for the log.
func (redactingLogger) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}

// DatabaseError is a PostgreSQL error told without its message, which may quote a value a person typed
// ("invalid input syntax for type bigint: …"): its SQLSTATE code and the table, column and constraint it
// concerns are enough to find the cause. The original stays reachable with errors.As.
type DatabaseError struct {
	cause *pgconn.PgError
}

func (e *DatabaseError) Error() string {
	var b strings.Builder
	b.WriteString("database error SQLSTATE " + e.cause.Code)
	for _, part := range []struct{ name, value string }{
		{"table", e.cause.TableName}, {"column", e.cause.ColumnName}, {"constraint", e.cause.ConstraintName},
	} {
		if part.value != "" {
			b.WriteString(" " + part.name + " " + part.value)
		}
	}
	return b.String()
}

func (e *DatabaseError) Unwrap() error { return e.cause }

// redacted replaces a PostgreSQL error by its DatabaseError; other errors are returned as they are.
func redacted(err error) error {
	var pgErr *pgconn.PgError
	if err == nil || !errors.As(err, &pgErr) {
		return err
	}
	var already *DatabaseError
	if errors.As(err, &already) {
		return err
	}
	return &DatabaseError{cause: pgErr}
}
