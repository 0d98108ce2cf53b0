package portaltest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser tests run when Chromium is found. With PORTAL_BROWSER_TESTS=1 (as CI sets it) a missing Chromium
// fails the test instead of skipping it, so CI cannot pass without them.
const (
	browserTestsVariable = "PORTAL_BROWSER_TESTS"
	chromiumVariable     = "PORTAL_CHROMIUM"
)

// Chromium starts a headless Chromium for the test and returns a context for chromedp actions in one tab,
// which ends a minute later.
func Chromium(t testing.TB) context.Context {
	t.Helper()
	return ChromiumFor(t, 60*time.Second)
}

// ChromiumFor is Chromium for a journey that needs longer than a minute.
func ChromiumFor(t testing.TB, limit time.Duration) context.Context {
	t.Helper()
	path := findChromium()
	if path == "" {
		if os.Getenv(browserTestsVariable) == "1" {
			t.Fatalf("%s=1 but no Chromium found (set %s or install Debian's chromium)", browserTestsVariable, chromiumVariable)
		}
		t.Skip("no Chromium found: browser test skipped (install chromium or set " + chromiumVariable + ")")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // tests run as root in CI containers
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// The first action starts the browser, which lives as long as the context of that call: so it gets no
	// timeout, and only what follows is bounded.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("start Chromium at %s: %v", path, err)
	}
	ctx, cancelTimeout := context.WithTimeout(tab, limit)
	t.Cleanup(cancelTimeout)
	return ctx
}

func findChromium() string {
	if p := os.Getenv(chromiumVariable); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// screenshotsVariable names a folder for the browser tests' screenshots; without it they go to a new folder
// under the system's temporary folder, which the test log names.
const screenshotsVariable = "PORTAL_SCREENSHOTS"

// ScreenshotDir returns the folder a test's screenshots go in (a subfolder named after the test), making it.
// It outlives the test, so that a person can look at the pages after a run.
func ScreenshotDir(t testing.TB) string {
	t.Helper()
	root := os.Getenv(screenshotsVariable)
	if root == "" {
		root = filepath.Join(os.TempDir(), "portal-screenshots")
	}
	dir := filepath.Join(root, strings.ReplaceAll(t.Name(), "/", "-"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshots folder: %v", err)
	}
	return dir
}
