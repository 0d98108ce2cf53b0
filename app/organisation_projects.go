package app

import (
	"context"

	"github.com/innovation-accelerators/portal/models"
)

// OfOrganisation lists the projects the principal may see that an organisation leads or partners in: a
// project lead sees only those they lead.
func (s *Projects) OfOrganisation(ctx context.Context, p Principal, organisationID int64) ([]models.OrganisationProject, error) {
	if !p.Can(ActionViewProjects) {
		return nil, nil
	}
	var ledBy int64
	if p.OnlyOwnProjects() {
		ledBy = p.UserID
	}
	rows, err := s.store.ProjectsOfOrganisation(ctx, visibleScope(p), organisationID, ledBy)
	return rows, fromStore(err, "list the organisation's projects")
}
