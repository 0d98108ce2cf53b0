package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// ProjectInput is what a person types about a project, on the page or through the API. Server-owned
// facts (tenant, reference, status, who submitted or decided) are not in it, so they cannot be set.
// Anything left empty is "not given yet": a draft saves whatever part is valid in itself, and the whole
// is checked when the project is submitted (MissingForSubmission).
type ProjectInput struct {
	Title                  string
	Summary                string
	LeadOrganisationID     int64 // 0: not given
	PartnerOrganisationIDs []int64
	Sector                 string
	SectorOther            string
	LocalAuthorityCode     string
	StartDate              string // YYYY-MM-DD
	EndDate                string
	TotalCost              string // pounds, e.g. "1250000.00"
	GrantRequested         string
	PrivateCoInvestment    string
	Targets                map[string]string // indicator code → value in the indicator's unit
	LeadUserIDs            []int64
	Version                int // the version read before editing (updates only)
}

// projectParts is a validated input: the project's own fields and its partners, targets and leads.
type projectParts struct {
	partners []int64
	targets  []models.ProjectTarget
	leads    []int64
}

// Labels of the money fields, which name them in their error messages.
const (
	labelTotalCost           = "Total cost"
	labelGrantRequested      = "Grant requested"
	labelPrivateCoInvestment = "Private co-investment committed"
)

// applyInput checks each field given against the tenant's organisations, places, indicators and people,
// and copies the input onto the project. Every problem is reported by field, all at once.
func (s *Projects) applyInput(ctx context.Context, tx *models.Store, project *models.Project, in ProjectInput) (projectParts, error) {
	verr := &ValidationError{}
	checkProjectText(in, verr)
	applyText(project, in, verr)
	applyDates(project, in, verr)
	applyMoney(project, in, verr)
	parts := projectParts{}
	var err error
	if parts.partners, err = s.checkOrganisations(ctx, tx, project, in, verr); err != nil {
		return parts, err
	}
	if err := s.checkPlace(ctx, tx, project, in, verr); err != nil {
		return parts, err
	}
	if parts.targets, err = s.parseTargets(ctx, tx, in.Targets, verr); err != nil {
		return parts, err
	}
	if parts.leads, err = s.checkLeads(ctx, tx, project.TenantID, in.LeadUserIDs, verr); err != nil {
		return parts, err
	}
	return parts, verr.OrNil()
}

// checkProjectText refuses what is never text in any field typed as text, before anything else looks at
// it (a place code is looked up in the database).
func checkProjectText(in ProjectInput, verr *ValidationError) {
	checkTexts(verr, map[string]string{
		"title": in.Title, "sector": in.Sector, "sector_other": in.SectorOther,
		"local_authority_code": in.LocalAuthorityCode, "start_date": in.StartDate, "end_date": in.EndDate,
		"total_cost": in.TotalCost, "grant_requested": in.GrantRequested, "private_co_investment": in.PrivateCoInvestment,
	})
	for code, value := range in.Targets {
		checkText(verr, "targets."+StripNonText(code), code+value)
	}
}

func applyText(project *models.Project, in ProjectInput, verr *ValidationError) {
	project.Title = strings.TrimSpace(in.Title)
	project.Summary = strings.TrimSpace(longText(verr, "summary", in.Summary))
	project.Sector = strings.TrimSpace(in.Sector)
	project.SectorOther = strings.TrimSpace(in.SectorOther)
	if len(project.Title) > 200 {
		verr.Add("title", "Project title must be 200 characters or fewer")
	}
	if len(project.Summary) > 5000 {
		verr.Add("summary", "Summary must be 5,000 characters or fewer")
	}
	if project.Sector != "" && !knownSector(project.Sector) {
		verr.Add("sector", "Select a sector or technology from the list")
	}
	if len(project.SectorOther) > 200 {
		verr.Add("sector_other", "The sector or technology must be 200 characters or fewer")
	}
	if project.Sector != SectorOther {
		project.SectorOther = ""
	}
}

func applyDates(project *models.Project, in ProjectInput, verr *ValidationError) {
	project.StartDate = parseDate(in.StartDate, "start_date", "Start date", verr)
	project.EndDate = parseDate(in.EndDate, "end_date", "End date", verr)
	if project.StartDate != nil && project.EndDate != nil && project.EndDate.Before(*project.StartDate) {
		verr.Add("end_date", "End date must be the same as or after the start date")
	}
}

// parseDate reads YYYY-MM-DD, as the API sends and the form's day, month and year boxes make; nil when
// nothing was given. A date with a box left empty says which.
func parseDate(text, field, label string, verr *ValidationError) *time.Time {
	text = strings.TrimSpace(text)
	if text == "" || text == "--" {
		return nil
	}
	if parts := strings.Split(text, "-"); len(parts) == 3 {
		for i, name := range []string{"year", "month", "day"} {
			if parts[i] == "" {
				verr.Add(field, label+" must include a "+name)
				return nil
			}
		}
	}
	d, err := time.Parse(time.DateOnly, text)
	if err != nil {
		verr.Add(field, label+" must be a real date, like 1 4 2024")
		return nil
	}
	if d.Year() < 2000 || d.Year() > 2100 {
		verr.Add(field, label+" must be between the years 2000 and 2100")
		return nil
	}
	return &d
}

func applyMoney(project *models.Project, in ProjectInput, verr *ValidationError) {
	project.TotalCostPence = parseMoney(in.TotalCost, "total_cost", labelTotalCost, verr)
	project.GrantRequestedPence = parseMoney(in.GrantRequested, "grant_requested", labelGrantRequested, verr)
	project.PrivateCoInvestmentPence = parseMoney(in.PrivateCoInvestment, "private_co_investment", labelPrivateCoInvestment, verr)
	total, grant := project.TotalCostPence, project.GrantRequestedPence
	if total != nil && grant != nil && *grant > *total {
		verr.Add("grant_requested", "Grant requested must not be more than the total cost")
	}
}

// parseMoney reads an amount in pounds; nil when nothing was given. Its message names the field.
func parseMoney(text, field, label string, verr *ValidationError) *int64 {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	pence, err := ParsePounds(text)
	var moneyErr *MoneyError
	if errors.As(err, &moneyErr) {
		if moneyErr.Problem == MoneyMissing { // something was typed, such as a lone "£"
			moneyErr.Problem = MoneyNotANumber
		}
		verr.Add(field, moneyErr.For(label))
		return nil
	}
	return &pence
}
