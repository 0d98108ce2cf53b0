package handlers

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"

	"github.com/innovation-accelerators/portal/app"
)

// mergePatchType is the media type of a JSON Merge Patch (RFC 7396), the body PATCH takes.
const mergePatchType = "application/merge-patch+json"

// decodeProjectPatch reads the body of PATCH /api/v1/projects/{id}: a JSON Merge Patch naming only the
// fields to change, with the version the client read. A field set to null is cleared; "targets" merges
// indicator by indicator; lists replace the whole list, as RFC 7396 says.
func decodeProjectPatch(r *http.Request) (app.ProjectPatch, error) {
	members, err := readMergePatch(r)
	if err != nil {
		return app.ProjectPatch{}, err
	}
	var pt app.ProjectPatch
	problems := map[string]string{}
	for name, raw := range members {
		if message := patchProjectField(&pt, name, raw); message != "" {
			problems[name] = message
		}
	}
	if len(problems) > 0 {
		return pt, apiBadRequest("wrong_type", "Some fields of the patch cannot be read", problems)
	}
	if _, given := members["version"]; !given || pt.Version < 1 {
		return pt, &app.ValidationError{Fields: map[string]string{"version": "Send the version of the record you read, as the API returned it"}}
	}
	return pt, nil
}

// readMergePatch reads a JSON Merge Patch body as its members, refusing another media type, a body that is
// not one JSON object, and members the portal owns or does not know.
func readMergePatch(r *http.Request) (map[string]json.RawMessage, error) {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != mergePatchType {
		return nil, &apiRequestError{http.StatusUnsupportedMediaType, "unsupported_media_type",
			"Send a JSON Merge Patch naming only the fields to change, with the header Content-Type: " + mergePatchType +
				"; to replace every field, use PUT with application/json", nil}
	}
	if r.Body == nil {
		return nil, decodeError(io.EOF)
	}
	raw, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	if err != nil {
		return nil, decodeError(err)
	}
	if start := bytes.TrimLeft(raw, " \t\r\n"); len(start) > 0 && start[0] != '{' && json.Valid(raw) {
		return nil, apiBadRequest("wrong_type", "The request body must be a JSON object", nil)
	}
	var members map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&members); err != nil {
		return nil, decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, apiBadRequest("malformed_json", "The request body must hold one JSON object and nothing after it", nil)
	}
	for name := range members {
		if !projectPatchable(name) {
			return nil, apiFieldRefused(name)
		}
	}
	return members, nil
}

// projectPatchable reports whether a patch may name the field: the fields of apiProjectFields and the version.
func projectPatchable(name string) bool {
	switch name {
	case "title", "summary", "sector", "sector_other", "local_authority_code", "start_date", "end_date",
		"total_cost", "grant_requested", "private_co_investment", "lead_organisation_id",
		"partner_organisation_ids", "lead_user_ids", "targets", "version":
		return true
	}
	return false
}

// patchProjectField sets one member of the patch; the answer is what is wrong with its JSON type, or "".
func patchProjectField(pt *app.ProjectPatch, name string, raw json.RawMessage) string {
	null := bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
	switch name {
	case "version":
		return decodeInto(raw, &pt.Version, "Use the record's version, a whole number")
	case "lead_organisation_id":
		id := int64(0)
		pt.LeadOrganisationID = &id
		return decodeInto(raw, &id, "Use an organisation's ID, a whole number, or null to clear it")
	case "partner_organisation_ids", "lead_user_ids":
		ids := []int64{}
		if name == "partner_organisation_ids" {
			pt.PartnerOrganisationIDs = &ids
		} else {
			pt.LeadUserIDs = &ids
		}
		return decodeInto(raw, &ids, "Use a JSON list of IDs, or null to clear it")
	case "targets":
		pt.ClearTargets = null
		return decodeInto(raw, &pt.Targets, `Use an object of indicator codes and values as strings, like {"jobs_created": "12.5"}; null removes one`)
	}
	text := ""
	*projectTextField(pt, name) = &text
	if null {
		return ""
	}
	return decodeInto(raw, &text, `Use a JSON string here, or null to clear it: amounts, dates and targets are strings, like "1500000.00" and "2024-04-01"`)
}

// projectTextField is where a text member of the patch goes.
func projectTextField(pt *app.ProjectPatch, name string) **string {
	switch name {
	case "title":
		return &pt.Title
	case "summary":
		return &pt.Summary
	case "sector":
		return &pt.Sector
	case "sector_other":
		return &pt.SectorOther
	case "local_authority_code":
		return &pt.LocalAuthorityCode
	case "start_date":
		return &pt.StartDate
	case "end_date":
		return &pt.EndDate
	case "total_cost":
		return &pt.TotalCost
	case "grant_requested":
		return &pt.GrantRequested
	}
	return &pt.PrivateCoInvestment
}

// decodeInto reads one member; null leaves v as it is (empty). The answer is message when the type is wrong.
func decodeInto(raw json.RawMessage, v any, message string) string {
	if err := json.Unmarshal(raw, v); err != nil {
		return message
	}
	return ""
}

// acceptPatch tells a client which body PATCH takes (RFC 5789 section 3.1).
func acceptPatch(h http.Header) {
	h.Set("Accept-Patch", mergePatchType)
}
