package handlers

import (
	"net/url"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// filterQuery writes a register filter back into an address's query ("" or "?…"), with the sort and
// cursor given, so that sorting and paging keep the filter.
func filterQuery(f app.ProjectFilter, sort, cursor string) string {
	q := url.Values{}
	for key, value := range map[string]string{
		"tenant": f.Tenant, "status": f.Status, "sector": f.Sector, "lead_organisation": f.LeadOrganisation,
		"q": f.Text, "sort": sort, "cursor": cursor,
	} {
		if value != "" {
			q.Set(key, value)
		}
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// sortColumn is a column heading that sorts the register: its link and how it is sorted now.
type sortColumn struct {
	Href     string
	AriaSort string // ascending, descending or none
}

// sortKeys are the register's sortable columns (the sort keys of models.ProjectSort without direction).
var sortKeys = []string{"reference", "title", "status", "grant", "updated"}

// sortColumns links each sortable heading: to ascending order, or to the other direction when the list is
// already sorted by it. Newest updated first is the register's default order, and relevance a search's.
func sortColumns(path string, f app.ProjectFilter) map[string]sortColumn {
	current := models.ProjectSort(f.Sort, f.Text)
	cols := map[string]sortColumn{}
	for _, key := range sortKeys {
		col := sortColumn{Href: path + filterQuery(f, key, ""), AriaSort: "none"}
		switch current {
		case key:
			col.Href, col.AriaSort = path+filterQuery(f, "-"+key, ""), "ascending"
		case "-" + key:
			col.AriaSort = "descending"
		}
		cols[key] = col
	}
	return cols
}

// pagination is the GOV.UK pagination component's previous and next links, for a list read by cursor.
type pagination struct {
	Previous, Next string
}

// paginate links the pages before and after this one, keeping the filter and the order.
func paginate(path string, f app.ProjectFilter, result app.ProjectPage) pagination {
	var pg pagination
	if result.Previous != "" {
		pg.Previous = path + filterQuery(f, f.Sort, result.Previous)
	}
	if result.Next != "" {
		pg.Next = path + filterQuery(f, f.Sort, result.Next)
	}
	return pg
}
