package models

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// exportChunk is how many projects an export reads at a time: enough that the round trips do not show,
// few enough that memory stays small whatever the register's size.
const exportChunk = 500

// ProjectExportRow is one project as an export writes it: only the columns it writes, with the names of
// what it refers to.
type ProjectExportRow struct {
	ID                       int64
	Reference                string
	Title                    string
	TenantName               string
	LeadOrganisationName     string
	Status                   ProjectStatus
	Sector                   string
	SectorOther              string
	LocalAuthorityCode       string
	LocalAuthorityName       string
	StartDate                time.Time
	EndDate                  time.Time
	TotalCostPence           int64
	GrantRequestedPence      int64
	PrivateCoInvestmentPence int64
	UpdatedAt                time.Time
	Partners                 []string        `gorm:"-"` // partner organisations' names, by name
	Targets                  []ProjectTarget `gorm:"-"` // by indicator code
	Leads                    []string        `gorm:"-"` // project leads' names, by name
}

// ExportProjects hands every project the query matches to each, in reference order, reading a chunk at a
// time after the last reference given: memory stays the size of one chunk, and no transaction or
// connection is held while each writes (to a slow client, say). A project changed during an export
// appears as it was when its chunk was read. The query's sort, position and limit are ignored.
func (s *Store) ExportProjects(ctx context.Context, q ProjectQuery, each func(ProjectExportRow) error) error {
	q.Sort, q.From, q.Backward, q.CountUpTo = "reference", nil, false, 0
	for {
		rows, err := s.exportChunk(ctx, q)
		if err != nil {
			return err
		}
		for _, row := range rows {
			if err := each(row); err != nil {
				return err
			}
		}
		if len(rows) < exportChunk {
			return nil
		}
		last := rows[len(rows)-1]
		q.From = &Position{Values: []string{last.Reference}, ID: last.ID}
	}
}

// exportChunk reads one chunk of projects and their partners, targets and leads in one transaction.
func (s *Store) exportChunk(ctx context.Context, q ProjectQuery) ([]ProjectExportRow, error) {
	var rows []ProjectExportRow
	order := s.projectKeyset(q.Sort, nil)
	err := s.inScope(ctx, q.Scope, func(db *gorm.DB) error {
		page := s.filteredProjects(db, q, SearchTerms(q.Text))
		if q.From != nil {
			var err error
			if page, err = order.after(page, "projects.id", *q.From, false); err != nil {
				return err
			}
		}
		err := page.Select(`projects.id, projects.reference, projects.title, tenants.name AS tenant_name,
				COALESCE(organisations.name, '') AS lead_organisation_name, projects.status, projects.sector, projects.sector_other,
				projects.local_authority_code, local_authorities.name AS local_authority_name, projects.start_date,
				projects.end_date, projects.total_cost_pence, projects.grant_requested_pence,
				projects.private_co_investment_pence, projects.updated_at`).
			Joins("JOIN tenants ON tenants.id = projects.tenant_id").
			Joins("LEFT JOIN organisations ON organisations.id = projects.lead_organisation_id").
			Joins("LEFT JOIN local_authorities ON local_authorities.code = projects.local_authority_code").
			Order(order.orderBy("projects.id", false, []string{"projects.reference"})).
			Limit(exportChunk).Scan(&rows).Error
		if err != nil || len(rows) == 0 {
			return err
		}
		return fillExportParts(db, rows, s.idsIn("project_id"))
	})
	return rows, translate(err)
}

// fillExportParts reads the chunk's partners, targets and leads: three queries for the whole chunk, each
// naming the chunk's projects with inChunk.
func fillExportParts(db *gorm.DB, rows []ProjectExportRow, inChunk func(table string, ids []int64) (string, any)) error {
	ids := make([]int64, len(rows))
	at := make(map[int64]*ProjectExportRow, len(rows))
	for i := range rows {
		ids[i], at[rows[i].ID] = rows[i].ID, &rows[i]
	}
	var named []struct {
		ProjectID int64
		Name      string
	}
	err := db.Session(&gorm.Session{NewDB: true}).Table("project_partners").
		Select("project_partners.project_id, organisations.name").
		Joins("JOIN organisations ON organisations.id = project_partners.organisation_id").
		Where(inChunk("project_partners", ids)).Order("organisations.name, organisations.id").Scan(&named).Error
	if err != nil {
		return err
	}
	for _, n := range named {
		at[n.ProjectID].Partners = append(at[n.ProjectID].Partners, n.Name)
	}
	named = named[:0]
	err = db.Session(&gorm.Session{NewDB: true}).Table("project_leads").
		Select("project_leads.project_id, users.display_name AS name").
		Joins("JOIN users ON users.id = project_leads.user_id").
		Where(inChunk("project_leads", ids)).Order("users.display_name, users.id").Scan(&named).Error
	if err != nil {
		return err
	}
	for _, n := range named {
		at[n.ProjectID].Leads = append(at[n.ProjectID].Leads, n.Name)
	}
	var targets []ProjectTarget
	err = db.Session(&gorm.Session{NewDB: true}).Table("project_targets").
		Where(inChunk("project_targets", ids)).Order("project_targets.indicator_code").Find(&targets).Error
	for _, t := range targets {
		at[t.ProjectID].Targets = append(at[t.ProjectID].Targets, t)
	}
	return err
}

// idsIn is a condition that a table's column is one of some ids. PostgreSQL gets them as one array
// parameter (a thousand separate parameters cost more to send and plan than the lookups themselves);
// SQLite, which has no arrays, as a list.
func (s *Store) idsIn(column string) func(table string, ids []int64) (string, any) {
	return func(table string, ids []int64) (string, any) {
		if !s.postgres {
			return table + "." + column + " IN ?", ids
		}
		text := make([]string, len(ids))
		for i, id := range ids {
			text[i] = strconv.FormatInt(id, 10)
		}
		return table + "." + column + " = ANY(CAST(? AS bigint[]))", "{" + strings.Join(text, ",") + "}"
	}
}
