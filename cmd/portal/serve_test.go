package main

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// servingPortal is `portal serve` running in-process until its context is cancelled, as SIGTERM does.
type servingPortal struct {
	url    string
	logs   *lockedBuffer
	cancel context.CancelFunc
	exited chan int
}

// startServe runs `portal serve` on a free local port with the settings given and waits until /readyz
// answers 200.
func startServe(t *testing.T, settings map[string]string) *servingPortal {
	t.Helper()
	addr := freeAddress(t)
	inv := newInvocation(vars(settings, "PORTAL_ADDR", addr))
	ctx, cancel := context.WithCancel(context.Background())
	p := &servingPortal{url: "http://" + addr, logs: inv.stderr, cancel: cancel, exited: make(chan int, 1)}
	go func() { p.exited <- run(ctx, inv.env, []string{"serve"}) }()
	t.Cleanup(func() {
		cancel()
		<-p.exited
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case code := <-p.exited:
			t.Fatalf("serve exited with %d before it was ready; log:\n%s", code, p.logs)
		default:
		}
		if res, err := http.Get(p.url + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve not ready after 30s; log:\n%s", p.logs)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop cancels the context and returns serve's exit code, failing if it does not return within five seconds.
func (p *servingPortal) stop(t *testing.T) int {
	t.Helper()
	p.cancel()
	select {
	case code := <-p.exited:
		p.exited <- code // for the cleanup
		return code
	case <-time.After(5 * time.Second):
		t.Fatalf("serve still running 5s after its context ended; log:\n%s", p.logs)
		return -1
	}
}

// freeAddress finds a local port nobody listens on: serve does not report the one it chose.
func freeAddress(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestServe_BecomesReadyThenShutsDownGracefullyWhenTheContextEnds(t *testing.T) {
	forEachDatabaseURL(t, func(t *testing.T, settings map[string]string) {
		portal := startServe(t, settings)

		res, err := http.Get(portal.url + "/healthz")
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("healthz: %v %v", res, err)
		}
		res.Body.Close()
		if code := portal.stop(t); code != 0 {
			t.Errorf("exit %d, want 0; log:\n%s", code, portal.logs)
		}
		if _, err := http.Get(portal.url + "/healthz"); err == nil {
			t.Error("still answering after shutdown")
		}
		open := `msg="open the portal in a browser, press Sign in and choose a demo user" url=http://localhost:`
		for _, want := range []string{"portal is listening", open, "shutting down", "stopped"} {
			if !strings.Contains(portal.logs.String(), want) {
				t.Errorf("log lacks %q:\n%s", want, portal.logs)
			}
		}
	})
}

func TestServe_PortInUseIsABadAddressSetting(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	inv := newInvocation(map[string]string{"PORTAL_ADDR": taken.Addr().String(), "PORTAL_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "portal.db")})

	if code := inv.run("serve"); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if want := "portal: configuration: PORTAL_ADDR: cannot listen on " + taken.Addr().String(); !strings.Contains(inv.stderr.String(), want) {
		t.Errorf("stderr %q, want %q", inv.stderr, want)
	}
}

func TestServe_InProductionLogsJSONLinesAndARequestsLinesCarryItsID(t *testing.T) {
	portal := startServe(t, vars(production, "PORTAL_DATABASE_URL", "sqlite:"+filepath.Join(t.TempDir(), "portal.db")))
	res, err := http.Get(portal.url + "/no-such-page")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	requestID := res.Header.Get("X-Request-ID")
	if code := portal.stop(t); code != 0 {
		t.Fatalf("exit %d, want 0", code)
	}

	found := false
	for _, line := range strings.Split(strings.TrimSpace(portal.logs.String()), "\n") {
		var record map[string]any
		if err := json.Unmarshal([]byte(line), &record); err != nil {
			t.Errorf("log line is not JSON: %q", line)
			continue
		}
		if record["path"] == "/no-such-page" {
			found = true
			if requestID == "" || record["request_id"] != requestID {
				t.Errorf("request's log line %q has request_id %v, want the response's X-Request-ID %q", line, record["request_id"], requestID)
			}
		}
	}
	if !found {
		t.Errorf("no log line for the request:\n%s", portal.logs)
	}
}
