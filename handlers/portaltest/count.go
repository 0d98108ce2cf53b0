package portaltest

import "testing"

// CountRows counts the rows of a table that meet a condition (all of them when where is ""), e.g.
// portal.CountRows(t, "users", "subject = ?", "demo-gm-manager").
func (p *Portal) CountRows(t testing.TB, table, where string, args ...any) int64 {
	t.Helper()
	q := p.Superuser.Table(table)
	if where != "" {
		q = q.Where(where, args...)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}
