package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestProjectCreate_SaysWhatIsWrongWithEachField(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		other := otherTenant{
			organisation: newOrganisation(t, r.orgs, r.as(t, "demo-wm-manager")).ID,
			projectLead:  r.as(t, "demo-wm-lead").UserID,
			homeManager:  manager.UserID,
		}
		for _, c := range projectInputCases(other) {
			t.Run(c.name, func(t *testing.T) {
				in := r.projectInput(t, manager)
				c.change(&in)
				_, err := r.projects.Create(context.Background(), manager, in)
				if diff := cmp.Diff(map[string]string{c.field: c.message}, fieldErrors(err)); diff != "" {
					t.Errorf("field errors (-want +got):\n%s\nerror: %v", diff, err)
				}
			})
		}
	})
}

// projectInputCase changes one thing of a valid Greater Manchester project and names the one field error it
// causes when the project is saved.
type projectInputCase struct {
	name           string
	change         func(*app.ProjectInput)
	field, message string
}

func projectInputCases(other otherTenant) []projectInputCase {
	const wholeNumber = " must be a whole number, like 25 or 1,200"
	return []projectInputCase{
		{"title of 201 characters", func(in *app.ProjectInput) { in.Title = strings.Repeat("t", 201) },
			"title", "Project title must be 200 characters or fewer"},
		{"summary of 5,001 characters", func(in *app.ProjectInput) { in.Summary = strings.Repeat("s", 5001) },
			"summary", "Summary must be 5,000 characters or fewer"},
		{"unknown sector", func(in *app.ProjectInput) { in.Sector = "alchemy" },
			"sector", "Select a sector or technology from the list"},
		{"lead organisation that does not exist", func(in *app.ProjectInput) { in.LeadOrganisationID = 999_999 },
			"lead_organisation_id", "Select a lead organisation from your organisations"},
		{"lead organisation of another accelerator", func(in *app.ProjectInput) { in.LeadOrganisationID = other.organisation },
			"lead_organisation_id", "Select a lead organisation from your organisations"},
		{"partner of another accelerator", func(in *app.ProjectInput) { in.PartnerOrganisationIDs = []int64{other.organisation} },
			"partner_organisation_ids", "Select partner organisations from your organisations"},
		{"unknown local authority", func(in *app.ProjectInput) { in.LocalAuthorityCode = "E99999999" },
			"local_authority_code", "Select a local authority from the list"},
		{"local authority in another accelerator's region", func(in *app.ProjectInput) { in.LocalAuthorityCode = "E08000025" },
			"local_authority_code", "Select a local authority in North West (England)"},
		{"start date that is not a real date", func(in *app.ProjectInput) { in.StartDate = "2023-02-29" },
			"start_date", "Start date must be a real date, like 1 4 2024"},
		{"start date without its month", func(in *app.ProjectInput) { in.StartDate = "2024--01" },
			"start_date", "Start date must include a month"},
		{"end date without its year", func(in *app.ProjectInput) { in.EndDate = "-03-31" },
			"end_date", "End date must include a year"},
		{"end date in the last century", func(in *app.ProjectInput) { in.EndDate = "1999-12-31" },
			"end_date", "End date must be between the years 2000 and 2100"},
		{"end before start", func(in *app.ProjectInput) { in.EndDate = "2024-03-31" },
			"end_date", "End date must be the same as or after the start date"},
		{"total cost beyond any grant", func(in *app.ProjectInput) { in.TotalCost = "10,000,000,000,000" },
			"total_cost", "Total cost must be less than £10,000,000,000,000"},
		{"negative grant", func(in *app.ProjectInput) { in.GrantRequested = "-5" },
			"grant_requested", "Grant requested must be £0 or more"},
		{"co-investment in tenths of a penny", func(in *app.ProjectInput) { in.PrivateCoInvestment = "1.234" },
			"private_co_investment", "Private co-investment committed must not have more than 2 decimal places, for pence"},
		{"grant in words", func(in *app.ProjectInput) { in.GrantRequested = "a million" },
			"grant_requested", "Grant requested must be an amount in pounds, like 1250000 or 1,250,000.00"},
		{"a pound sign alone", func(in *app.ProjectInput) { in.TotalCost = "£" },
			"total_cost", "Total cost must be an amount in pounds, like 1250000 or 1,250,000.00"},
		{"grant more than the total cost", func(in *app.ProjectInput) { in.GrantRequested = "1,000,000.01" },
			"grant_requested", "Grant requested must not be more than the total cost"},
		{"target for an unknown indicator", func(in *app.ProjectInput) { in.Targets = map[string]string{"happiness": "10"} },
			"targets.happiness", `There is no indicator "happiness"`},
		{"count in words", func(in *app.ProjectInput) { in.Targets = map[string]string{"patents_filed": "abc"} },
			"targets.patents_filed", "Patents filed" + wholeNumber},
		{"negative count", func(in *app.ProjectInput) { in.Targets = map[string]string{"patents_filed": "-1"} },
			"targets.patents_filed", "Patents filed" + wholeNumber},
		{"fraction of a count", func(in *app.ProjectInput) { in.Targets = map[string]string{"spin_outs_created": "1.5"} },
			"targets.spin_outs_created", "Spin-outs created" + wholeNumber},
		{"full-time equivalents in words", func(in *app.ProjectInput) { in.Targets = map[string]string{"jobs_created": "abc"} },
			"targets.jobs_created", "Jobs created must be a number of full-time equivalents, like 12 or 2.5"},
		{"money in words", func(in *app.ProjectInput) { in.Targets = map[string]string{"public_co_investment": "abc"} },
			"targets.public_co_investment", "Public co-investment must be an amount in pounds, like 1250000 or 1,250,000.00"},
		{"lead who is a manager, not a project lead", func(in *app.ProjectInput) { in.LeadUserIDs = []int64{other.homeManager} },
			"lead_user_ids", "Select project leads from the people with the project lead role in your accelerator"},
		{"project lead of another accelerator", func(in *app.ProjectInput) { in.LeadUserIDs = []int64{other.projectLead} },
			"lead_user_ids", "Select project leads from the people with the project lead role in your accelerator"},
	}
}

