package handlers

import (
	"log/slog"

	"github.com/gin-gonic/gin"
)

// RouteTable lists the routes the router answers for a configuration, so that tests can cover every route,
// including ones added later. Only the table is built; no handler runs.
func RouteTable(cfg Config) ([]gin.RouteInfo, error) {
	s := &Server{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	engine, err := s.router()
	if err != nil {
		return nil, err
	}
	return engine.Routes(), nil
}
