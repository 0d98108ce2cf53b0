package handlers

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/app"
)

// projectForm is the project form as the person filled it in, kept as typed so a mistake can be shown
// with everything else they entered.
type projectForm struct {
	Title, Summary      string
	LeadOrganisationID  string
	Partners            map[string]bool // chosen organisation IDs
	Sector, SectorOther string
	LocalAuthorityCode  string
	Start, End          dateInput
	TotalCost           string
	GrantRequested      string
	PrivateCoInvestment string
	Targets             map[string]string // indicator code → value as typed
	Leads               map[string]bool   // chosen user IDs
	Version             int
	partnerIDs, leadIDs []string
}

// postedProject reads the form's own fields, and nothing else.
func postedProject(c *gin.Context) projectForm {
	f := projectForm{
		Title: c.PostForm("title"), Summary: c.PostForm("summary"), LeadOrganisationID: c.PostForm("lead_organisation_id"),
		Sector: c.PostForm("sector"), SectorOther: c.PostForm("sector_other"),
		LocalAuthorityCode: c.PostForm("local_authority_code"),
		Start:              postedDate(c, "start_date"), End: postedDate(c, "end_date"),
		TotalCost: c.PostForm("total_cost"), GrantRequested: c.PostForm("grant_requested"),
		PrivateCoInvestment: c.PostForm("private_co_investment"),
		Targets:             c.PostFormMap("targets"), Version: formVersion(c),
		partnerIDs: c.PostFormArray("partner_organisation_ids"), leadIDs: c.PostFormArray("lead_user_ids"),
	}
	f.Partners, f.Leads = chosen(f.partnerIDs), chosen(f.leadIDs)
	return f
}

// input is what the app is asked to check and save.
func (f projectForm) input() app.ProjectInput {
	return app.ProjectInput{
		Title: f.Title, Summary: f.Summary, LeadOrganisationID: formID(f.LeadOrganisationID),
		PartnerOrganisationIDs: formIDs(f.partnerIDs), Sector: f.Sector, SectorOther: f.SectorOther,
		LocalAuthorityCode: f.LocalAuthorityCode, StartDate: f.Start.ISO(), EndDate: f.End.ISO(),
		TotalCost: f.TotalCost, GrantRequested: f.GrantRequested, PrivateCoInvestment: f.PrivateCoInvestment,
		Targets: f.Targets, LeadUserIDs: formIDs(f.leadIDs), Version: f.Version,
	}
}

// projectFormOf fills the form from a stored project, in the forms people type.
func projectFormOf(d app.ProjectDetail) projectForm {
	pr := d.Project
	f := projectForm{
		Title: pr.Title, Summary: pr.Summary, Partners: map[string]bool{}, Sector: pr.Sector, SectorOther: pr.SectorOther,
		Start: dateOf(pr.StartDate), End: dateOf(pr.EndDate),
		TotalCost: app.PoundsText(pr.TotalCostPence), GrantRequested: app.PoundsText(pr.GrantRequestedPence),
		PrivateCoInvestment: app.PoundsText(pr.PrivateCoInvestmentPence),
		Targets:             map[string]string{}, Leads: map[string]bool{}, Version: pr.Version,
	}
	if pr.LeadOrganisationID != nil {
		f.LeadOrganisationID = strconv.FormatInt(*pr.LeadOrganisationID, 10)
	}
	if pr.LocalAuthorityCode != nil {
		f.LocalAuthorityCode = *pr.LocalAuthorityCode
	}
	for _, o := range d.Partners {
		f.Partners[strconv.FormatInt(o.ID, 10)] = true
	}
	for _, t := range d.Targets {
		f.Targets[t.Indicator.Code] = app.FormatIndicatorInput(t.Indicator.Unit, t.Value)
	}
	for _, u := range d.Leads {
		f.Leads[strconv.FormatInt(u.ID, 10)] = true
	}
	return f
}

func chosen(values []string) map[string]bool {
	m := map[string]bool{}
	for _, v := range values {
		m[v] = true
	}
	return m
}

func dateOf(t *time.Time) dateInput {
	if t == nil {
		return dateInput{}
	}
	return dateInput{Day: strconv.Itoa(t.Day()), Month: strconv.Itoa(int(t.Month())), Year: strconv.Itoa(t.Year())}
}
