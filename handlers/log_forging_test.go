package handlers_test

import (
	"net/url"
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// forgedLine is what an attacker would like the log to show as a line of its own.
const forgedLine = "\r\n{\"level\":\"INFO\",\"msg\":\"forged\"}\n"

// TestLogs_CarriageReturnsAndLineFeedsInRequestsCannotForgeALine sends line breaks and a made-up log
// line in a path, a query and a form field (a header cannot carry them: Go's client and server refuse
// them there): every line of the log is still one record of the portal's, and none is the forged one.
func TestLogs_CarriageReturnsAndLineFeedsInRequestsCannotForgeALine(t *testing.T) {
	logs := portaltest.NewLogRecorder()
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{Log: logs.Logger()})
	b := portal.NewBrowser(t)
	b.SignInAs("demo-gm-manager")
	b.Get("/projects/" + url.PathEscape(forgedLine))
	b.Get("/projects?q=" + url.QueryEscape(forgedLine))
	b.PostForm("/organisations", url.Values{"name": {forgedLine}, "kind": {"business"}})

	records := logs.Records(t) // fails the test on any line that is not one JSON record
	for _, r := range records {
		if r["msg"] == "forged" {
			t.Errorf("a forged line made it into the log: %v", r)
		}
	}
	if len(records) < 4 {
		t.Errorf("only %d log records: the requests were not logged at all", len(records))
	}
}
