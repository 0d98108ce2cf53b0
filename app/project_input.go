package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// ProjectInput is what a person types about a project, on the page or through the API. Server-owned
// facts (tenant, reference, status, who submitted or decided) are not in it, so they cannot be set.
type ProjectInput struct {
	Title                  string
	Summary                string
	LeadOrganisationID     int64
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

// applyInput checks the input against the tenant's organisations, places, indicators and people, and copies
// it onto the project. Every problem is reported by field.
func (s *Projects) applyInput(ctx context.Context, tx *models.Store, project *models.Project, in ProjectInput) (projectParts, error) {
	verr := &ValidationError{}
	checkProjectText(in, verr)
	s.applyText(project, in, verr)
	s.applyDatesAndMoney(project, in, verr)
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

func (s *Projects) applyText(project *models.Project, in ProjectInput, verr *ValidationError) {
	project.Title = strings.TrimSpace(in.Title)
	project.Summary = strings.TrimSpace(longText(verr, "summary", in.Summary))
	project.Sector = strings.TrimSpace(in.Sector)
	project.SectorOther = strings.TrimSpace(in.SectorOther)
	switch {
	case project.Title == "":
		verr.Add("title", "Enter the project title")
	case len(project.Title) > 200:
		verr.Add("title", "Project title must be 200 characters or fewer")
	}
	if len(project.Summary) > 5000 {
		verr.Add("summary", "Summary must be 5,000 characters or fewer")
	}
	switch {
	case project.Sector == "":
		verr.Add("sector", "Select the project's sector or technology")
	case !knownSector(project.Sector):
		verr.Add("sector", "Select a sector or technology from the list")
	case project.Sector == SectorOther && project.SectorOther == "":
		verr.Add("sector_other", "Enter the sector or technology")
	}
	if project.Sector != SectorOther {
		project.SectorOther = ""
	}
}

func (s *Projects) applyDatesAndMoney(project *models.Project, in ProjectInput, verr *ValidationError) {
	project.StartDate = parseDate(in.StartDate, "start_date", "start", verr)
	project.EndDate = parseDate(in.EndDate, "end_date", "end", verr)
	if !project.StartDate.IsZero() && !project.EndDate.IsZero() && project.EndDate.Before(project.StartDate) {
		verr.Add("end_date", "End date must be the same as or after the start date")
	}
	project.TotalCostPence = parseMoney(in.TotalCost, "total_cost", verr)
	project.GrantRequestedPence = parseMoney(in.GrantRequested, "grant_requested", verr)
	project.PrivateCoInvestmentPence = parseMoney(in.PrivateCoInvestment, "private_co_investment", verr)
	if project.GrantRequestedPence > project.TotalCostPence && verr.Fields["total_cost"] == "" {
		verr.Add("grant_requested", "Grant requested must not be more than the total cost")
	}
}

// parseDate reads YYYY-MM-DD, as the API sends and the form's day, month and year fields make.
func parseDate(text, field, which string, verr *ValidationError) time.Time {
	text = strings.TrimSpace(text)
	if text == "" || text == "--" {
		verr.Add(field, "Enter the "+which+" date")
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, text)
	if err != nil {
		verr.Add(field, "The "+which+" date must be a real date, like 1 4 2024")
		return time.Time{}
	}
	if d.Year() < 2000 || d.Year() > 2100 {
		verr.Add(field, "The "+which+" date must be between the years 2000 and 2100")
		return time.Time{}
	}
	return d
}

func parseMoney(text, field string, verr *ValidationError) int64 {
	pence, err := ParsePounds(text)
	var moneyErr *MoneyError
	if errors.As(err, &moneyErr) {
		verr.Add(field, moneyErr.Message)
	}
	return pence
}

func (s *Projects) checkOrganisations(ctx context.Context, tx *models.Store, project *models.Project, in ProjectInput, verr *ValidationError) ([]int64, error) {
	project.LeadOrganisationID = in.LeadOrganisationID
	if in.LeadOrganisationID == 0 {
		verr.Add("lead_organisation_id", "Select the lead organisation")
	} else if ok, err := s.inTenant(ctx, tx, project.TenantID, in.LeadOrganisationID); err != nil {
		return nil, err
	} else if !ok {
		// Carry on: the partners' and leads' problems are shown with this one.
		verr.Add("lead_organisation_id", "Select a lead organisation from your organisations")
	}
	var partners []int64
	seen := map[int64]bool{in.LeadOrganisationID: true}
	for _, id := range in.PartnerOrganisationIDs {
		if seen[id] {
			continue // the lead, or listed twice: a partner once is enough
		}
		seen[id] = true
		ok, err := s.inTenant(ctx, tx, project.TenantID, id)
		if err != nil {
			return nil, err
		}
		if !ok {
			verr.Add("partner_organisation_ids", "Select partner organisations from your organisations")
			continue
		}
		partners = append(partners, id)
	}
	return partners, nil
}

func (s *Projects) inTenant(ctx context.Context, tx *models.Store, tenantID, organisationID int64) (bool, error) {
	_, err := tx.Organisation(ctx, models.InTenant(tenantID), organisationID)
	if errors.Is(err, models.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

func (s *Projects) checkPlace(ctx context.Context, tx *models.Store, project *models.Project, in ProjectInput, verr *ValidationError) error {
	project.LocalAuthorityCode = strings.TrimSpace(in.LocalAuthorityCode)
	switch {
	case verr.Fields["local_authority_code"] != "":
		return nil // not a code that could be looked up
	case project.LocalAuthorityCode == "":
		verr.Add("local_authority_code", "Select the local authority where the project takes place")
		return nil
	}
	_, err := tx.LocalAuthority(ctx, project.LocalAuthorityCode)
	if errors.Is(err, models.ErrNotFound) {
		verr.Add("local_authority_code", "Select a local authority from the list")
		return nil
	}
	return err
}

func (s *Projects) parseTargets(ctx context.Context, tx *models.Store, values map[string]string, verr *ValidationError) ([]models.ProjectTarget, error) {
	indicators, err := tx.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	known := map[string]models.Indicator{}
	for _, ind := range indicators {
		known[ind.Code] = ind
	}
	var targets []models.ProjectTarget
	for code, text := range values {
		ind, ok := known[code]
		field := "targets." + StripNonText(code)
		switch {
		case verr.Fields[field] != "":
			// not text; said already
		case !ok:
			verr.Add(field, fmt.Sprintf("There is no indicator %q", code))
		case strings.TrimSpace(text) == "":
			// no target for this indicator
		default:
			if value, msg := ParseIndicatorValue(ind.Unit, text); msg != "" {
				verr.Add(field, ind.Name+": "+msg)
			} else {
				targets = append(targets, models.ProjectTarget{IndicatorCode: code, Target: value})
			}
		}
	}
	return targets, nil
}

func (s *Projects) checkLeads(ctx context.Context, tx *models.Store, tenantID int64, userIDs []int64, verr *ValidationError) ([]int64, error) {
	if len(userIDs) == 0 {
		return nil, nil
	}
	members, err := tx.Members(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	leads := map[int64]bool{}
	for _, m := range members {
		if m.Role == models.RoleProjectLead {
			leads[m.ID] = true
		}
	}
	var chosen []int64
	seen := map[int64]bool{}
	for _, id := range userIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if !leads[id] {
			verr.Add("lead_user_ids", "Select project leads from the people with the project lead role in your accelerator")
			continue
		}
		chosen = append(chosen, id)
	}
	return chosen, nil
}

// ParseIndicatorValue reads a value in an indicator's unit: money in pounds (to pence), full-time
// equivalents to two decimal places (to hundredths), counts as whole numbers. The message says what is wrong.
func ParseIndicatorValue(unit models.IndicatorUnit, text string) (int64, string) {
	text = strings.TrimSpace(text)
	switch unit {
	case models.UnitMoney:
		pence, err := ParsePounds(text)
		if err != nil {
			return 0, lowerFirst(err.Error())
		}
		return pence, ""
	case models.UnitFTE:
		hundredths, err := ParsePounds(text) // the same exact two-decimal reading, without the pound sign
		if err != nil || strings.HasPrefix(text, "£") {
			return 0, "enter a number of full-time equivalents, like 12 or 2.5"
		}
		return hundredths, ""
	default:
		digits, ok := stripThousands(text)
		n, err := strconv.ParseInt(digits, 10, 64)
		if !ok || err != nil || n < 0 || n > 1_000_000_000 {
			return 0, "enter a whole number, like 25 or 1,200"
		}
		return n, ""
	}
}

// lowerFirst lets a message follow the indicator's name mid-sentence: "Jobs created: enter …".
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// FormatIndicatorInput writes a stored value as a person would type it back in, so that a form shows
// what ParseIndicatorValue reads: pounds as 1250.00, FTE as 2.5, counts as 25.
func FormatIndicatorInput(unit models.IndicatorUnit, value int64) string {
	switch unit {
	case models.UnitMoney:
		return FormatPoundsPlain(value)
	case models.UnitFTE:
		return strings.TrimSuffix(strings.TrimRight(FormatPoundsPlain(value), "0"), ".")
	default:
		return strconv.FormatInt(value, 10)
	}
}

// FormatIndicatorValue writes a stored value in its unit for people.
func FormatIndicatorValue(unit models.IndicatorUnit, value int64) string {
	switch unit {
	case models.UnitMoney:
		return FormatPounds(value)
	case models.UnitFTE:
		return strings.TrimSuffix(strings.TrimSuffix(FormatPoundsPlain(value), "0"), ".0") + " FTE"
	default:
		return strconv.FormatInt(value, 10)
	}
}
