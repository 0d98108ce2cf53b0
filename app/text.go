package app

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// What a person may type. Control characters (NUL, escape, the C1 range…) and bytes that are not UTF-8 are
// never text: PostgreSQL refuses them with an error, logs and exports would carry them, and nobody means
// to type them. Long text (a summary, a reason) may hold tabs and line breaks; a browser sends a line
// break in a text area as CR LF, which is kept as LF.

// Messages for text that cannot be stored, as field errors.
const (
	controlCharacterMessage = "Remove the invisible control characters (such as NUL or escape) from this answer"
	notTextMessage          = "This answer contains bytes that are not text (not UTF-8); type it again"
)

// TextProblem says why a single-line value cannot be accepted, or "" when it can.
func TextProblem(s string) string {
	return textProblem(s, false)
}

func textProblem(s string, long bool) string {
	if !utf8.ValidString(s) {
		return notTextMessage
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(long && (r == '\t' || r == '\n')) {
			return controlCharacterMessage
		}
	}
	return ""
}

// LongTextProblem says why a value that may run over several lines (a reason, a summary) cannot be
// accepted, or "" when it can.
func LongTextProblem(s string) string {
	return textProblem(unixLineBreaks(s), true)
}

// checkText adds a field error when a single-line value holds what is never text.
func checkText(verr *ValidationError, field, value string) {
	if msg := textProblem(value, false); msg != "" {
		verr.Add(field, msg)
	}
}

// checkTexts checks several single-line values, by field.
func checkTexts(verr *ValidationError, values map[string]string) {
	for field, value := range values {
		checkText(verr, field, value)
	}
}

// longText returns a multi-line value with CR LF (and a lone CR) made LF, adding a field error when it
// holds what is never text.
func longText(verr *ValidationError, field, value string) string {
	value = unixLineBreaks(value)
	if msg := textProblem(value, true); msg != "" {
		verr.Add(field, msg)
	}
	return value
}

// StripNonText removes what is never text from a value, so that it can name a field in a message that
// must itself carry none.
func StripNonText(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// unixLineBreaks makes CR LF, and a lone CR, LF: a browser sends a text area's line breaks as CR LF.
func unixLineBreaks(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
