package handlers

import (
	"bytes"
	"net/http"

	"github.com/innovation-accelerators/portal/app"
)

// DecodeProjectBody runs the API's reader of a project body, as POST (update false) or PATCH (update true)
// reads it, and returns the input and the status an error would be answered with (0 when it was read).
func DecodeProjectBody(contentType string, body []byte, update bool) (app.ProjectInput, int) {
	req, _ := http.NewRequest(http.MethodPost, "/api/v1/projects", bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	decode := decodeProjectCreate
	if update {
		decode = decodeProjectUpdate
	}
	in, err := decode(req)
	if err != nil {
		return in, classify(err).status
	}
	return in, 0
}
