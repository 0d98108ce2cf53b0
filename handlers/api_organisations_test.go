package handlers_test

import (
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestAPI_OrganisationIsChangedOnlyAtTheVersionReadAndOnlyByItsAccelerator(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager, approver := apiAs(t, portal, "demo-gm-manager"), apiAs(t, portal, "demo-funding-approver")
		id := apiCreateOrganisation(t, manager, "Institute for Graphene Testing", "10012345")
		renamed := map[string]any{"name": "Graphene Testing Institute", "kind": "rto", "ukprn": "10012345", "town": "Manchester",
			"local_authority_code": "E08000003", "version": 1}

		var o apiOrganisationOut
		manager.do(http.MethodPatch, apiOrganisationURL(id), renamed).expect(t, http.StatusOK, &o)
		if o.Name != "Graphene Testing Institute" || o.Version != 2 {
			t.Errorf("after the update: %+v, want the new name at version 2", o)
		}
		stale := manager.do(http.MethodPatch, apiOrganisationURL(id), withFields(renamed, map[string]any{"name": "Lost update"}))
		stale.expectError(t, http.StatusConflict, "conflict")
		approver.do(http.MethodPatch, apiOrganisationURL(id), withFields(renamed, map[string]any{"version": 2})).
			expectError(t, http.StatusForbidden, "forbidden")
		approver.do(http.MethodPost, "/api/v1/organisations", map[string]any{"name": "Central Ltd", "kind": "business"}).
			expectError(t, http.StatusForbidden, "forbidden")
		duplicate := manager.do(http.MethodPost, "/api/v1/organisations", map[string]any{"name": "Copy", "kind": "university", "ukprn": "10012345"})
		if e := duplicate.expectError(t, http.StatusUnprocessableEntity, "validation_failed"); e.Error.Fields["ukprn"] == "" {
			t.Errorf("a second organisation with the same UKPRN: fields %v, want ukprn", e.Error.Fields)
		}

		approver.do(http.MethodGet, apiOrganisationURL(id), nil).expect(t, http.StatusOK, &o)
		if o.Name != "Graphene Testing Institute" {
			t.Errorf("approver reads %q", o.Name)
		}
		var list struct{ Data []apiOrganisationOut }
		approver.do(http.MethodGet, "/api/v1/organisations?tenant_id="+strconv.FormatInt(tokenPrincipal(t, portal, "demo-gm-manager").TenantID, 10), nil).
			expect(t, http.StatusOK, &list)
		if !slices.ContainsFunc(list.Data, func(o apiOrganisationOut) bool { return o.ID == id }) {
			t.Errorf("approver's list of Greater Manchester's organisations lacks %d", id)
		}
	})
}
