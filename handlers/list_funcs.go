package handlers

import (
	"strings"

	"github.com/innovation-accelerators/portal/models"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// countText says how many records a list holds, "10,000+ projects" when it stopped counting.
func countText(n int64, exact bool, one, many string) string {
	text := message.NewPrinter(language.BritishEnglish).Sprintf("%d", n)
	if !exact {
		text += "+"
	}
	if n == 1 && exact {
		return text + " " + one
	}
	return text + " " + many
}

// xlsxHref is the Excel workbook's address beside a CSV export's.
func xlsxHref(csvHref string) string {
	return strings.Replace(csvHref, "/projects.csv", "/projects.xlsx", 1)
}

// pickerWithError is a picker showing an error message by its field.
func pickerWithError(p *organisationPicker, message string) *organisationPicker {
	if message == "" {
		return p
	}
	shown := *p
	shown.Error = message
	return &shown
}

// organisationSelect is the view model of partials/organisation_picker.html's organisation_select.
type organisationSelect struct {
	Field, Label, Chosen, Error string
	AddHref                     string // where to add an organisation that is not listed
	Options                     []models.Organisation
}

func newOrganisationSelect(field, label string, options []models.Organisation, chosen, message string) organisationSelect {
	return organisationSelect{Field: field, Label: label, Chosen: chosen, Error: message, AddHref: "/organisations/new", Options: options}
}
