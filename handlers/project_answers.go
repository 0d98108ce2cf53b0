package handlers

import (
	"strconv"
	"strings"

	"github.com/innovation-accelerators/portal/app"
)

// answerRow is one answer about a project, as its page and the "Check your answers" page list them.
type answerRow struct {
	Key, TestID string
	Text        string       // the answer, when it is one piece of text
	Items       []answerItem // the answer, when it is a list (partners, leads); empty shows None
	List        bool
	Missing     string // what to do when the answer is needed and not given yet, e.g. "Enter the start date"
	Change      string // the form's address for this answer, with the field's anchor; "" offers no change link
	Field       string // the form field the answer comes from
}

// answerItem is one item of a list answer, linked when Href is set.
type answerItem struct{ Text, Href string }

// projectAnswers lists the answers a project's form collects, in the form's order. With changeable set,
// each has a link to its field on the edit form.
func projectAnswers(d app.ProjectDetail, changeable bool) []answerRow {
	pr := d.Project
	rows := []answerRow{
		{Key: "Title", Field: "title", Text: pr.Title},
		{Key: "Summary", Field: "summary", Text: cmpText(pr.Summary, "None")},
		{Key: "Lead organisation", Field: "lead_organisation_id", List: true, Items: organisationItems(d.LeadOrganisation.ID, d.LeadOrganisation.Name)},
		{Key: "Partners", Field: "partner_organisation_ids", List: true, Items: partnerItems(d)},
		{Key: "Sector or technology", Field: "sector", Text: sectorAnswer(d)},
		{Key: "Place", Field: "local_authority_code", Text: placeAnswer(d)},
		{Key: "Start date", Field: "start_date", Text: unlessMissing(pr.StartDate == nil, dateText(pr.StartDate))},
		{Key: "End date", Field: "end_date", Text: unlessMissing(pr.EndDate == nil, dateText(pr.EndDate))},
		{Key: "Total cost", Field: "total_cost", Text: unlessMissing(pr.TotalCostPence == nil, moneyText(pr.TotalCostPence))},
		{Key: "Grant requested", Field: "grant_requested", Text: unlessMissing(pr.GrantRequestedPence == nil, moneyText(pr.GrantRequestedPence))},
		{Key: "Private co-investment committed", Field: "private_co_investment", Text: unlessMissing(pr.PrivateCoInvestmentPence == nil, moneyText(pr.PrivateCoInvestmentPence))},
		{Key: "Project leads", Field: "lead_user_ids", TestID: "leads", List: true, Items: leadItems(d)},
	}
	for i := range rows {
		r := &rows[i]
		if r.TestID == "" {
			r.TestID = strings.ReplaceAll(strings.ToLower(r.Key), " ", "-")
		}
		r.Missing = d.Missing[r.Field]
		if r.Missing == "" && r.Field == "sector" {
			r.Missing = d.Missing["sector_other"]
		}
		if changeable {
			r.Change = "/projects/" + strconv.FormatInt(pr.ID, 10) + "/edit#" + r.Field
		}
	}
	return rows
}

func cmpText(text, none string) string {
	if text == "" {
		return none
	}
	return text
}

// unlessMissing keeps an answer's text, or leaves it empty when it is not given (the page then says so).
func unlessMissing(missing bool, text string) string {
	if missing {
		return ""
	}
	return text
}

func organisationItems(id int64, name string) []answerItem {
	if id == 0 {
		return nil
	}
	return []answerItem{{Text: name, Href: organisationPath(id)}}
}

func partnerItems(d app.ProjectDetail) []answerItem {
	var items []answerItem
	for _, o := range d.Partners {
		items = append(items, organisationItems(o.ID, o.Name)...)
	}
	return items
}

func leadItems(d app.ProjectDetail) []answerItem {
	var items []answerItem
	for _, u := range d.Leads {
		items = append(items, answerItem{Text: cmpText(u.DisplayName, u.Email)})
	}
	return items
}

func sectorAnswer(d app.ProjectDetail) string {
	switch {
	case d.Project.Sector == "":
		return ""
	case d.Project.Sector == app.SectorOther && d.Project.SectorOther == "":
		return "Other"
	}
	return sectorText(d.Project)
}

func placeAnswer(d app.ProjectDetail) string {
	if d.LocalAuthority.Code == "" {
		return ""
	}
	return placeText(d.LocalAuthority)
}
