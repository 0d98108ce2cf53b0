package portaltest

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
)

// TokenRequests counts the requests that reach a provider's token endpoint: put Wrap in front of the
// provider (Options.WrapIdentityProvider, or ProviderOptions.Wrap) to prove a code was, or was not, sent
// for exchange.
type TokenRequests struct {
	n atomic.Int64
}

// Wrap counts token requests on their way to next.
func (c *TokenRequests) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isTokenRequest(r) {
			c.n.Add(1)
		}
		next.ServeHTTP(w, r)
	})
}

// Count is how many token requests have arrived.
func (c *TokenRequests) Count() int64 { return c.n.Load() }

// TamperTokenRequest returns a wrapper that changes the form of each token request (grant_type, code,
// redirect_uri, code_verifier…) before the provider reads it.
func TamperTokenRequest(change func(form url.Values)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !isTokenRequest(r) {
				next.ServeHTTP(w, r)
				return
			}
			body, err := io.ReadAll(r.Body)
			if err != nil {
				http.Error(w, "tamper: "+err.Error(), http.StatusBadRequest)
				return
			}
			form, err := url.ParseQuery(string(body))
			if err != nil {
				http.Error(w, "tamper: "+err.Error(), http.StatusBadRequest)
				return
			}
			change(form)
			encoded := form.Encode()
			r.Body = io.NopCloser(strings.NewReader(encoded))
			r.ContentLength = int64(len(encoded))
			r.Header.Set("Content-Length", strconv.Itoa(len(encoded)))
			next.ServeHTTP(w, r)
		})
	}
}
