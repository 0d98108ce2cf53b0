package app

import (
	"context"
	"errors"
	"strings"

	"github.com/innovation-accelerators/portal/models"
)

// organisationSort names the organisations list's one order in its cursors.
const organisationSort = "name"

// OrganisationFilter is a query on the organisations list as a person or API client writes it.
type OrganisationFilter struct {
	TenantID int64  // narrows a central principal's list to one tenant (0: every tenant they reach)
	Text     string // part of the name
	Cursor   string
	PageSize string
}

// OrganisationPage is one page of organisations, by name, with cursors to the pages beside it.
type OrganisationPage struct {
	Rows       []models.Organisation
	Total      int64
	TotalExact bool
	PageSize   int
	pageLinks
}

// Page returns one page of the organisations the principal may see, found by name.
func (s *Organisations) Page(ctx context.Context, p Principal, f OrganisationFilter) (OrganisationPage, error) {
	q, err := s.organisationQuery(p, f)
	if err != nil {
		return OrganisationPage{}, err
	}
	c, err := decodeCursor(f.Cursor, organisationSort)
	if err != nil {
		return OrganisationPage{}, err
	}
	q.From, q.Backward, q.CountUpTo = c.position(), c != nil && c.Backward, TotalCountCap
	list, err := s.store.OrganisationPage(ctx, q)
	if err != nil {
		return OrganisationPage{}, organisationListError(err)
	}
	atStart := c == nil || (q.Backward && !list.More)
	if q.Backward && !list.More && len(list.Rows) < q.Limit {
		q.From, q.Backward, q.CountUpTo = nil, false, 0
		first, err := s.store.OrganisationPage(ctx, q)
		if err != nil {
			return OrganisationPage{}, organisationListError(err)
		}
		list.Rows, list.More = first.Rows, first.More
	}
	page := OrganisationPage{Rows: list.Rows, Total: list.Total, TotalExact: list.TotalExact, PageSize: q.Limit}
	page.pageLinks = linkPage(organisationSort, list.Rows, models.OrganisationPositionOf, c, c.since(s.now()), atStart, q.Backward || list.More)
	return page, nil
}

// Find returns up to limit organisations of one tenant whose names contain the text, by name: for a
// picker that turns words into an organisation.
func (s *Organisations) Find(ctx context.Context, p Principal, tenantID int64, text string, limit int) ([]models.Organisation, error) {
	if tenantID == 0 {
		tenantID = p.TenantID
	}
	page, err := s.Page(ctx, p, OrganisationFilter{TenantID: tenantID, Text: text, PageSize: idString(int64(limit))})
	return page.Rows, err
}

func (s *Organisations) organisationQuery(p Principal, f OrganisationFilter) (models.OrganisationQuery, error) {
	if !p.Can(ActionViewOrganisations) && !p.Can(ActionViewProjects) {
		return models.OrganisationQuery{}, ErrForbidden
	}
	q := models.OrganisationQuery{Scope: visibleScope(p), Text: strings.TrimSpace(f.Text)}
	if f.TenantID != 0 {
		if !p.Reaches(f.TenantID) {
			return q, ErrNotFound
		}
		q.Scope = models.InTenant(f.TenantID)
	}
	verr := &ValidationError{}
	q.Limit = positive(f.PageSize, DefaultPageSize, MaxPageSize, "page_size", verr)
	return q, verr.OrNil()
}

func organisationListError(err error) error {
	if errors.Is(err, models.ErrBadPosition) {
		return badCursor()
	}
	return fromStore(err, "list organisations")
}
