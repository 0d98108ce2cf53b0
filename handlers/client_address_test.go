package handlers_test

import (
	"net/http"
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

const forgedAddress = "203.0.113.9"

func TestAccessLog_ClientAddress(t *testing.T) {
	tests := []struct {
		name           string
		trustedProxies []string
		want           string
	}{
		{"ignores X-Forwarded-For from an untrusted peer", nil, "127.0.0.1"},
		{"ignores X-Forwarded-For from a peer that is not the trusted proxy", []string{"192.0.2.1"}, "127.0.0.1"},
		{"honours X-Forwarded-For from a trusted proxy", []string{"127.0.0.1"}, forgedAddress},
		{"honours X-Forwarded-For from a trusted proxy network", []string{"127.0.0.0/8"}, forgedAddress},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs := portaltest.NewLogRecorder()
			portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{
				NoDemoData: true, TrustedProxies: tc.trustedProxies, Log: logs.Logger(),
			})
			req := newRequest(t, http.MethodGet, portal.URL+"/healthz", http.Header{"X-Forwarded-For": {forgedAddress}})
			portal.NewBrowser(t).Do(req)

			line := logs.WaitFor(t, func(r portaltest.LogRecord) bool {
				return r["msg"] == "request" && r["path"] == "/healthz"
			})
			if line["client"] != tc.want {
				t.Errorf("logged client %v, want %s", line["client"], tc.want)
			}
		})
	}
}
