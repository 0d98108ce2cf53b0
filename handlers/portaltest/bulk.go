package portaltest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// FillRegister adds accelerators until there are `tenants` of them, each with a few organisations and
// `projectsPerTenant` projects in a spread of states, written in bulk straight to the database: it is data
// for benchmarks at national scale, not a test of the rules, which the services' tests cover.
func FillRegister(tb testing.TB, p *Portal, tenants, projectsPerTenant int) []models.Tenant {
	tb.Helper()
	ctx := context.Background()
	db := p.DB.Gorm
	creator, err := p.Store.UserByIdentity(ctx, p.Issuer, "demo-gm-manager")
	if err != nil {
		tb.Fatalf("bulk register needs the demo data: %v", err)
	}
	existing, err := p.Store.Tenants(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	var accelerators []models.Tenant
	for _, t := range existing {
		if t.Kind == models.TenantAccelerator {
			accelerators = append(accelerators, t)
		}
	}
	now := time.Now().UTC()
	for i := len(accelerators); i < tenants; i++ {
		t := models.Tenant{ProgrammeID: existing[0].ProgrammeID, Kind: models.TenantAccelerator, Slug: fmt.Sprintf("bulk-%03d", i),
			Name: fmt.Sprintf("Accelerator %03d", i), ReferencePrefix: fmt.Sprintf("B%03d", i), ITL1Region: "TLD", CreatedAt: now, UpdatedAt: now}
		if err := db.Create(&t).Error; err != nil {
			tb.Fatalf("bulk tenant: %v", err)
		}
		accelerators = append(accelerators, t)
	}
	for _, t := range accelerators {
		fillTenant(tb, p, t, creator.ID, projectsPerTenant, now)
	}
	return accelerators
}

func fillTenant(tb testing.TB, p *Portal, t models.Tenant, creatorID int64, projects int, now time.Time) {
	tb.Helper()
	db := p.DB.Gorm
	orgs := make([]models.Organisation, 5)
	for i := range orgs {
		orgs[i] = models.Organisation{TenantID: t.ID, Name: fmt.Sprintf("%s organisation %d", t.Name, i), Kind: models.KindBusiness,
			Version: 1, CreatedAt: now, UpdatedAt: now}
	}
	if err := db.CreateInBatches(&orgs, 100).Error; err != nil {
		tb.Fatalf("bulk organisations: %v", err)
	}
	rows := make([]models.Project, projects)
	for i := range rows {
		rows[i] = bulkProject(t, orgs[i%len(orgs)].ID, creatorID, i, now)
	}
	if err := db.CreateInBatches(&rows, 500).Error; err != nil {
		tb.Fatalf("bulk projects: %v", err)
	}
}

func bulkProject(t models.Tenant, orgID, creatorID int64, i int, now time.Time) models.Project {
	statuses := models.AllProjectStatuses
	sectors := app.Sectors()
	sector := sectors[i%len(sectors)].Code
	grant := int64(50_000_000 + (i%40)*10_000_000)
	total, place := grant*2, "E08000003"
	start, end := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	return models.Project{
		TenantID: t.ID, Reference: fmt.Sprintf("%s-2024-%04d", t.ReferencePrefix, i+1),
		Title:   fmt.Sprintf("Project %d of %s: applied research in %s", i+1, t.Name, app.SectorLabel(sector)),
		Summary: "Generated for benchmarks.", LeadOrganisationID: &orgID, Sector: sector, SectorOther: otherText(sector),
		LocalAuthorityCode: &place, StartDate: &start, EndDate: &end,
		TotalCostPence: &total, GrantRequestedPence: &grant, PrivateCoInvestmentPence: &grant,
		Status: statuses[i%len(statuses)], Version: 1, CreatedByUserID: creatorID,
		CreatedAt: now, UpdatedAt: now.Add(-time.Duration(i) * time.Minute),
	}
}

func otherText(sector string) string {
	if sector == app.SectorOther {
		return "Space technologies"
	}
	return ""
}
