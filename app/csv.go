package app

import "strings"

// SafeSpreadsheetCell stops a cell that a spreadsheet would read as a formula (starting with =, +, -, @,
// or a tab or carriage return before one) from running: it is prefixed with an apostrophe, which
// spreadsheets show as text. Every exported cell that came from a person passes through here.
func SafeSpreadsheetCell(value string) string {
	if value == "" {
		return value
	}
	if strings.ContainsRune("=+-@\t\r", rune(value[0])) {
		return "'" + value
	}
	return value
}
