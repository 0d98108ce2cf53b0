package app

import (
	"errors"
	"strconv"
	"strings"

	"github.com/innovation-accelerators/portal/models"
)

// ParseIndicatorValue reads a target in an indicator's unit: money in pounds (to pence), full-time
// equivalents to two decimal places (to hundredths), counts as whole numbers. The message names the indicator
// and says what to type, as the GOV.UK error message guidance asks: "Jobs created must be a number of …".
func ParseIndicatorValue(ind models.Indicator, text string) (int64, string) {
	text = strings.TrimSpace(text)
	switch ind.Unit {
	case models.UnitMoney:
		pence, err := ParsePounds(text)
		var moneyErr *MoneyError
		if errors.As(err, &moneyErr) {
			return 0, moneyErr.For(ind.Name)
		}
		return pence, ""
	case models.UnitFTE:
		hundredths, err := ParsePounds(text) // the same exact two-decimal reading, without the pound sign
		if err != nil || strings.HasPrefix(text, "£") {
			return 0, ind.Name + " must be a number of full-time equivalents, like 12 or 2.5"
		}
		return hundredths, ""
	default:
		digits, ok := stripThousands(text)
		n, err := strconv.ParseInt(digits, 10, 64)
		if !ok || err != nil || n < 0 || n > 1_000_000_000 {
			return 0, ind.Name + " must be a whole number, like 25 or 1,200"
		}
		return n, ""
	}
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
