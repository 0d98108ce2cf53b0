package handlers

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPISpec describes the JSON API in OpenAPI 3.1. It is a file of its own, written by hand so
// that it reads as the contract it is; tests check it is valid and that it and the router list the same
// operations.
//
//go:embed api_openapi.json
var openAPISpec []byte

// openAPIDocument serves the document. It describes the API, not anyone's data, so it needs no token.
func (s *Server) openAPIDocument(c *gin.Context) {
	c.Data(http.StatusOK, "application/json; charset=utf-8", openAPISpec)
}
