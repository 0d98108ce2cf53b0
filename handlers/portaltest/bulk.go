package portaltest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
)

// Register is the shape of a generated national register.
type Register struct {
	Tenants                int // accelerators in all, the demo's included
	ProjectsPerTenant      int
	OrganisationsPerTenant int // 5 when zero
}

// FillRegister adds accelerators until there are `tenants` of them, each with a few organisations and
// `projectsPerTenant` projects in a spread of states, written in bulk straight to the database: it is data
// for benchmarks at national scale, not a test of the rules, which the services' tests cover.
func FillRegister(tb testing.TB, p *Portal, tenants, projectsPerTenant int) []models.Tenant {
	tb.Helper()
	return Fill(tb, p, Register{Tenants: tenants, ProjectsPerTenant: projectsPerTenant})
}

// Fill generates a register of the given shape: every project has a partner and a target, so exports carry
// every column, and its last change is spread over the past so that orders and pages mean something.
// Rows go in with multi-row INSERTs through the superuser handle; on PostgreSQL the tables are analysed
// afterwards, as autovacuum would do in production, so that plans are the ones a live register gets.
func Fill(tb testing.TB, p *Portal, shape Register) []models.Tenant {
	tb.Helper()
	ctx := context.Background()
	db := p.Superuser
	creator, err := p.Store.UserByIdentity(ctx, p.Issuer, "demo-gm-manager")
	if err != nil {
		tb.Fatalf("bulk register needs the demo data: %v", err)
	}
	if shape.OrganisationsPerTenant == 0 {
		shape.OrganisationsPerTenant = 5
	}
	accelerators := bulkTenants(tb, p, db, shape.Tenants)
	now := time.Now().UTC()
	for _, t := range accelerators {
		fillTenant(tb, db, t, creator.ID, shape, now)
	}
	if p.DB.Dialect == migrations.Postgres {
		if err := db.Exec("ANALYZE").Error; err != nil {
			tb.Fatalf("analyse: %v", err)
		}
	}
	return accelerators
}

func bulkTenants(tb testing.TB, p *Portal, db *gorm.DB, tenants int) []models.Tenant {
	tb.Helper()
	existing, err := p.Store.Tenants(context.Background())
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
	return accelerators
}

func fillTenant(tb testing.TB, db *gorm.DB, t models.Tenant, creatorID int64, shape Register, now time.Time) {
	tb.Helper()
	orgs := make([]models.Organisation, shape.OrganisationsPerTenant)
	for i := range orgs {
		orgs[i] = models.Organisation{TenantID: t.ID, Name: fmt.Sprintf("%s organisation %d", t.Name, i), Kind: models.KindBusiness,
			Town: "Manchester", Version: 1, CreatedAt: now, UpdatedAt: now}
	}
	if err := db.CreateInBatches(&orgs, 500).Error; err != nil {
		tb.Fatalf("bulk organisations: %v", err)
	}
	rows := make([]models.Project, shape.ProjectsPerTenant)
	for i := range rows {
		rows[i] = bulkProject(t, orgs[i%len(orgs)].ID, creatorID, i, now)
	}
	if err := db.CreateInBatches(&rows, 500).Error; err != nil {
		tb.Fatalf("bulk projects: %v", err)
	}
	fillParts(tb, db, rows, orgs)
}

// fillParts gives every project one partner (another organisation of its tenant, where there is one) and a
// jobs target.
func fillParts(tb testing.TB, db *gorm.DB, projects []models.Project, orgs []models.Organisation) {
	tb.Helper()
	partners := make([]models.ProjectPartner, 0, len(projects))
	targets := make([]models.ProjectTarget, 0, len(projects))
	for i, pr := range projects {
		if len(orgs) > 1 {
			partners = append(partners, models.ProjectPartner{TenantID: pr.TenantID, ProjectID: pr.ID, OrganisationID: orgs[(i+1)%len(orgs)].ID})
		}
		targets = append(targets, models.ProjectTarget{TenantID: pr.TenantID, ProjectID: pr.ID, IndicatorCode: "jobs_created", Target: int64(10 + i%50)})
	}
	if err := db.CreateInBatches(&partners, 1000).Error; err != nil {
		tb.Fatalf("bulk partners: %v", err)
	}
	if err := db.CreateInBatches(&targets, 1000).Error; err != nil {
		tb.Fatalf("bulk targets: %v", err)
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
