package handlers_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

type apiProjectPage struct {
	Data []apiProjectOut `json:"data"`
	Meta struct {
		PageSize       int     `json:"page_size"`
		Total          int64   `json:"total"`
		TotalExact     bool    `json:"total_exact"`
		NextCursor     *string `json:"next_cursor"`
		PreviousCursor *string `json:"previous_cursor"`
	} `json:"meta"`
	Links struct {
		Next     *string `json:"next"`
		Previous *string `json:"previous"`
	} `json:"links"`
}

func TestAPIProjectList_PagesByCursorAndRefusesChangedCursorsAndPageNumbers(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		zephyrProjects(t, portal, manager.principal)
		api := apiAs(t, portal, "demo-gm-manager")

		var titles []string
		path := "/api/v1/projects?q=zephyr&sort=title&page_size=12"
		for pages := 0; path != ""; pages++ {
			var page apiProjectPage
			api.do(http.MethodGet, path, nil).expect(t, http.StatusOK, &page)
			if page.Meta.Total != 30 || !page.Meta.TotalExact || page.Meta.PageSize != 12 || pages > 3 {
				t.Fatalf("page %d of %s: meta %+v", pages, path, page.Meta)
			}
			if (page.Links.Next == nil) != (page.Meta.NextCursor == nil) || (pages == 0) != (page.Links.Previous == nil) {
				t.Errorf("page %d: links %+v beside meta %+v", pages, page.Links, page.Meta)
			}
			for _, p := range page.Data {
				titles = append(titles, p.Title)
			}
			path = ""
			if page.Links.Next != nil {
				path = *page.Links.Next
			}
		}
		if want := zephyrTitles(1, 30); strings.Join(titles, ",") != strings.Join(want, ",") {
			t.Errorf("walked %q, want every Zephyr once in title order", titles)
		}

		var first apiProjectPage
		api.do(http.MethodGet, "/api/v1/projects?sort=title&page_size=1", nil).expect(t, http.StatusOK, &first)
		changed := *first.Meta.NextCursor + "x"
		api.do(http.MethodGet, "/api/v1/projects?sort=title&cursor="+changed, nil).expectError(t, http.StatusBadRequest, "bad_request")
		api.do(http.MethodGet, "/api/v1/projects?sort=grant&cursor="+*first.Meta.NextCursor, nil).expectError(t, http.StatusBadRequest, "bad_request")
		e := api.do(http.MethodGet, "/api/v1/projects?page=2", nil).expectError(t, http.StatusUnprocessableEntity, "validation_failed")
		if e.Error.Fields["page"] == "" {
			t.Errorf("page numbers refused without saying why: %+v", e.Error)
		}
	})
}

func TestAPIOrganisationList_FindsPartOfANameInOneTenantAPageAtATime(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := signInForRegister(t, portal, "demo-gm-manager")
		wm := signInForRegister(t, portal, "demo-wm-manager")
		for _, name := range []string{"Quill Robotics Ltd", "Quill Optics Ltd", "Quillon Foods Ltd"} {
			registerTestOrganisation(t, portal, gm.principal, name)
		}
		registerTestOrganisation(t, portal, wm.principal, "Quill Midlands Ltd")
		api := apiAs(t, portal, "demo-gm-manager")
		var page struct {
			Data []apiOrganisationOut `json:"data"`
			Meta struct {
				NextCursor *string `json:"next_cursor"`
			} `json:"meta"`
		}
		api.do(http.MethodGet, "/api/v1/organisations?q=QUILL&page_size=2", nil).expect(t, http.StatusOK, &page)
		if len(page.Data) != 2 || page.Data[0].Name != "Quill Optics Ltd" || page.Meta.NextCursor == nil {
			t.Fatalf("first page of quills: %+v", page)
		}
		api.do(http.MethodGet, "/api/v1/organisations?q=QUILL&page_size=2&cursor="+*page.Meta.NextCursor, nil).expect(t, http.StatusOK, &page)
		if len(page.Data) != 1 || page.Data[0].Name != "Quillon Foods Ltd" || page.Meta.NextCursor != nil {
			t.Errorf("second page of quills (the other tenant's left out): %+v", page)
		}
		wmID := wm.principal.TenantID
		api.do(http.MethodGet, "/api/v1/organisations?tenant_id="+strconv.FormatInt(wmID, 10), nil).expectError(t, http.StatusNotFound, "not_found")
	})
}
