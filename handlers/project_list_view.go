package handlers

import (
	"net/url"
	"strconv"

	"github.com/innovation-accelerators/portal/app"
)

// filterQuery writes a register filter back into an address's query ("" or "?…"), with the sort and page
// given, so that sorting and paging keep the filter.
func filterQuery(f app.ProjectFilter, sort, page string) string {
	q := url.Values{}
	for key, value := range map[string]string{
		"tenant": f.Tenant, "status": f.Status, "sector": f.Sector, "lead_organisation": f.LeadOrganisation,
		"q": f.Text, "sort": sort, "page": page,
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

// sortKeys are the register's sortable columns (the keys of models.ProjectSorts without their direction).
var sortKeys = []string{"reference", "title", "status", "grant", "updated"}

// sortColumns links each sortable heading: to ascending order, or to the other direction when the list is
// already sorted by it. Newest updated first is the register's default order.
func sortColumns(path string, f app.ProjectFilter) map[string]sortColumn {
	current := f.Sort
	if current == "" {
		current = "-updated"
	}
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

// pagination is the GOV.UK pagination component's content.
type pagination struct {
	Previous, Next string
	Items          []pageItem
}

type pageItem struct {
	Number   int
	Href     string
	Current  bool
	Ellipsis bool
}

// paginate links the first and last pages and those beside the current one, with ellipses between.
func paginate(path string, f app.ProjectFilter, result app.ProjectPage) pagination {
	pages, current := result.Pages(), result.Page
	if pages <= 1 {
		return pagination{}
	}
	link := func(n int) string { return path + filterQuery(f, f.Sort, strconv.Itoa(n)) }
	var pg pagination
	if current > 1 {
		pg.Previous = link(min(current-1, pages))
	}
	if current < pages {
		pg.Next = link(current + 1)
	}
	for n := 1; n <= pages; n++ {
		switch {
		case n == 1 || n == pages || (n >= current-1 && n <= current+1):
			pg.Items = append(pg.Items, pageItem{Number: n, Href: link(n), Current: n == current})
		case len(pg.Items) > 0 && !pg.Items[len(pg.Items)-1].Ellipsis:
			pg.Items = append(pg.Items, pageItem{Ellipsis: true})
		}
	}
	return pg
}
