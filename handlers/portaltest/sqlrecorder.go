package portaltest

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sync"
	"time"

	"gorm.io/gorm"
)

// SQLRecorder captures the SQL statements the portal runs while it is switched on, so that a benchmark can
// replay exactly what one request asked of the database and time that alone: the ratio of the two is what
// the HTTP stack, the services and the templates add.
type SQLRecorder struct {
	mu         sync.Mutex
	on         bool
	statements []Statement
}

// Statement is one SQL statement as the driver received it, with its arguments.
type Statement struct {
	SQL  string
	Vars []any
}

// RecordSQL hooks a recorder into every statement the handle (and every session made from it) runs.
func RecordSQL(db *gorm.DB) (*SQLRecorder, error) {
	r := &SQLRecorder{}
	cb := db.Callback()
	hooks := []struct {
		register func(string, func(*gorm.DB)) error
	}{
		{cb.Create().After("gorm:create").Register},
		{cb.Query().After("gorm:query").Register},
		{cb.Update().After("gorm:update").Register},
		{cb.Delete().After("gorm:delete").Register},
		{cb.Row().After("gorm:row").Register},
		{cb.Raw().After("gorm:raw").Register},
	}
	for _, h := range hooks {
		if err := h.register("portaltest:record_sql", r.record); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *SQLRecorder) record(db *gorm.DB) {
	r.mu.Lock()
	defer r.mu.Unlock()
	// A dry run only builds SQL (GORM renders a subquery that way before embedding it): nothing ran.
	if !r.on || db.DryRun || db.Statement.SQL.Len() == 0 {
		return
	}
	r.statements = append(r.statements, Statement{SQL: db.Statement.SQL.String(), Vars: slices.Clone(db.Statement.Vars)})
}

// Capture runs fn with the recorder on and returns the statements fn caused.
func (r *SQLRecorder) Capture(fn func()) []Statement {
	r.mu.Lock()
	r.on, r.statements = true, nil
	r.mu.Unlock()
	fn()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = false
	return r.statements
}

// Replay runs statements in order on one connection inside a transaction that is rolled back, reading every
// row they return, and says how long that took. prepare, when given, runs first in the same transaction
// and is not timed (to clear the way for a replayed INSERT, say).
func Replay(ctx context.Context, db *sql.DB, statements []Statement, prepare func(*sql.Tx) error) (time.Duration, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback() }()
	if prepare != nil {
		if err := prepare(tx); err != nil {
			return 0, fmt.Errorf("prepare replay: %w", err)
		}
	}
	start := time.Now()
	for _, s := range statements {
		if err := drain(tx.QueryContext(ctx, s.SQL, s.Vars...)); err != nil {
			return 0, fmt.Errorf("replay %.200s: %w", s.SQL, err)
		}
	}
	return time.Since(start), nil
}

func drain(rows *sql.Rows, err error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return err
	}
	values := make([]any, len(columns))
	for i := range values {
		values[i] = new(sql.RawBytes)
	}
	for rows.Next() {
		if err := rows.Scan(values...); err != nil {
			return err
		}
	}
	return rows.Err()
}
