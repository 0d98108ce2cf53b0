package portaltest

import (
	"testing"

	"github.com/innovation-accelerators/portal/models"
)

// RowCounts counts the rows of every table the models map, by table name: two counts that differ show that
// something was stored or deleted between them.
func (p *Portal) RowCounts(t testing.TB) map[string]int64 {
	t.Helper()
	counts := map[string]int64{}
	for _, entity := range models.Entities() {
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
