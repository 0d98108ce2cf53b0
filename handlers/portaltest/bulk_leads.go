package portaltest

import (
	"context"
	"testing"

	"github.com/innovation-accelerators/portal/models"
)

// LeadProjects names the demo user with that subject as the lead of up to n projects of their tenant,
// written straight to the database as FillRegister writes its data: a project lead's home page at scale.
func LeadProjects(tb testing.TB, p *Portal, subject string, n int) {
	tb.Helper()
	ctx := context.Background()
	user, err := p.Store.UserByIdentity(ctx, p.Issuer, subject)
	if err != nil {
		tb.Fatalf("lead projects: %v", err)
	}
	memberships, err := p.Store.MembershipsOfUser(ctx, user.ID)
	if err != nil || len(memberships) == 0 {
		tb.Fatalf("lead projects: %s belongs to no tenant (%v)", subject, err)
	}
	var ids []int64
	err = p.Superuser.Table("projects").Where("tenant_id = ?", memberships[0].TenantID).
		Where("id NOT IN (SELECT project_id FROM project_leads WHERE user_id = ?)", user.ID).
		Order("id").Limit(n).Pluck("id", &ids).Error
	if err != nil {
		tb.Fatalf("lead projects: %v", err)
	}
	leads := make([]models.ProjectLead, 0, len(ids))
	for _, id := range ids {
		leads = append(leads, models.ProjectLead{TenantID: memberships[0].TenantID, ProjectID: id, UserID: user.ID})
	}
	if len(leads) > 0 {
		if err := p.Superuser.CreateInBatches(&leads, 500).Error; err != nil {
			tb.Fatalf("lead projects: %v", err)
		}
	}
}
