package app_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strconv"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// A cursor is the client's to send back, so a client may send anything: another tenant's project ids,
// another tenant's titles and references as positions, other orders, broken text. Whatever it sends, the
// answer is a refusal as malformed or some of the caller's own projects, never another tenant's.
func TestProjectList_ForgedCursorsNeverReachAnotherTenant(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		ctx := context.Background()
		r := newRegister(t, db)
		gm, wm := r.as(t, "demo-gm-manager"), r.as(t, "demo-wm-manager")
		for _, title := range []string{"Alloy casting", "Battery recycling", "Composite wings"} {
			r.newProject(t, gm, titled(title))
		}
		var theirs []models.Project
		for _, title := range []string{"Aardvark robotics", "Midlands photonics", "Zeppelin drones"} {
			theirs = append(theirs, r.newProject(t, wm, titled(title)))
		}
		sorts := []string{"", "relevance", "updated", "-updated", "title", "-title", "grant", "-grant", "reference", "-reference", "status", "-status"}
		rapid.Check(t, func(rt *rapid.T) {
			target := rapid.SampledFrom(theirs).Draw(rt, "their project")
			values := rapid.SliceOfN(rapid.SampledFrom([]string{
				target.Title, target.Reference, target.UpdatedAt.Format(time.RFC3339Nano), strconv.FormatInt(*target.GrantRequestedPence, 10),
				"1", "0", "-1", "' OR 1=1 --", "",
			}), 0, 3).Draw(rt, "values")
			forged := map[string]any{
				"s": rapid.SampledFrom(sorts).Draw(rt, "sort in cursor"), "b": rapid.Bool().Draw(rt, "backward"),
				"v": values, "i": rapid.SampledFrom([]int64{target.ID, target.ID - 1, 1, 0, -5, 1 << 62}).Draw(rt, "id"),
				"t": rapid.SampledFrom([]string{time.Now().Add(time.Hour).Format(time.RFC3339), "2000-01-01T00:00:00Z", "never"}).Draw(rt, "since"),
			}
			body, _ := json.Marshal(forged)
			cursor := base64.RawURLEncoding.EncodeToString(body)
			if rapid.Bool().Draw(rt, "garble") {
				cursor = rapid.StringMatching(`[A-Za-z0-9_\-!%]{0,40}`).Draw(rt, "garbled cursor")
			}
			f := app.ProjectFilter{Sort: rapid.SampledFrom(sorts).Draw(rt, "sort asked"), Cursor: cursor,
				Text: rapid.SampledFrom([]string{"", "photonics", "alloy"}).Draw(rt, "search")}
			page, err := r.projects.List(ctx, gm, f)
			if err != nil {
				if !errors.Is(err, app.ErrMalformed) && !isValidation(err) {
					rt.Fatalf("cursor %s: %v, want a refusal as malformed", body, err)
				}
				return
			}
			for _, row := range page.Rows {
				if row.TenantID != gm.TenantID {
					rt.Fatalf("cursor %s reached %s of tenant %d", body, row.Reference, row.TenantID)
				}
			}
		})
	})
}

func isValidation(err error) bool {
	var verr *app.ValidationError
	return errors.As(err, &verr)
}
