package handlers

import "strings"

// The values the form partials are given: templates build them with textField, dateField and friends.

// formField is what a text input partial needs: its id (also its name), words, value as typed and error.
type formField struct {
	ID, Label, Hint, Value, Error, Width string
}

func newFormField(id, label, hint, value, err, width string) formField {
	return formField{ID: id, Label: label, Hint: hint, Value: value, Error: err, Width: width}
}

// Message is the field's error, for the error_message partial.
func (f formField) Message() string { return f.Error }

// DescribedBy lists the ids of the hint and error that describe the input, for aria-describedby.
func (f formField) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// sortHeader is a sortable column heading of the register.
type sortHeader struct {
	Column            sortColumn
	Key, Label, Class string
}

func newSortHeader(cols map[string]sortColumn, key, label, class string) sortHeader {
	return sortHeader{Column: cols[key], Key: key, Label: label, Class: class}
}

// dateField is what the date_field partial needs: a GOV.UK date input whose day box has the field's id.
type dateField struct {
	ID, Label, Error string
	Date             dateInput
}

func newDateField(id, label string, d dateInput, err string) dateField {
	return dateField{ID: id, Label: label, Date: d, Error: err}
}
