package app

import (
	"fmt"
	"strconv"
	"strings"
)

// FormatPounds writes pence as pounds with every penny: 12345678 → "£123,456.78", 100 → "£1.00".
func FormatPounds(pence int64) string {
	sign, pounds, rest := splitPence(pence)
	return fmt.Sprintf("%s£%s.%02d", sign, groupThousands(strconv.FormatUint(pounds, 10)), rest)
}

// FormatMoney writes pence for a page as the GOV.UK style guide asks: whole pounds without pence
// (£100,000,000), and exact pence where there are any (£1,234.56). Exports and the API keep every penny.
func FormatMoney(pence int64) string {
	sign, pounds, rest := splitPence(pence)
	if rest == 0 {
		return fmt.Sprintf("%s£%s", sign, groupThousands(strconv.FormatUint(pounds, 10)))
	}
	return FormatPounds(pence)
}

// splitPence separates an amount into its sign, whole pounds and remaining pence. It works on the magnitude
// as unsigned, so the most negative int64 cannot overflow.
func splitPence(pence int64) (sign string, pounds, rest uint64) {
	magnitude := uint64(pence)
	if pence < 0 {
		sign = "-"
		magnitude = uint64(-(pence + 1)) + 1
	}
	return sign, magnitude / 100, magnitude % 100
}

func groupThousands(digits string) string {
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

// maxPounds keeps parsed amounts well inside int64 pence.
const maxPounds = 10_000_000_000_000 // £10 trillion: far beyond any grant, far inside int64 pence

// ParsePounds reads an amount of money typed by a person or sent to the API, in pounds, and returns exact
// pence. It accepts "1234", "1234.5", "1234.56", "£1,234.56" and "1,234.56" (commas only between groups of
// three digits); it refuses negatives, exponents, more than two decimal places and anything else, with a
// message saying what to type instead. It never uses floating point.
func ParsePounds(text string) (int64, error) {
	s := strings.TrimSpace(text)
	s = strings.TrimPrefix(s, "£")
	if s == "" {
		return 0, errMoney(MoneyMissing)
	}
	if strings.HasPrefix(s, "-") {
		return 0, errMoney(MoneyNegative)
	}
	whole, fraction, hasPoint := strings.Cut(s, ".")
	whole, ok := stripThousands(whole)
	if !ok || whole == "" || !allDigits(whole) || (hasPoint && (fraction == "" || !allDigits(fraction))) {
		return 0, errMoney(MoneyNotANumber)
	}
	if len(fraction) > 2 {
		return 0, errMoney(MoneyTooPrecise)
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > len(strconv.Itoa(maxPounds)) {
		return 0, errMoney(MoneyTooLarge)
	}
	pounds, _ := strconv.ParseInt("0"+whole, 10, 64)
	if pounds >= maxPounds {
		return 0, errMoney(MoneyTooLarge)
	}
	pence, _ := strconv.ParseInt((fraction + "00")[:2], 10, 64)
	return pounds*100 + pence, nil
}

// MoneyProblem says what is wrong with an amount a person typed.
type MoneyProblem int

const (
	MoneyMissing MoneyProblem = iota + 1
	MoneyNegative
	MoneyNotANumber
	MoneyTooPrecise
	MoneyTooLarge
)

// MoneyError is a parse failure with a message for the person who typed the amount. Message is general;
// For names the field, as the GOV.UK error message guidance asks wherever the field is known.
type MoneyError struct {
	Problem MoneyProblem
	Message string
}

func (e *MoneyError) Error() string { return e.Message }

// For writes the problem for one field, named as its label: For("Total cost") → "Total cost must be £0 or more".
func (e *MoneyError) For(label string) string {
	switch e.Problem {
	case MoneyMissing:
		return "Enter the " + strings.ToLower(label[:1]) + label[1:]
	case MoneyNegative:
		return label + " must be £0 or more"
	case MoneyTooPrecise:
		return label + " must not have more than 2 decimal places, for pence"
	case MoneyTooLarge:
		return label + " must be less than £10,000,000,000,000"
	}
	return label + " must be an amount in pounds, like 1250000 or 1,250,000.00"
}

var moneyMessages = map[MoneyProblem]string{
	MoneyMissing:    "Enter an amount in pounds, like 1250000 or 1,250,000.00",
	MoneyNegative:   "Enter an amount that is zero or more",
	MoneyNotANumber: "Enter an amount in pounds using numbers only, like 1250000 or 1,250,000.00",
	MoneyTooPrecise: "Enter an amount with no more than 2 decimal places (pence)",
	MoneyTooLarge:   "Enter an amount less than £10,000,000,000,000",
}

func errMoney(problem MoneyProblem) error {
	return &MoneyError{Problem: problem, Message: moneyMessages[problem]}
}

// stripThousands removes commas that separate groups of three digits; misplaced commas make it fail.
func stripThousands(s string) (string, bool) {
	if !strings.Contains(s, ",") {
		return s, true
	}
	groups := strings.Split(s, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// FormatPoundsPlain writes pence as a plain decimal string for the API and CSV: 123456 → "1234.56".
func FormatPoundsPlain(pence int64) string {
	sign, pounds, rest := splitPence(pence)
	return fmt.Sprintf("%s%d.%02d", sign, pounds, rest)
}
