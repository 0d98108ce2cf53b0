package app

import (
	"fmt"
	"strconv"
	"strings"
)

// FormatPounds writes pence as pounds for people: 12345678 → "£123,456.78".
func FormatPounds(pence int64) string {
	sign := ""
	// Work on the magnitude as unsigned so the most negative int64 cannot overflow.
	magnitude := uint64(pence)
	if pence < 0 {
		sign = "-"
		magnitude = uint64(-(pence + 1)) + 1
	}
	return fmt.Sprintf("%s£%s.%02d", sign, groupThousands(strconv.FormatUint(magnitude/100, 10)), magnitude%100)
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

// FinancialYearLabel writes the financial year starting in April of startYear: 2024 → "2024-25".
func FinancialYearLabel(startYear int) string {
	return fmt.Sprintf("%d-%02d", startYear, (startYear+1)%100)
}
