package models

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// OrganisationQuery finds and pages organisations, by name.
type OrganisationQuery struct {
	Scope     Scope
	TenantID  int64  // within an all-tenants scope, only this tenant (0: every tenant)
	Text      string // found anywhere in the name, ignoring case
	From      *Position
	Backward  bool // the page ends just before From instead of starting just after it
	Limit     int
	CountUpTo int // count the matches up to this many (0: do not count)
}

// OrganisationList is one page of organisations.
type OrganisationList struct {
	Rows       []Organisation
	More       bool // there are rows beyond the page in the direction it was read
	Total      int64
	TotalExact bool
}

// organisationOrder is the one order organisations are listed in: by name, then id.
func organisationOrder() keyset { return keyset{columns: []keyColumn{{sql: "organisations.name"}}} }

// OrganisationPositionOf is where an organisation stands in the list.
func OrganisationPositionOf(o Organisation) Position {
	return Position{Values: []string{o.Name}, ID: o.ID}
}

// OrganisationPage returns one page of organisations by name, after (or before) a position, read from the
// (tenant_id, name, id) or (name, id) index.
func (s *Store) OrganisationPage(ctx context.Context, q OrganisationQuery) (OrganisationList, error) {
	var list OrganisationList
	err := s.inScope(ctx, q.Scope, func(db *gorm.DB) error {
		if q.CountUpTo > 0 {
			var err error
			if list.Total, list.TotalExact, err = countUpTo(filteredOrganisations(db, q), q.CountUpTo); err != nil {
				return err
			}
		}
		page := filteredOrganisations(db, q)
		if q.From != nil {
			var err error
			if page, err = organisationOrder().after(page, "organisations.id", *q.From, q.Backward); err != nil {
				return err
			}
		}
		return page.Select("organisations.*").
			Order(organisationOrder().orderBy("organisations.id", q.Backward, []string{"organisations.name"})).
			Limit(q.Limit + 1).Find(&list.Rows).Error
	})
	if err != nil {
		return OrganisationList{}, translate(err)
	}
	if list.More = len(list.Rows) > q.Limit; list.More {
		list.Rows = list.Rows[:q.Limit]
	}
	if q.Backward {
		slices.Reverse(list.Rows)
	}
	return list, nil
}

func filteredOrganisations(db *gorm.DB, q OrganisationQuery) *gorm.DB {
	db = q.Scope.where(db.Table("organisations"), "organisations")
	if q.TenantID != 0 {
		db = db.Where("organisations.tenant_id = ?", q.TenantID)
	}
	if text := strings.TrimSpace(q.Text); text != "" {
		db = db.Where(`LOWER(organisations.name) LIKE ? ESCAPE '\'`, "%"+escapeLike(strings.ToLower(text))+"%")
	}
	return db
}

// escapeLike makes % and _ in a person's search text match themselves.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
