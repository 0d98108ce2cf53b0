package app

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/innovation-accelerators/portal/models"
)

// Page sizes for the register, and how far a list counts its matches before it says "10,000+" (a search,
// whose every match costs a visit to the table, "1,000+").
const (
	DefaultPageSize = 25
	MaxPageSize     = 100
	TotalCountCap   = 10_000
	SearchCountCap  = 1_000
)

// ProjectFilter is a register query as a person or API client writes it: every field is text, checked here.
type ProjectFilter struct {
	Tenant           string // tenant slug; central roles only (others see their own tenant anyway)
	Status           string
	Sector           string
	LeadOrganisation string // organisation ID
	Text             string
	Sort             string
	Cursor           string // where the page starts, as a previous page's link gave it
	PageSize         string
	AwaitingMe       bool // only submitted projects awaiting the principal's decision
}

// ProjectPage is one page of the register, with cursors to the pages beside it.
type ProjectPage struct {
	Rows       []models.ProjectRow
	Total      int64 // matching projects, counted up to TotalCountCap
	TotalExact bool  // false when there are more than Total
	PageSize   int
	Sort       string // the order the list was read in (see models.ProjectSort)
	pageLinks
}

// List returns one page of the projects the principal may see, filtered and sorted as asked, after (or
// before) the cursor's position.
func (s *Projects) List(ctx context.Context, p Principal, f ProjectFilter) (ProjectPage, error) {
	q, size, err := s.query(ctx, p, f)
	if err != nil {
		return ProjectPage{}, err
	}
	sort := models.ProjectSort(q.Sort, q.Text)
	c, err := decodeCursor(f.Cursor, sort)
	if err != nil {
		return ProjectPage{}, err
	}
	since := c.since(s.now())
	q.From, q.Backward = c.position(), c != nil && c.Backward
	if c != nil {
		q.AsOf = since
	}
	q.Limit, q.CountUpTo = size, TotalCountCap
	if len(models.SearchTerms(q.Text)) > 0 {
		q.CountUpTo = SearchCountCap
	}
	list, err := s.store.Projects(ctx, q)
	if err != nil {
		return ProjectPage{}, listError(err)
	}
	atStart := c == nil || (q.Backward && !list.More)
	if q.Backward && !list.More && len(list.Rows) < size {
		// Fewer rows before the cursor than a page: show the first page whole instead.
		q.From, q.Backward, q.CountUpTo = nil, false, 0
		first, err := s.store.Projects(ctx, q)
		if err != nil {
			return ProjectPage{}, listError(err)
		}
		list.Rows, list.More = first.Rows, first.More
	}
	page := ProjectPage{Rows: list.Rows, Total: list.Total, TotalExact: list.TotalExact, PageSize: size, Sort: sort}
	positionOf := func(r models.ProjectRow) models.Position { return models.ProjectPositionOf(sort, r) }
	page.pageLinks = linkPage(sort, list.Rows, positionOf, c, since, atStart, q.Backward || list.More)
	return page, nil
}

// AwaitingCount is how many submitted projects wait for the principal's decision, counted up to cap: the
// number the navigation shows, from one count and no rows.
func (s *Projects) AwaitingCount(ctx context.Context, p Principal, upTo int) (int64, error) {
	q, _, err := s.query(ctx, p, ProjectFilter{AwaitingMe: true})
	if err != nil {
		return 0, err
	}
	n, _, err := s.store.CountProjects(ctx, q, upTo)
	return n, fromStore(err, "count projects awaiting a decision")
}

func listError(err error) error {
	if errors.Is(err, models.ErrBadPosition) {
		return badCursor()
	}
	return fromStore(err, "list projects")
}

// query turns a filter into a store query limited to what the principal may see.
func (s *Projects) query(ctx context.Context, p Principal, f ProjectFilter) (models.ProjectQuery, int, error) {
	if !p.Can(ActionViewProjects) {
		return models.ProjectQuery{}, 0, ErrForbidden
	}
	q := models.ProjectQuery{Scope: visibleScope(p), Text: strings.TrimSpace(f.Text), Sort: f.Sort}
	if p.OnlyOwnProjects() {
		q.LedByUserID = p.UserID
	}
	verr := &ValidationError{}
	if err := s.filterTenant(ctx, p, f.Tenant, &q); err != nil {
		return q, 0, err
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
	if models.ProjectSort(f.Sort, f.Text) == "" {
		verr.Add("sort", "Sort by relevance, reference, title, status, grant or updated")
	}
	if f.AwaitingMe {
		if !p.Can(ActionDecideProjects) {
			return q, 0, ErrForbidden
		}
		q.Statuses, q.NotSubmittedBy = []models.ProjectStatus{models.StatusSubmitted}, p.UserID
	}
	size := positive(f.PageSize, DefaultPageSize, MaxPageSize, "page_size", verr)
	return q, size, verr.OrNil()
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
