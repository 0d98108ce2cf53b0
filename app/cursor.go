package app

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// A cursor is where a page of a list starts: the order it was read in, which way, and the position of the
// row beside it. It is opaque to people and programs, who only send back what a link or meta.next_cursor
// gave them. It carries no tenant and no filter: those come from the principal and the request every time,
// so a changed cursor can at most move the page within what the caller may see anyway.
type cursor struct {
	Sort     string    `json:"s"`
	Backward bool      `json:"b,omitempty"`
	Values   []string  `json:"v"`
	ID       int64     `json:"i"`
	Since    time.Time `json:"t"` // when the walk through the pages began (see ProjectQuery.AsOf)
}

// maxCursorLength bounds what is decoded: a title is at most a few hundred characters.
const maxCursorLength = 4096

func encodeCursor(sort string, backward bool, pos models.Position, since time.Time) string {
	body, _ := json.Marshal(cursor{Sort: sort, Backward: backward, Values: pos.Values, ID: pos.ID, Since: since.UTC()})
	return base64.RawURLEncoding.EncodeToString(body)
}

// decodeCursor reads a cursor for a list read in sort. One that does not decode, or was made for another
// order, is refused as malformed: its list has changed under it or someone edited it.
func decodeCursor(text, sort string) (*cursor, error) {
	if text == "" {
		return nil, nil
	}
	if len(text) > maxCursorLength {
		return nil, badCursor()
	}
	body, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil {
		return nil, badCursor()
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var c cursor
	if err := dec.Decode(&c); err != nil || dec.More() || c.Sort != sort || c.ID < 1 || c.Since.IsZero() {
		return nil, badCursor()
	}
	return &c, nil
}

func (c *cursor) position() *models.Position {
	if c == nil {
		return nil
	}
	return &models.Position{Values: c.Values, ID: c.ID}
}

func badCursor() error {
	return &Refusal{Kind: ErrMalformed, Message: "This page link has been changed or belongs to a different order of the list. Go back to the first page and try again."}
}

// pageLinks are the cursors of the pages beside one read after (or before) c: "" where there is none. A
// page read forwards past the last row is empty and PastEnd, with a link back to what comes before it.
type pageLinks struct {
	Previous, Next string
	PastEnd        bool
}

func linkPage[T any](sort string, rows []T, positionOf func(T) models.Position, c *cursor, since time.Time, atStart, moreAfter bool) pageLinks {
	var links pageLinks
	if len(rows) == 0 {
		if c != nil && !c.Backward {
			links.PastEnd, links.Previous = true, encodeCursor(sort, true, *c.position(), since)
		}
		return links
	}
	if !atStart {
		links.Previous = encodeCursor(sort, true, positionOf(rows[0]), since)
	}
	if moreAfter {
		links.Next = encodeCursor(sort, false, positionOf(rows[len(rows)-1]), since)
	}
	return links
}

// since is when the walk a cursor belongs to began: the cursor's, or now for a first page.
func (c *cursor) since(now time.Time) time.Time {
	if c == nil {
		return now.UTC()
	}
	return c.Since
}
