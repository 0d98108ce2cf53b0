package app_test

import (
	"math"
	"testing"

	"github.com/innovation-accelerators/portal/app"
)

func TestFormatPounds_WritesPenceAsGroupedPoundsEvenAtTheInt64Limits(t *testing.T) {
	cases := []struct {
		pence int64
		want  string
	}{
		{0, "£0.00"},
		{1, "£0.01"},
		{99, "£0.99"},
		{100, "£1.00"},
		{123456, "£1,234.56"},
		{123456789, "£1,234,567.89"},
		{100_000_000_00, "£100,000,000.00"},
		{-1, "-£0.01"},
		{-123456789, "-£1,234,567.89"},
		{math.MaxInt64, "£92,233,720,368,547,758.07"},
		{math.MinInt64, "-£92,233,720,368,547,758.08"},
	}
	for _, c := range cases {
		if got := app.FormatPounds(c.pence); got != c.want {
			t.Errorf("FormatPounds(%d) = %q, want %q", c.pence, got, c.want)
		}
	}
}

func TestFinancialYearLabel_NamesTheYearItStartsAndTheTwoDigitsOfTheNext(t *testing.T) {
	cases := map[int]string{2023: "2023-24", 2024: "2024-25", 2025: "2025-26", 2009: "2009-10", 2099: "2099-00", 1999: "1999-00"}
	for start, want := range cases {
		if got := app.FinancialYearLabel(start); got != want {
			t.Errorf("FinancialYearLabel(%d) = %q, want %q", start, got, want)
		}
	}
}