// otherTenant holds what a Greater Manchester project must not name: West Midlands' records, and a person
// without the project lead role.
type otherTenant struct {
	organisation, projectLead, homeManager int64
}

func TestProjectCreate_StoresTargetsInEachIndicatorsUnitAndNamesTheLeadsAndPartners(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		manager := r.as(t, "demo-gm-manager")
		lead := r.as(t, "demo-gm-lead")
		partner := newOrganisation(t, r.orgs, manager)
		project := r.newProject(t, manager, ledBy(lead.UserID, lead.UserID), func(in *app.ProjectInput) {
			in.Targets = map[string]string{"private_investment_leveraged": "1,000.50", "jobs_created": "2.5", "patents_filed": "3", "spin_outs_created": " "}
			in.PartnerOrganisationIDs = []int64{partner.ID, partner.ID, in.LeadOrganisationID}
			in.Sector, in.SectorOther = "other", "Space technologies"
		})
		targets, err := r.store.ProjectTargets(ctx, project.TenantID, project.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []models.ProjectTarget{
			{TenantID: project.TenantID, ProjectID: project.ID, IndicatorCode: "jobs_created", Target: 250},
			{TenantID: project.TenantID, ProjectID: project.ID, IndicatorCode: "patents_filed", Target: 3},
			{TenantID: project.TenantID, ProjectID: project.ID, IndicatorCode: "private_investment_leveraged", Target: 100050},
		}
		if diff := cmp.Diff(want, targets); diff != "" {
			t.Errorf("targets (-want +got):\n%s", diff)
		}
		detail, err := r.projects.Get(ctx, manager, project.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(detail.Partners) != 1 || detail.Partners[0].ID != partner.ID || len(detail.Leads) != 1 || detail.Leads[0].ID != lead.UserID {
			t.Errorf("partners %+v and leads %+v, want the partner once (not the lead organisation) and the lead once", detail.Partners, detail.Leads)
		}
		if detail.Project.SectorOther != "Space technologies" {
			t.Errorf("sector other %q", detail.Project.SectorOther)
		}
	})
}

func TestProjectCreate_AProjectLeadWhoCreatesAProjectLeadsIt(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		r := newRegister(t, db)
		lead := r.as(t, "demo-gm-lead")
		project := r.newProject(t, lead)
		if ok, err := r.store.IsProjectLead(context.Background(), project.TenantID, project.ID, lead.UserID); err != nil || !ok {
			t.Errorf("the creating project lead leads it: %v, %v", ok, err)
		}
	})
}
