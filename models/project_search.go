package models

import (
	"strings"
	"unicode"
)

// Searching the register. A person's words are cut the way both indexes cut the text they hold (at every
// character that is not a letter or a digit, lower-cased; migrations 00011), and each word finds the
// projects whose reference, title or summary has a word starting with it: "photon" finds "Photonics". A
// project matches when it has every word.

// maxSearchTerms bounds the work one search can ask of the index.
const (
	maxSearchTerms   = 8
	maxSearchTermLen = 64
)

// SearchTerms cuts search text into the words the index is asked for; none means no search.
func SearchTerms(text string) []string {
	var terms []string
	for _, word := range strings.FieldsFunc(strings.ToLower(text), notWordRune) {
		if len(terms) == maxSearchTerms {
			break
		}
		if r := []rune(word); len(r) > maxSearchTermLen {
			word = string(r[:maxSearchTermLen])
		}
		terms = append(terms, word)
	}
	return terms
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

// searchMatch is the condition that a project has every word anywhere in its reference, title or summary:
// on PostgreSQL from the GIN index on the generated column search_document, on SQLite from FTS5.
func (s *Store) searchMatch(terms []string) keyColumn {
	if s.postgres {
		return keyColumn{sql: `projects.search_document @@ to_tsquery('simple'::regconfig, ?)`, args: []any{postgresQuery(terms)}}
	}
	return keyColumn{
		sql:  `projects.id IN (SELECT rowid FROM projects_search WHERE projects_search MATCH ?)`,
		args: []any{ftsQuery(terms)},
	}
}

// searchTier ranks a match: 1 when the reference or title has every word, 0 when some are only in the
// summary. It depends on the project alone, not on the rest of the register, so a page position taken
// from it stays true while other projects change, and both databases rank alike.
func (s *Store) searchTier(terms []string) keyColumn {
	if s.postgres {
		return keyColumn{
			sql:  `(CASE WHEN projects.search_head @@ to_tsquery('simple'::regconfig, ?) THEN 1 ELSE 0 END)`,
			args: []any{postgresQuery(terms)}, kind: kindInt,
		}
	}
	return keyColumn{
		sql:  `(CASE WHEN projects.id IN (SELECT rowid FROM projects_search WHERE projects_search MATCH ?) THEN 1 ELSE 0 END)`,
		args: []any{"{head} : (" + ftsQuery(terms) + ")"}, kind: kindInt,
	}
}

// postgresQuery asks for every word as a prefix: 'photon':* & 'lab':*. Words hold only letters and digits,
// so nothing in them is tsquery syntax.
func postgresQuery(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = "'" + t + "':*"
	}
	return strings.Join(parts, " & ")
}

// ftsQuery is the same question in FTS5's syntax: "photon"* AND "lab"*.
func ftsQuery(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + t + `"*`
	}
	return strings.Join(parts, " AND ")
}
