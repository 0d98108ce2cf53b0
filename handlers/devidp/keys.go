package devidp

import (
	"crypto"
	"crypto/rsa"
	"encoding/base64"
	"fmt"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// signingKey is the provider's one RS256 key. It serves both as op.SigningKey
// (private half, for signing) and, through publicKey, as the op.Key published
// in the JWKS.
type signingKey struct {
	id      string
	private *rsa.PrivateKey
}

// newSigningKey derives the kid from the RFC 7638 thumbprint, so a key passed
// in through Config keeps the same kid across restarts.
func newSigningKey(key *rsa.PrivateKey) (*signingKey, error) {
	if err := key.Validate(); err != nil {
		return nil, fmt.Errorf("devidp: Config.SigningKey: %w", err)
	}
	jwk := jose.JSONWebKey{Key: &key.PublicKey}
	thumb, err := jwk.Thumbprint(crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("devidp: key thumbprint: %w", err)
	}
	return &signingKey{id: base64.RawURLEncoding.EncodeToString(thumb), private: key}, nil
}

func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k *signingKey) Key() any                                    { return k.private }
func (k *signingKey) ID() string                                  { return k.id }

// publicKey is the JWKS view of the signing key.
type publicKey struct{ *signingKey }

func (k publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k publicKey) Use() string                        { return "sig" }
func (k publicKey) Key() any                           { return &k.private.PublicKey }

var (
	_ op.SigningKey = (*signingKey)(nil)
	_ op.Key        = publicKey{}
)
