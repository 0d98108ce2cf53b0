package app

import (
	"fmt"
	"strings"
)

// Financial years run from 1 April to 31 March and are known by the year they start in.

// FinancialYearLabel writes the financial year starting in April of startYear as data does (references,
// exports, the API): 2024 → "2024-25".
func FinancialYearLabel(startYear int) string {
	return fmt.Sprintf("%d-%02d", startYear, (startYear+1)%100)
}

// FinancialYearText writes the financial year for a page, as the GOV.UK style guide asks: 2024 → "2024 to 2025".
func FinancialYearText(startYear int) string {
	return fmt.Sprintf("%d to %d", startYear, startYear+1)
}

// FinancialYearsText lists the financial years from first to last for a page: "2023 to 2024, 2024 to 2025
// and 2025 to 2026".
func FinancialYearsText(first, last int) string {
	var years []string
	for y := first; y <= last; y++ {
		years = append(years, FinancialYearText(y))
	}
	switch len(years) {
	case 0:
		return ""
	case 1:
		return years[0]
	}
	return strings.Join(years[:len(years)-1], ", ") + " and " + years[len(years)-1]
}
