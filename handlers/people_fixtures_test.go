package handlers_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

const inviteForm = `form[action^="/people/invitations"]`

// tableRows reads a table's body rows as "cell | cell | …", each cell's visible text.
func tableRows(page *portaltest.Response, selector string) []string {
	var rows []string
	for _, row := range page.Doc.Find(selector + " tbody tr").EachIter() {
		var cells []string
		for _, cell := range row.Find("th, td").EachIter() {
			cells = append(cells, strings.Join(strings.Fields(cell.Text()), " "))
		}
		rows = append(rows, strings.Join(cells, " | "))
	}
	return rows
}

// projectTitles reads the titles of a page of the register (each cell also names the lead organisation).
func projectTitles(page *portaltest.Response) []string {
	var titles []string
	for _, title := range page.Doc.Find(`[data-testid="projects"] tbody [data-testid="project-title"]`).EachIter() {
		titles = append(titles, strings.Join(strings.Fields(title.Text()), " "))
	}
	return titles
}

// columnOf reads one column of a table's body rows.
func columnOf(page *portaltest.Response, selector string, column int) []string {
	var cells []string
	for _, row := range tableRows(page, selector) {
		cells = append(cells, strings.Split(row, " | ")[column])
	}
	return cells
}

// offeredRoles lists the labels of the role radios on the invitation form.
func offeredRoles(page *portaltest.Response) []string {
	var labels []string
	page.Doc.Find(inviteForm + ` .govuk-radios__item`).Each(func(_ int, item *goquery.Selection) {
		labels = append(labels, strings.TrimSpace(item.Find("label").Text()))
	})
	return labels
}

func seededUser(t *testing.T, portal *portaltest.Portal, subject string) models.User {
	t.Helper()
	u, err := portal.Store.UserByIdentity(t.Context(), portal.Issuer, subject)
	if err != nil {
		t.Fatalf("user %s: %v", subject, err)
	}
	return u
}

// invitationAudit is the newest invitation.created event and what it says was created.
func invitationAudit(t *testing.T, portal *portaltest.Portal) (models.AuditEvent, map[string]any) {
	t.Helper()
	events := modeltest.AuditEvents(t, portal.Superuser, "invitation.created")
	if len(events) == 0 {
		t.Fatal("no invitation.created audit event")
	}
	var after map[string]any
	if events[0].AfterState == nil || json.Unmarshal([]byte(*events[0].AfterState), &after) != nil {
		t.Fatalf("invitation.created event has no readable after state: %v", events[0].AfterState)
	}
	return events[0], after
}
