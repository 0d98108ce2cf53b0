package models_test

import (
	"context"
	"testing"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// BenchmarkStoreRead measures what the tenant scope costs one read: the store's Project (on PostgreSQL a
// transaction that sets portal.tenant, then the query under row-level security) beside the same SELECT sent
// alone, without a transaction, by a role that row-level security does not bind.
func BenchmarkStoreRead(b *testing.B) {
	for _, dialect := range modeltest.Dialects() {
		db := modeltest.New(b, dialect)
		store := models.NewStore(db.Gorm)
		f := newRegisterFixture(b, store)
		raw := modeltest.Superuser(b, db)
		ctx := context.Background()
		b.Run(string(dialect)+"/store", func(b *testing.B) {
			for b.Loop() {
				if _, err := store.Project(ctx, models.InTenant(f.tenant.ID), f.project.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(dialect)+"/bare-select", func(b *testing.B) {
			for b.Loop() {
				var p models.Project
				if err := raw.Table("projects").Where("projects.tenant_id = ? AND projects.id = ?", f.tenant.ID, f.project.ID).Take(&p).Error; err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
