package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/innovation-accelerators/portal/models"
)

// The parts of a project's input that name other records: its organisations, place, targets and leads.
// Each is checked against what the tenant has; a part not given is left empty, as drafts allow.

func (s *Projects) checkOrganisations(ctx context.Context, tx *models.Store, project *models.Project, in ProjectInput, verr *ValidationError) ([]int64, error) {
	project.LeadOrganisationID = nil
	if in.LeadOrganisationID != 0 {
		ok, err := s.inTenant(ctx, tx, project.TenantID, in.LeadOrganisationID)
		if err != nil {
			return nil, err
		}
		if ok {
			project.LeadOrganisationID = &in.LeadOrganisationID
		} else {
			verr.Add("lead_organisation_id", "Select a lead organisation from your organisations")
		}
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

// checkPlace accepts a local authority in the accelerator's own region (any, for a tenant with no region).
func (s *Projects) checkPlace(ctx context.Context, tx *models.Store, project *models.Project, in ProjectInput, verr *ValidationError) error {
	project.LocalAuthorityCode = nil
	code := strings.TrimSpace(in.LocalAuthorityCode)
	if code == "" || verr.Fields["local_authority_code"] != "" {
		return nil // not given, or not a code that could be looked up
	}
	la, err := tx.LocalAuthority(ctx, code)
	if errors.Is(err, models.ErrNotFound) {
		verr.Add("local_authority_code", "Select a local authority from the list")
		return nil
	}
	if err != nil {
		return err
	}
	tenant, err := tx.Tenant(ctx, project.TenantID)
	if err != nil {
		return err
	}
	if tenant.ITL1Region != "" && la.ITL1Region != tenant.ITL1Region {
		verr.Add("local_authority_code", "Select a local authority in "+ITL1RegionName(tenant.ITL1Region))
		return nil
	}
	project.LocalAuthorityCode = &la.Code
	return nil
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
			if value, msg := ParseIndicatorValue(ind, text); msg != "" {
				verr.Add(field, msg)
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
