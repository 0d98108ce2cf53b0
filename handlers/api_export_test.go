package handlers

import (
	"bytes"
	"net/http"
)

// DecodeProjectBody runs one of the API's readers of a project body, as POST ("create"), PUT ("replace") or
// PATCH ("patch") reads it, and returns the version it read and the status an error would be answered with
// (0 when it was read).
func DecodeProjectBody(contentType string, body []byte, mode string) (int, int) {
	req, _ := http.NewRequest(http.MethodPost, "/api/v1/projects", bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	var version int
	var err error
	switch mode {
	case "create":
		_, err = decodeProjectCreate(req)
	case "replace":
		in, e := decodeProjectReplace(req)
		version, err = in.Version, e
	default:
		patch, e := decodeProjectPatch(req)
		version, err = patch.Version, e
	}
	if err != nil {
		return version, classify(err).status
	}
	return version, 0
}
