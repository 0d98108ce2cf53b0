package models

import (
	"context"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ProjectQuery filters, sorts and pages the project register.
type ProjectQuery struct {
	Scope              Scope
	TenantID           int64 // within an all-tenants scope, only this tenant (0: every tenant)
	Statuses           []ProjectStatus
	Sector             string
	LeadOrganisationID int64
	Text               string // words found in the reference, title or summary (see SearchTerms)
	LedByUserID        int64  // only projects this person leads (for project leads)
	NotSubmittedBy     int64  // leave out projects this person submitted (an approver's queue)
	Sort               string // see ProjectSort
	From               *Position
	Backward           bool      // the page ends just before From instead of starting just after it
	AsOf               time.Time // leave out projects changed after this (when a walk through the pages began)
	Limit              int
	CountUpTo          int // count the matching projects up to this many (0: do not count)
}

// ProjectRow is a project as the register lists it, with the names a person needs.
type ProjectRow struct {
	Project
	TenantName           string
	LeadOrganisationName string
	SearchTier           int // 1 when the reference or title has every search word (relevance order only)
}

// ProjectList is one page of the register.
type ProjectList struct {
	Rows       []ProjectRow // in the order asked for, whichever way the page was read
	More       bool         // there are rows beyond the page in the direction it was read
	Total      int64        // projects matching, counted up to CountUpTo
	TotalExact bool         // Total is every match, not the cap
}

// Relevance is the order of a search: projects whose reference or title has every word first, then the
// most recently changed.
const Relevance = "relevance"

// ProjectSort is the order a query is read in: the sort asked for, or, when none is, relevance for a
// search and the most recently changed first otherwise. It is "" for a sort that does not exist.
func ProjectSort(sort, text string) string {
	searching := len(SearchTerms(text)) > 0
	switch {
	case sort == "" && searching:
		return Relevance
	case sort == "" || (sort == Relevance && !searching):
		return "-updated"
	}
	if _, ok := projectColumn(sort); ok || sort == Relevance {
		return sort
	}
	return ""
}

// projectColumn is the column of a sort key without its direction.
func projectColumn(sort string) (keyColumn, bool) {
	name := sort
	if len(name) > 0 && name[0] == '-' {
		name = name[1:]
	}
	switch name {
	case "updated":
		return keyColumn{sql: "projects.updated_at", kind: kindTime}, true
	case "reference":
		return keyColumn{sql: "projects.reference"}, true
	case "title":
		return keyColumn{sql: "projects.title"}, true
	case "grant":
		// A draft may have no grant yet: it sorts as nothing, in both databases alike.
		return keyColumn{sql: "COALESCE(projects.grant_requested_pence, 0)", kind: kindInt}, true
	case "status":
		return keyColumn{sql: "projects.status"}, true
	}
	return keyColumn{}, false
}

// projectKeyset is the order of an effective sort (see ProjectSort).
func (s *Store) projectKeyset(sort string, terms []string) keyset {
	if sort == Relevance {
		return keyset{columns: []keyColumn{s.searchTier(terms), {sql: "projects.updated_at", kind: kindTime}}, descending: true}
	}
	column, _ := projectColumn(sort)
	return keyset{columns: []keyColumn{column}, descending: sort[0] == '-'}
}

// ProjectPositionOf is where a row stands in a sort, for a cursor to the page after or before it.
func ProjectPositionOf(sort string, r ProjectRow) Position {
	pos := Position{ID: r.ID}
	switch sort {
	case Relevance:
		pos.Values = []string{strconv.Itoa(r.SearchTier), formatTime(r.UpdatedAt)}
	case "updated", "-updated":
		pos.Values = []string{formatTime(r.UpdatedAt)}
	case "reference", "-reference":
		pos.Values = []string{r.Reference}
	case "title", "-title":
		pos.Values = []string{r.Title}
	case "grant", "-grant":
		pos.Values = []string{strconv.FormatInt(valueOr0(r.GrantRequestedPence), 10)}
	case "status", "-status":
		pos.Values = []string{string(r.Status)}
	}
	return pos
}

// Projects returns one page of the register, read after (or before) a position in one index order, and
// how many projects match, counted only up to a cap: the work stays the same however large the register.
func (s *Store) Projects(ctx context.Context, q ProjectQuery) (ProjectList, error) {
	sort := ProjectSort(q.Sort, q.Text)
	if sort == "" {
		return ProjectList{}, ErrBadPosition
	}
	terms := SearchTerms(q.Text)
	order := s.projectKeyset(sort, terms)
	var list ProjectList
	err := s.inScope(ctx, q.Scope, func(db *gorm.DB) error {
		if q.CountUpTo > 0 {
			var err error
			if list.Total, list.TotalExact, err = countUpTo(s.filteredProjects(db, q, terms), q.CountUpTo); err != nil {
				return err
			}
		}
		page := s.filteredProjects(db, q, terms)
		if q.From != nil {
			var err error
			if page, err = order.after(page, "projects.id", *q.From, q.Backward); err != nil {
				return err
			}
		}
		return s.selectRows(page, order, terms, q.Backward).Limit(q.Limit + 1).Scan(&list.Rows).Error
	})
	if err != nil {
		return ProjectList{}, translate(err)
	}
	if list.More = len(list.Rows) > q.Limit; list.More {
		list.Rows = list.Rows[:q.Limit]
	}
	if q.Backward {
		slices.Reverse(list.Rows)
	}
	return list, nil
}

// selectRows reads the columns the register shows, with the tenant's and lead organisation's names, in
// the keyset's order.
func (s *Store) selectRows(db *gorm.DB, order keyset, terms []string, backward bool) *gorm.DB {
	tier := keyColumn{sql: "0"}
	if len(order.columns) == 2 {
		tier = order.columns[0]
	}
	columns := make([]string, len(order.columns))
	for i, c := range order.columns {
		columns[i] = c.sql
	}
	if len(order.columns) == 2 {
		columns[0] = "search_tier"
	}
	return db.Select(projectColumns(db)+", tenants.name AS tenant_name, COALESCE(organisations.name, '') AS lead_organisation_name, "+tier.sql+" AS search_tier", tier.args...).
		Joins("JOIN tenants ON tenants.id = projects.tenant_id").
		// A draft may not name its lead organisation yet, so the join keeps projects without one.
		Joins("LEFT JOIN organisations ON organisations.id = projects.lead_organisation_id").
		Order(order.orderBy("projects.id", backward, columns))
}

// countUpTo counts a query's rows, reading no more than limit+1 of them.
func countUpTo(db *gorm.DB, limit int) (int64, bool, error) {
	var n int64
	err := db.Session(&gorm.Session{NewDB: true}).
		Raw("SELECT COUNT(*) FROM (?) AS capped", db.Select("1").Limit(limit+1)).Scan(&n).Error
	if n > int64(limit) {
		return int64(limit), false, err
	}
	return n, true, err
}

// CountProjects counts the projects a query matches, up to a cap, and reads nothing else: for a badge.
func (s *Store) CountProjects(ctx context.Context, q ProjectQuery, upTo int) (int64, bool, error) {
	var n int64
	var exact bool
	err := s.inScope(ctx, q.Scope, func(db *gorm.DB) error {
		var err error
		n, exact, err = countUpTo(s.filteredProjects(db, q, SearchTerms(q.Text)), upTo)
		return err
	})
	return n, exact, translate(err)
}

func (s *Store) filteredProjects(db *gorm.DB, q ProjectQuery, terms []string) *gorm.DB {
	db = q.Scope.where(db.Table("projects"), "projects")
	if q.TenantID != 0 {
		db = db.Where("projects.tenant_id = ?", q.TenantID)
	}
	if !q.AsOf.IsZero() {
		// A project changed since the walk began has moved; showing it again where it now stands could
		// show it twice, so the walk leaves it out (a new search from the first page finds it).
		db = db.Where("projects.updated_at <= ?", q.AsOf.UTC())
	}
	if len(q.Statuses) > 0 {
		db = db.Where("projects.status IN ?", q.Statuses)
	}
	if q.Sector != "" {
		db = db.Where("projects.sector = ?", q.Sector)
	}
	if q.LeadOrganisationID != 0 {
		db = db.Where("projects.lead_organisation_id = ?", q.LeadOrganisationID)
	}
	if q.LedByUserID != 0 {
		db = db.Where("EXISTS (SELECT 1 FROM project_leads pl WHERE pl.project_id = projects.id AND pl.user_id = ?)", q.LedByUserID)
	}
	if q.NotSubmittedBy != 0 {
		db = db.Where("(projects.submitted_by_user_id IS NULL OR projects.submitted_by_user_id <> ?)", q.NotSubmittedBy)
	}
	if len(terms) > 0 {
		match := s.searchMatch(terms)
		db = db.Where(match.sql, match.args...)
	}
	return db
}

// projectColumns lists the columns of the Project model, table-qualified: the list reads exactly those,
// not the search columns PostgreSQL keeps beside them (projects.* would send them with every row).
func projectColumns(db *gorm.DB) string {
	t := reflect.TypeFor[Project]()
	columns := make([]string, 0, t.NumField())
	for field := range t.Fields() {
		columns = append(columns, "projects."+db.NamingStrategy.ColumnName("projects", field.Name))
	}
	return strings.Join(columns, ", ")
}

func valueOr0(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
