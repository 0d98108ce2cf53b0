package app

import "github.com/innovation-accelerators/portal/models"

// MissingForSubmission lists, by field, what a project still needs before it can be submitted for
// approval; an empty list (OrNil is nil) means it is complete. Drafts may lack any of these.
func MissingForSubmission(p models.Project) *ValidationError {
	verr := &ValidationError{}
	if p.Title == "" {
		verr.Add("title", "Enter the project title")
	}
	if p.LeadOrganisationID == nil {
		verr.Add("lead_organisation_id", "Select the lead organisation")
	}
	switch {
	case p.Sector == "":
		verr.Add("sector", "Select the project's sector or technology")
	case p.Sector == SectorOther && p.SectorOther == "":
		verr.Add("sector_other", "Enter the sector or technology")
	}
	if p.LocalAuthorityCode == nil {
		verr.Add("local_authority_code", "Select the local authority where the project takes place")
	}
	if p.StartDate == nil {
		verr.Add("start_date", "Enter the start date")
	}
	if p.EndDate == nil {
		verr.Add("end_date", "Enter the end date")
	}
	if p.TotalCostPence == nil {
		verr.Add("total_cost", "Enter the total cost")
	}
	if p.GrantRequestedPence == nil {
		verr.Add("grant_requested", "Enter the grant requested")
	}
	if p.PrivateCoInvestmentPence == nil {
		verr.Add("private_co_investment", "Enter the private co-investment committed, or 0 if there is none")
	}
	return verr
}
