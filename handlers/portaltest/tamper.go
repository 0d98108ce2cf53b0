package portaltest

import (
	"bytes"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"

	jose "github.com/go-jose/go-jose/v4"
)

// IDTokenTamper stands between the portal and a development provider, as Options.WrapIdentityProvider, and
// replaces the ID token of every token response with a forgery: the real token's claims, changed by a
// function, under the real token's kid, signed with the key it is given (SignWith) or not signed at all
// (Unsigned). Replaced counts the forgeries delivered, so a test can tell its forgery was what the portal
// judged.
type IDTokenTamper struct {
	change   func(claims map[string]any)
	unsigned bool
	key      atomic.Pointer[rsa.PrivateKey]
	replaced atomic.Int64
}

// TamperIDToken returns a tamper that changes the claims with change. Give it a key with SignWith (usually
// Portal.SigningKey, once the portal has started) or make it Unsigned; until then it answers 500.
func TamperIDToken(change func(claims map[string]any)) *IDTokenTamper {
	return &IDTokenTamper{change: change}
}

// Unsigned makes the forgeries unsigned JWTs, with "alg": "none".
func (tm *IDTokenTamper) Unsigned() *IDTokenTamper {
	tm.unsigned = true
	return tm
}

// SignWith signs the forgeries with key, under the real token's kid.
func (tm *IDTokenTamper) SignWith(key *rsa.PrivateKey) { tm.key.Store(key) }

// Replaced is how many token responses carried a forged ID token.
func (tm *IDTokenTamper) Replaced() int64 { return tm.replaced.Load() }

// Wrap puts the tamper in front of a provider's handler.
func (tm *IDTokenTamper) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isTokenRequest(r) {
			next.ServeHTTP(w, r)
			return
		}
		serveRewrittenJSON(w, r, next, tm.forgeResponse)
	})
}

// forgeResponse swaps the id_token of a token response.
func (tm *IDTokenTamper) forgeResponse(resp map[string]any) error {
	raw, _ := resp["id_token"].(string)
	if raw == "" {
		return errors.New("token response without id_token")
	}
	forged, err := tm.forge(raw)
	if err != nil {
		return err
	}
	resp["id_token"] = forged
	tm.replaced.Add(1)
	return nil
}

// forge rebuilds a token from the real one's claims and kid.
func (tm *IDTokenTamper) forge(raw string) (string, error) {
	genuine, err := jose.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return "", fmt.Errorf("parse real ID token: %w", err)
	}
	claims, err := decodeClaims(genuine.UnsafePayloadWithoutVerification())
	if err != nil {
		return "", err
	}
	tm.change(claims)
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	kid := genuine.Signatures[0].Header.KeyID
	if tm.unsigned {
		return unsignedJWT(kid, payload)
	}
	key := tm.key.Load()
	if key == nil {
		return "", errors.New("no key to sign with: call SignWith or Unsigned")
	}
	return signJWT(key, kid, payload)
}

// decodeClaims keeps numbers as they were written, so exp and iat survive the round trip exactly.
func decodeClaims(payload []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	var claims map[string]any
	if err := dec.Decode(&claims); err != nil {
		return nil, fmt.Errorf("read ID token claims: %w", err)
	}
	return claims, nil
}

func signJWT(key *rsa.PrivateKey, kid string, payload []byte) (string, error) {
	signingKey := jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: kid}}
	signer, err := jose.NewSigner(signingKey, (&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return "", err
	}
	signed, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	return signed.CompactSerialize()
}

// unsignedJWT is what go-jose refuses to make: a JWT with "alg": "none" and an empty signature.
func unsignedJWT(kid string, payload []byte) (string, error) {
	header, err := json.Marshal(map[string]string{"alg": "none", "typ": "JWT", "kid": kid})
	if err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString(header) + "." + enc.EncodeToString(payload) + ".", nil
}

// serveRewrittenJSON has next answer the request and passes a successful JSON answer through rewrite on
// its way to the client.
func serveRewrittenJSON(w http.ResponseWriter, r *http.Request, next http.Handler, rewrite func(map[string]any) error) {
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	if rec.Code == http.StatusOK {
		var doc map[string]any
		err := json.Unmarshal(body, &doc)
		if err == nil {
			err = rewrite(doc)
		}
		if err == nil {
			body, err = json.Marshal(doc)
		}
		if err != nil {
			http.Error(w, "tamper: "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	for name, values := range rec.Header() {
		w.Header()[name] = values
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}

// isTokenRequest tells a request for a provider's token endpoint (op serves it at <issuer>/oauth/token).
func isTokenRequest(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/oauth/token")
}
