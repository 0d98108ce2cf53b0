package handlers

import (
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// apiProjectFields are the project fields an API client writes: app.ProjectInput in JSON. Money is a string
// in pounds and dates are "YYYY-MM-DD", both read by app; server-owned fields are absent, so a body
// carrying them is refused as an unknown field. A field left out (or null) is not given: a draft saves
// whatever is valid, and submission asks for the rest.
type apiProjectFields struct {
	Title                  string            `json:"title"`
	Summary                string            `json:"summary"`
	LeadOrganisationID     int64             `json:"lead_organisation_id"`
	PartnerOrganisationIDs []int64           `json:"partner_organisation_ids"`
	Sector                 string            `json:"sector"`
	SectorOther            string            `json:"sector_other"`
	LocalAuthorityCode     string            `json:"local_authority_code"`
	StartDate              string            `json:"start_date"`
	EndDate                string            `json:"end_date"`
	TotalCost              string            `json:"total_cost"`
	GrantRequested         string            `json:"grant_requested"`
	PrivateCoInvestment    string            `json:"private_co_investment"`
	Targets                map[string]string `json:"targets"`
	LeadUserIDs            []int64           `json:"lead_user_ids"`
}

// apiProjectReplace is the body of PUT: every editable field of a project read at Version, replacing what
// is there (a field left out is cleared).
type apiProjectReplace struct {
	apiProjectFields
	Version *int `json:"version"`
}

// apiTransitionBody is a workflow step's reason, and the version of the project the person decided on.
type apiTransitionBody struct {
	Reason  string `json:"reason"`
	Version *int   `json:"version"`
}

func (b apiProjectFields) input() app.ProjectInput {
	return app.ProjectInput{
		Title: b.Title, Summary: b.Summary, LeadOrganisationID: b.LeadOrganisationID,
		PartnerOrganisationIDs: b.PartnerOrganisationIDs, Sector: b.Sector, SectorOther: b.SectorOther,
		LocalAuthorityCode: b.LocalAuthorityCode, StartDate: b.StartDate, EndDate: b.EndDate,
		TotalCost: b.TotalCost, GrantRequested: b.GrantRequested, PrivateCoInvestment: b.PrivateCoInvestment,
		Targets: b.Targets, LeadUserIDs: b.LeadUserIDs,
	}
}

// decodeProjectCreate reads the body of POST /api/v1/projects.
func decodeProjectCreate(r *http.Request) (app.ProjectInput, error) {
	var b apiProjectFields
	if err := decodeJSONBody(r, &b); err != nil {
		return app.ProjectInput{}, err
	}
	return b.input(), nil
}

// decodeProjectReplace reads the body of PUT /api/v1/projects/{id}, which must say which version it
// replaces.
func decodeProjectReplace(r *http.Request) (app.ProjectInput, error) {
	var b apiProjectReplace
	if err := decodeJSONBody(r, &b); err != nil {
		return app.ProjectInput{}, err
	}
	version, err := apiVersion(b.Version)
	if err != nil {
		return app.ProjectInput{}, err
	}
	in := b.input()
	in.Version = version
	return in, nil
}

// apiVersion insists on the version a client read, so that nobody overwrites a change they never saw.
func apiVersion(v *int) (int, error) {
	if v == nil || *v < 1 {
		return 0, &app.ValidationError{Fields: map[string]string{"version": "Send the version of the record you read, as the API returned it"}}
	}
	return *v, nil
}

// apiProject is a project as the register lists it.
type apiProject struct {
	ID                   int64      `json:"id"`
	Reference            string     `json:"reference"`
	TenantID             int64      `json:"tenant_id"`
	TenantName           string     `json:"tenant_name"`
	Title                string     `json:"title"`
	Summary              string     `json:"summary"`
	Status               string     `json:"status"`
	LeadOrganisationID   *int64     `json:"lead_organisation_id"`
	LeadOrganisationName string     `json:"lead_organisation_name"`
	Sector               string     `json:"sector"`
	SectorOther          string     `json:"sector_other"`
	LocalAuthorityCode   *string    `json:"local_authority_code"`
	StartDate            *string    `json:"start_date"`
	EndDate              *string    `json:"end_date"`
	TotalCost            *string    `json:"total_cost"`
	GrantRequested       *string    `json:"grant_requested"`
	PrivateCoInvestment  *string    `json:"private_co_investment"`
	Version              int        `json:"version"`
	SubmittedAt          *time.Time `json:"submitted_at"`
	DecidedAt            *time.Time `json:"decided_at"`
	DecisionReason       string     `json:"decision_reason"`
	CreatedAt            time.Time  `json:"created_at"`
	UpdatedAt            time.Time  `json:"updated_at"`
}

func newAPIProject(p models.Project, tenantName, leadOrganisationName string) apiProject {
	return apiProject{
		ID: p.ID, Reference: p.Reference, TenantID: p.TenantID, TenantName: tenantName,
		Title: p.Title, Summary: p.Summary, Status: string(p.Status),
		LeadOrganisationID: p.LeadOrganisationID, LeadOrganisationName: leadOrganisationName,
		Sector: p.Sector, SectorOther: p.SectorOther, LocalAuthorityCode: p.LocalAuthorityCode,
		StartDate: optionalDate(p.StartDate), EndDate: optionalDate(p.EndDate),
		TotalCost: optionalPounds(p.TotalCostPence), GrantRequested: optionalPounds(p.GrantRequestedPence),
		PrivateCoInvestment: optionalPounds(p.PrivateCoInvestmentPence),
		Version:             p.Version, SubmittedAt: p.SubmittedAt, DecidedAt: p.DecidedAt, DecisionReason: p.DecisionReason,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
	}
}

// apiProjectDetail is one project with its partners, targets, leads, history, what it still needs before it
// can be submitted, and the actions the caller may take now (the names of the endpoints under
// /api/v1/projects/{id}/, and "update" for PATCH and PUT).
type apiProjectDetail struct {
	apiProject
	LocalAuthorityName string            `json:"local_authority_name"`
	Missing            map[string]string `json:"missing_for_submission"`
	Partners           []apiNamed        `json:"partners"`
	Targets            map[string]string `json:"targets"`
	Leads              []apiNamed        `json:"leads"`
	History            []apiHistoryEntry `json:"history"`
	AllowedActions     []string          `json:"allowed_actions"`
}

// apiNamed is a record referred to by its ID, with its name to show.
type apiNamed struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// apiHistoryEntry is one event of a project's history: what happened, when, who did it and why.
type apiHistoryEntry struct {
	Action    string    `json:"action"`
	At        time.Time `json:"at"`
	ActorID   *int64    `json:"actor_id"`
	ActorName string    `json:"actor_name"`
	Reason    string    `json:"reason"`
}

func newAPIProjectDetail(d app.ProjectDetail) apiProjectDetail {
	out := apiProjectDetail{
		apiProject:         newAPIProject(d.Project, d.TenantName, d.LeadOrganisation.Name),
		LocalAuthorityName: d.LocalAuthority.Name, Missing: map[string]string{},
		Partners: []apiNamed{}, Targets: map[string]string{}, Leads: []apiNamed{},
		History: []apiHistoryEntry{}, AllowedActions: apiAllowedActions(d.Allowed),
	}
	maps.Copy(out.Missing, d.Missing)
	for _, o := range d.Partners {
		out.Partners = append(out.Partners, apiNamed{o.ID, o.Name})
	}
	for _, t := range d.Targets {
		out.Targets[t.Indicator.Code] = app.FormatIndicatorInput(t.Indicator.Unit, t.Value)
	}
	for _, u := range d.Leads {
		out.Leads = append(out.Leads, apiNamed{u.ID, u.DisplayName})
	}
	for _, h := range d.History {
		out.History = append(out.History, apiHistoryEntry{
			Action: strings.TrimPrefix(h.Action, "project."), At: h.OccurredAt.UTC(),
			ActorID: h.ActorUserID, ActorName: h.ActorName, Reason: h.Detail,
		})
	}
	return out
}

func apiAllowedActions(a app.ProjectActions) []string {
	actions := []string{}
	if a.Edit {
		actions = append(actions, "update")
	}
	for _, t := range app.ProjectSteps() {
		if a.Can(t) {
			actions = append(actions, apiStepName(t))
		}
	}
	return actions
}

// apiStepName is a workflow step's name in a URL: request_changes → request-changes.
func apiStepName(t app.Transition) string {
	return strings.ReplaceAll(string(t), "_", "-")
}

// optionalPounds writes an amount given as the API's decimal string, and one not given as null.
func optionalPounds(pence *int64) *string {
	if pence == nil {
		return nil
	}
	text := app.FormatPoundsPlain(*pence)
	return &text
}

// optionalDate writes a date given as YYYY-MM-DD, and one not given as null.
func optionalDate(d *time.Time) *string {
	if d == nil {
		return nil
	}
	text := d.Format(time.DateOnly)
	return &text
}
