package app_test

import (
	"errors"
	"testing"

	"github.com/innovation-accelerators/portal/app"
)

func TestParsePounds_ReadsExactPenceOrSaysWhatIsWrong(t *testing.T) {
	valid := map[string]int64{
		"0": 0, "0.1": 10, "12.34": 1234, "1234": 123400, "1,000.00": 100000, "£1,000": 100000,
		" 1,250,000 ": 125000000, "007.5": 750, "99999999999.99": 9999999999999,
	}
	for text, want := range valid {
		got, err := app.ParsePounds(text)
		if err != nil || got != want {
			t.Errorf("ParsePounds(%q) = %d, %v; want %d", text, got, err, want)
		}
	}
	invalid := []string{
		"", "-5", "1e3", "12.345", "NaN", "Inf", "1,00", "1,0000", ",100", "1.", ".5", "1 000", "£", "0x10",
		"9223372036854775807", "10000000000000", "1.2.3", "١٢٣",
	}
	for _, text := range invalid {
		got, err := app.ParsePounds(text)
		var moneyErr *app.MoneyError
		if !errors.As(err, &moneyErr) || moneyErr.Message == "" {
			t.Errorf("ParsePounds(%q) = %d, %v; want a MoneyError with a message", text, got, err)
		}
	}
}

func TestFormatPoundsPlain_WritesADecimalStringThatParsesBack(t *testing.T) {
	for _, pence := range []int64{0, 1, 10, 99, 100, 123456, 9999999999999} {
		text := app.FormatPoundsPlain(pence)
		back, err := app.ParsePounds(text)
		if err != nil || back != pence {
			t.Errorf("FormatPoundsPlain(%d) = %q, which parses to %d, %v", pence, text, back, err)
		}
	}
}

func FuzzParsePounds(f *testing.F) {
	for _, seed := range []string{"0", "0.1", "1e3", "-5", "12.345", "NaN", "£1,000", "1,000.00", "99999999999.99", "9223372036854775807"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		pence, err := app.ParsePounds(text)
		if err != nil {
			return
		}
		if pence < 0 {
			t.Fatalf("ParsePounds(%q) = %d: negative", text, pence)
		}
		if back, err := app.ParsePounds(app.FormatPoundsPlain(pence)); err != nil || back != pence {
			t.Fatalf("ParsePounds(%q) = %d does not round-trip: %d, %v", text, pence, back, err)
		}
	})
}
