package app

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/innovation-accelerators/portal/models"
)

// Page sizes for the register.
const (
	DefaultPageSize = 25
	MaxPageSize     = 100
	// MaxExportRows bounds a CSV export; the register of a national programme is far smaller.
	MaxExportRows = 100_000
)

// ProjectFilter is a register query as a person or API client writes it: every field is text, checked here.
type ProjectFilter struct {
	Tenant           string // tenant slug; central roles only (others see their own tenant anyway)
	Status           string
	Sector           string
	LeadOrganisation string // organisation ID
	Text             string
	Sort             string
	Page             string
	PageSize         string
	AwaitingMe       bool // only submitted projects awaiting the principal's decision
}

// ProjectPage is one page of the register.
type ProjectPage struct {
	Rows     []models.ProjectRow
	Total    int64
	Page     int
	PageSize int
}

// Pages is the number of pages the query fills.
func (pg ProjectPage) Pages() int {
	if pg.PageSize == 0 || pg.Total == 0 {
		return 1
	}
	return int((pg.Total + int64(pg.PageSize) - 1) / int64(pg.PageSize))
}

// List returns one page of the projects the principal may see, filtered and sorted as asked.
func (s *Projects) List(ctx context.Context, p Principal, f ProjectFilter) (ProjectPage, error) {
	q, page, size, err := s.query(ctx, p, f)
	if err != nil {
		return ProjectPage{}, err
	}
	q.Limit, q.Offset = size, (page-1)*size
	rows, total, err := s.store.Projects(ctx, q)
	if err != nil {
		return ProjectPage{}, fromStore(err, "list projects")
	}
	return ProjectPage{Rows: rows, Total: total, Page: page, PageSize: size}, nil
}

// Export returns every project matching the filter (up to MaxExportRows), for a CSV download.
func (s *Projects) Export(ctx context.Context, p Principal, f ProjectFilter) ([]models.ProjectRow, error) {
	q, _, _, err := s.query(ctx, p, f)
	if err != nil {
		return nil, err
	}
	q.Limit = MaxExportRows
	rows, _, err := s.store.Projects(ctx, q)
	return rows, fromStore(err, "export projects")
}

// query turns a filter into a store query limited to what the principal may see.
func (s *Projects) query(ctx context.Context, p Principal, f ProjectFilter) (models.ProjectQuery, int, int, error) {
	if !p.Can(ActionViewProjects) {
		return models.ProjectQuery{}, 0, 0, ErrForbidden
	}
	q := models.ProjectQuery{Scope: visibleScope(p), Text: strings.TrimSpace(f.Text), Sort: f.Sort}
	if p.OnlyOwnProjects() {
		q.LedByUserID = p.UserID
	}
	verr := &ValidationError{}
	if err := s.filterTenant(ctx, p, f.Tenant, &q); err != nil {
		return q, 0, 0, err
	}
	filterStatus(f.Status, &q, verr)
	if f.Sector != "" && !knownSector(f.Sector) {
		verr.Add("sector", "Select a sector from the list")
	}
	q.Sector = f.Sector
	if f.LeadOrganisation != "" {
		id, err := strconv.ParseInt(f.LeadOrganisation, 10, 64)
		if err != nil || id <= 0 {
			verr.Add("lead_organisation", "Select a lead organisation from the list")
		}
		q.LeadOrganisationID = id
	}
	if _, ok := models.ProjectSorts[f.Sort]; !ok {
		verr.Add("sort", "Sort by reference, title, status, grant or updated")
	}
	if f.AwaitingMe {
		if !p.Can(ActionDecideProjects) {
			return q, 0, 0, ErrForbidden
		}
		q.Statuses, q.NotSubmittedBy = []models.ProjectStatus{models.StatusSubmitted}, p.UserID
	}
	page := positive(f.Page, 1, 1_000_000, "page", verr)
	size := positive(f.PageSize, DefaultPageSize, MaxPageSize, "page_size", verr)
	return q, page, size, verr.OrNil()
}

// filterTenant narrows a central principal's query to one tenant. Others may name only their own tenant:
// another is ErrNotFound, so a slug cannot be used to learn whether a tenant exists.
func (s *Projects) filterTenant(ctx context.Context, p Principal, slug string, q *models.ProjectQuery) error {
	if slug == "" {
		return nil
	}
	t, err := s.store.TenantBySlug(ctx, slug)
	if err != nil || !p.Reaches(t.ID) {
		return ErrNotFound
	}
	q.TenantID = t.ID
	return nil
}

func filterStatus(status string, q *models.ProjectQuery, verr *ValidationError) {
	if status == "" {
		return
	}
	if !slices.Contains(models.AllProjectStatuses, models.ProjectStatus(status)) {
		verr.Add("status", "Select a status from the list")
		return
	}
	q.Statuses = []models.ProjectStatus{models.ProjectStatus(status)}
}

func positive(text string, fallback, max int, field string, verr *ValidationError) int {
	if text == "" {
		return fallback
	}
	n, err := strconv.Atoi(text)
	if err != nil || n < 1 || n > max {
		verr.Add(field, "Enter a whole number from 1 to "+strconv.Itoa(max))
		return fallback
	}
	return n
}
