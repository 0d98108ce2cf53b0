package models

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ErrBadPosition: a page position (from a cursor a client sent back) does not fit the order asked for.
var ErrBadPosition = errors.New("page position does not fit the order")

// Position is where a page starts: the sort values of the row next to it, and that row's id, which breaks
// ties. Values are text (times in RFC 3339 with nanoseconds, numbers in decimal) so that a cursor can carry
// them; the store parses each by the type of its column and refuses what does not parse.
type Position struct {
	Values []string
	ID     int64
}

// valueKind is how a sort column's values are written in a Position.
type valueKind int

const (
	kindText valueKind = iota
	kindTime
	kindInt
)

// keyColumn is one column of an order: its SQL (which may carry arguments) and its kind.
type keyColumn struct {
	sql  string
	args []any
	kind valueKind
}

// keyset is an order over some columns and then id, all in one direction, and the paging condition that
// goes with it: rows after a position in that order, or before it when paging backwards.
type keyset struct {
	columns    []keyColumn
	descending bool
}

// orderBy is the ORDER BY clause's text, for reading forwards or (backward) in reverse.
func (k keyset) orderBy(idColumn string, backward bool, aliases []string) string {
	direction := " ASC"
	if k.descending != backward {
		direction = " DESC"
	}
	var parts []string
	for i := range k.columns {
		parts = append(parts, aliases[i]+direction)
	}
	return strings.Join(append(parts, idColumn+direction), ", ")
}

// after limits the query to rows beyond the position in the reading direction, with one row-value
// comparison, which both dialects answer from an index on the same columns.
func (k keyset) after(db *gorm.DB, idColumn string, pos Position, backward bool) (*gorm.DB, error) {
	if len(pos.Values) != len(k.columns) || pos.ID < 1 {
		return nil, ErrBadPosition
	}
	var columns []string
	var args []any
	for _, c := range k.columns {
		columns = append(columns, c.sql)
		args = append(args, c.args...)
	}
	for i, c := range k.columns {
		v, err := parseValue(c.kind, pos.Values[i])
		if err != nil {
			return nil, err
		}
		args = append(args, v)
	}
	args = append(args, pos.ID)
	comparison := ">"
	if k.descending != backward {
		comparison = "<"
	}
	placeholders := strings.Repeat("?, ", len(k.columns)) + "?"
	condition := fmt.Sprintf("(%s, %s) %s (%s)", strings.Join(columns, ", "), idColumn, comparison, placeholders)
	return db.Where(condition, args...), nil
}

func parseValue(kind valueKind, text string) (any, error) {
	switch kind {
	case kindTime:
		t, err := time.Parse(time.RFC3339Nano, text)
		if err != nil {
			return nil, ErrBadPosition
		}
		return t.UTC(), nil
	case kindInt:
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return nil, ErrBadPosition
		}
		return n, nil
	default:
		return text, nil
	}
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
