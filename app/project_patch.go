package app

import (
	"context"
	"maps"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// ProjectPatch changes only the details it names, as a JSON Merge Patch (RFC 7396) does: a nil field is
// left as it is; a field pointing at an empty value ("" or 0, or an empty list) is cleared; Targets changes
// only the indicators it names (a nil value removes that target) unless ClearTargets removes them all first.
type ProjectPatch struct {
	Title, Summary, Sector, SectorOther, LocalAuthorityCode *string
	StartDate, EndDate                                      *string // YYYY-MM-DD
	TotalCost, GrantRequested, PrivateCoInvestment          *string // pounds
	LeadOrganisationID                                      *int64
	PartnerOrganisationIDs, LeadUserIDs                     *[]int64
	ClearTargets                                            bool
	Targets                                                 map[string]*string
	Version                                                 int // the version read, which must still be current
}

// applyTo returns the input with the patch's changes made.
func (pt ProjectPatch) applyTo(in ProjectInput) ProjectInput {
	for _, f := range []struct{ from, to *string }{
		{pt.Title, &in.Title}, {pt.Summary, &in.Summary}, {pt.Sector, &in.Sector}, {pt.SectorOther, &in.SectorOther},
		{pt.LocalAuthorityCode, &in.LocalAuthorityCode}, {pt.StartDate, &in.StartDate}, {pt.EndDate, &in.EndDate},
		{pt.TotalCost, &in.TotalCost}, {pt.GrantRequested, &in.GrantRequested}, {pt.PrivateCoInvestment, &in.PrivateCoInvestment},
	} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	if pt.LeadOrganisationID != nil {
		in.LeadOrganisationID = *pt.LeadOrganisationID
	}
	if pt.PartnerOrganisationIDs != nil {
		in.PartnerOrganisationIDs = *pt.PartnerOrganisationIDs
	}
	if pt.LeadUserIDs != nil {
		in.LeadUserIDs = *pt.LeadUserIDs
	}
	targets := maps.Clone(in.Targets)
	if pt.ClearTargets || targets == nil {
		targets = map[string]string{}
	}
	for code, value := range pt.Targets {
		if value == nil {
			delete(targets, code)
		} else {
			targets[code] = *value
		}
	}
	in.Targets = targets
	return in
}

// inputOf writes a stored project back as the input that would store it, so a patch can change part of it
// and the whole is checked again.
func (s *Projects) inputOf(ctx context.Context, tx *models.Store, project models.Project, parts projectParts) (ProjectInput, error) {
	in := ProjectInput{
		Title: project.Title, Summary: project.Summary, Sector: project.Sector, SectorOther: project.SectorOther,
		PartnerOrganisationIDs: parts.partners, LeadUserIDs: parts.leads, Targets: map[string]string{},
		StartDate: DateText(project.StartDate), EndDate: DateText(project.EndDate),
		TotalCost: PoundsText(project.TotalCostPence), GrantRequested: PoundsText(project.GrantRequestedPence),
		PrivateCoInvestment: PoundsText(project.PrivateCoInvestmentPence),
	}
	if project.LeadOrganisationID != nil {
		in.LeadOrganisationID = *project.LeadOrganisationID
	}
	if project.LocalAuthorityCode != nil {
		in.LocalAuthorityCode = *project.LocalAuthorityCode
	}
	indicators, err := tx.Indicators(ctx)
	if err != nil {
		return in, err
	}
	units := map[string]models.IndicatorUnit{}
	for _, ind := range indicators {
		units[ind.Code] = ind.Unit
	}
	for _, t := range parts.targets {
		in.Targets[t.IndicatorCode] = FormatIndicatorInput(units[t.IndicatorCode], t.Target)
	}
	return in, nil
}

// DateText writes a date given as YYYY-MM-DD, and one not given as "".
func DateText(d *time.Time) string {
	if d == nil {
		return ""
	}
	return d.Format(time.DateOnly)
}

// PoundsText writes an amount given as a plain decimal ("1250000.00"), and one not given as "".
func PoundsText(pence *int64) string {
	if pence == nil {
		return ""
	}
	return FormatPoundsPlain(*pence)
}
