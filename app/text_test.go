package app_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/innovation-accelerators/portal/app"
)

func TestTextProblem_RefusesControlCharactersAndBytesThatAreNotText(t *testing.T) {
	accepted := []string{"", "Greater Manchester", "Côte d'Ivoire ✓ 北京", "£1,000.00", "a\u200bb", "a\u00a0b"}
	for _, s := range accepted {
		if msg := app.TextProblem(s); msg != "" {
			t.Errorf("%q refused: %s", s, msg)
		}
	}
	refused := []string{"a\x00b", "a\tb", "a\nb", "a\rb", "a\x1b[2Jb", "a\x7fb", "a\u0085b", "a\u009fb", "a\xffb", "\xc3"}
	for _, s := range refused {
		if app.TextProblem(s) == "" {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestLongText_KeepsTabsAndLineBreaksWithCRLFAsLF(t *testing.T) {
	for text, want := range map[string]string{
		"First line\r\nSecond\tline": "First line\nSecond\tline",
		"Old Mac\rline":              "Old Mac\nline",
	} {
		if got, problem := app.LongTextForTest(text); problem != "" || got != want {
			t.Errorf("%q: %q, %q; want %q", text, got, problem, want)
		}
	}
	for _, text := range []string{"a\x00b", "a\x0bb", "a\x0cb", "a\xffb"} {
		if _, problem := app.LongTextForTest(text); problem == "" {
			t.Errorf("%q accepted as long text", text)
		}
	}
}

// FuzzTextProblem: whatever TextProblem accepts is UTF-8 without a control character, and what it refuses
// has one (or is not UTF-8); StripNonText leaves only what it would accept.
func FuzzTextProblem(f *testing.F) {
	for _, seed := range []string{"Greater Manchester", "a\x00b", "a\xffb", "\u0085", "line\r\nbreak", "\t"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		clean := utf8.ValidString(s) && !strings.ContainsFunc(s, unicode.IsControl)
		if accepted := app.TextProblem(s) == ""; accepted != clean {
			t.Fatalf("TextProblem(%q) accepted %v, want %v", s, accepted, clean)
		}
		if stripped := app.StripNonText(s); app.TextProblem(stripped) != "" {
			t.Fatalf("StripNonText(%q) = %q, still refused", s, stripped)
		}
	})
}
