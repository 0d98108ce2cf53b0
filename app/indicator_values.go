package app

import (
	"strconv"
	"strings"

	"github.com/innovation-accelerators/portal/models"
)

// ParseIndicatorValue reads a value in an indicator's unit: money in pounds (to pence), full-time
// equivalents to two decimal places (to hundredths), counts as whole numbers. The message says what is wrong.
func ParseIndicatorValue(unit models.IndicatorUnit, text string) (int64, string) {
	text = strings.TrimSpace(text)
	switch unit {
	case models.UnitMoney:
		pence, err := ParsePounds(text)
		if err != nil {
			return 0, lowerFirst(err.Error())
		}
		return pence, ""
	case models.UnitFTE:
		hundredths, err := ParsePounds(text) // the same exact two-decimal reading, without the pound sign
		if err != nil || strings.HasPrefix(text, "£") {
			return 0, "enter a number of full-time equivalents, like 12 or 2.5"
		}
		return hundredths, ""
	default:
		digits, ok := stripThousands(text)
		n, err := strconv.ParseInt(digits, 10, 64)
		if !ok || err != nil || n < 0 || n > 1_000_000_000 {
			return 0, "enter a whole number, like 25 or 1,200"
		}
		return n, ""
	}
}

// lowerFirst lets a message follow the indicator's name mid-sentence: "Jobs created: enter …".
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// FormatIndicatorInput writes a stored value as a person would type it back in, so that a form shows
// what ParseIndicatorValue reads: pounds as 1250.00, FTE as 2.5, counts as 25.
func FormatIndicatorInput(unit models.IndicatorUnit, value int64) string {
	switch unit {
	case models.UnitMoney:
		return FormatPoundsPlain(value)
	case models.UnitFTE:
		return strings.TrimSuffix(strings.TrimRight(FormatPoundsPlain(value), "0"), ".")
	default:
		return strconv.FormatInt(value, 10)
	}
}

// FormatIndicatorValue writes a stored value in its unit for people.
func FormatIndicatorValue(unit models.IndicatorUnit, value int64) string {
	switch unit {
	case models.UnitMoney:
		return FormatPounds(value)
	case models.UnitFTE:
		return strings.TrimSuffix(strings.TrimSuffix(FormatPoundsPlain(value), "0"), ".0") + " FTE"
	default:
		return strconv.FormatInt(value, 10)
	}
}
