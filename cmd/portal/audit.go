package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

const auditVerifySynopsis = `audit verify

Walks every chain of the audit trail and reports the first event that was changed, removed or slipped in
behind the portal's back, with its ID; exit code 1 when a chain is broken, 0 when every chain holds. It
prints each chain's newest event and hash: keep them, and compare them with the next run's, since removing
a chain's newest events leaves no break behind them.`

// errAuditBroken makes the command exit 1 once the break has been reported.
var errAuditBroken = errors.New("the audit trail is broken")

func runAudit(ctx context.Context, env environment, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(env.stdout, "Usage: portal %s\n", auditVerifySynopsis)
		if len(args) == 0 {
			return fmt.Errorf("%w: say what to do: verify", errUsage)
		}
		return nil
	}
	if args[0] != "verify" {
		return fmt.Errorf("%w: unknown audit command %q (try verify)", errUsage, args[0])
	}
	fs := newFlags(env, "audit verify", auditVerifySynopsis)
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	_, _, db, err := openFromEnvironment(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := app.NewAuditTrail(models.NewStore(db.Gorm), nil).VerifyForOperator(ctx)
	if err != nil {
		return err
	}
	reportAudit(env.stdout, v)
	if v.Break != nil {
		return errAuditBroken
	}
	return nil
}

func reportAudit(w io.Writer, v models.AuditVerification) {
	if v.Break != nil {
		fmt.Fprintf(w, "BROKEN at audit event %d (chain %s): %s\n", v.Break.EventID, chainName(v.Break.Chain), v.Break.Problem)
		fmt.Fprintf(w, "%d events before it were checked and hold.\n", v.Events)
		return
	}
	fmt.Fprintf(w, "The audit trail holds: %d events in %d chains checked", v.Events, len(v.Heads))
	if v.Unchained > 0 {
		fmt.Fprintf(w, "; %d events recorded before the chains began cannot be checked", v.Unchained)
	}
	fmt.Fprintln(w, ".")
	for _, h := range v.Heads {
		fmt.Fprintf(w, "chain %s: newest event %d at place %d, hash %s\n", chainName(h.Chain), h.EventID, h.Seq, h.Hash)
	}
}

// chainName says whose chain it is: a tenant's by ID, or the programme's.
func chainName(chain int64) string {
	if chain == 0 {
		return "programme"
	}
	return fmt.Sprintf("tenant %d", chain)
}
