package handlers

import (
	"html/template"
	"strings"
	"time"
	_ "time/tzdata" // times are shown in UK time wherever the portal runs

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// registerFuncs are the template functions of the project and organisation registers.
func registerFuncs() template.FuncMap {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		london = time.UTC
	}
	return template.FuncMap{
		"fieldError":         func(id, message string) formField { return formField{ID: id, Error: message} },
		"textField":          newFormField,
		"dateField":          newDateField,
		"summaryRow":         newSummaryRow,
		"projectAnswers":     projectAnswers,
		"leadNeed":           leadNeedOf,
		"statusList":         statusListPath,
		"tenantStatusList":   tenantStatusPath,
		"tenantCount":        newTenantCount,
		"sortHeader":         newSortHeader,
		"countText":          countText,
		"xlsxHref":           xlsxHref,
		"pickerWithError":    pickerWithError,
		"organisationSelect": newOrganisationSelect,
		"lower":              strings.ToLower,
		"sectorLabel":        app.SectorLabel,
		"sectorText":         sectorText,
		"placeText":          placeText,
		"kindLabel":          app.OrganisationKindLabel,
		"statusLabel":        statusLabel,
		"statusClass":        statusClass,
		"historyLabel":       app.ProjectHistoryLabel,
		"sectors":            app.Sectors,
		"statuses":           func() []models.ProjectStatus { return models.AllProjectStatuses },
		"organisationKinds":  func() any { return app.OrganisationKinds },
		"dateTime": func(t time.Time) string {
			return t.In(london).Format("2 January 2006 at 3:04pm")
		},
	}
}

// summaryRow is a row of a GOV.UK summary list; TestID names its value for tests ("Start date" → start-date).
type summaryRow struct {
	Key, Value, TestID string
}

func newSummaryRow(key, value string) summaryRow {
	return summaryRow{Key: key, Value: value, TestID: strings.ReplaceAll(strings.ToLower(key), " ", "-")}
}

// sectorText names a project's sector, with its own words for "Other".
func sectorText(p models.Project) string {
	if p.Sector == app.SectorOther {
		return "Other: " + p.SectorOther
	}
	return app.SectorLabel(p.Sector)
}

// placeText names a local authority and its ITL1 region.
func placeText(la models.LocalAuthority) string {
	if la.ITL1Region == "" {
		return la.Name
	}
	return la.Name + ", " + app.ITL1RegionName(la.ITL1Region)
}

// statusLabel names a project status for a tag or a heading: "Sent back for changes".
func statusLabel(s models.ProjectStatus) string {
	label := app.StatusLabel(s)
	if label == "" {
		return ""
	}
	return strings.ToUpper(label[:1]) + label[1:]
}

// statusClass is the GOV.UK tag colour of a project status.
func statusClass(s models.ProjectStatus) string {
	switch s {
	case models.StatusSubmitted:
		return "govuk-tag--blue"
	case models.StatusChangesRequested:
		return "govuk-tag--orange"
	case models.StatusApproved:
		return "govuk-tag--green"
	case models.StatusRejected:
		return "govuk-tag--red"
	case models.StatusClosed, models.StatusWithdrawn:
		return "govuk-tag--grey"
	}
	return "govuk-tag--light-blue"
}
