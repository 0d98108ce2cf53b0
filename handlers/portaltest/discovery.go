package portaltest

import (
	"net/http"
	"strings"
)

// AdvertiseIssParameter stands in front of a provider and makes its discovery document promise RFC 9207's
// iss parameter on every authorization response (authorization_response_iss_parameter_supported), which
// the development provider does not send by itself.
func AdvertiseIssParameter(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/.well-known/openid-configuration") {
			next.ServeHTTP(w, r)
			return
		}
		serveRewrittenJSON(w, r, next, func(doc map[string]any) error {
			doc["authorization_response_iss_parameter_supported"] = true
			return nil
		})
	})
}
