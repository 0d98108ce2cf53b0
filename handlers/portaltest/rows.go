package portaltest

import (
	"testing"

	"github.com/innovation-accelerators/portal/models"
)

// RowCounts counts the rows of every table of records (models.Records), by table name: two counts that
// differ show that something was stored or deleted between them. Rate-limit counters are left out: a
// refused request still counts against its limit.
func (p *Portal) RowCounts(t testing.TB) map[string]int64 {
	t.Helper()
	counts := map[string]int64{}
	for _, entity := range models.Records() {
		stmt := p.Superuser.Model(entity).Statement
		if err := stmt.Parse(entity); err != nil {
			t.Fatalf("parse model %T: %v", entity, err)
		}
		var n int64
		if err := p.Superuser.Model(entity).Count(&n).Error; err != nil {
			t.Fatalf("count %s: %v", stmt.Schema.Table, err)
		}
		counts[stmt.Schema.Table] = n
	}
	return counts
}
