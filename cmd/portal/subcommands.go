package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/innovation-accelerators/portal/app"
)

// runSubcommand dispatches "portal GROUP ACTION …", printing the synopsis for --help or no action.
func runSubcommand(ctx context.Context, env environment, group, synopsis string, args []string, actions map[string]func(context.Context, environment, []string) error) error {
	var names []string
	for name := range actions {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(env.stdout, "Usage: portal %s\n", synopsis)
		if len(args) == 0 {
			return fmt.Errorf("%w: say what to do: %s", errUsage, strings.Join(names, ", "))
		}
		return nil
	}
	action, ok := actions[args[0]]
	if !ok {
		return fmt.Errorf("%w: unknown %s command %q (try %s)", errUsage, group, args[0], strings.Join(names, ", "))
	}
	return action(ctx, env, args[1:])
}

// commandLineError turns a refusal of the input into a usage error naming the flags at fault; other
// errors (a conflict the app explains, a database failure) pass as they are.
func commandLineError(err error, flags map[string]string) error {
	var verr *app.ValidationError
	if !errors.As(err, &verr) {
		return err
	}
	var parts []string
	for field, msg := range verr.Fields {
		flag, ok := flags[field]
		if !ok {
			flag = "--" + field
		}
		parts = append(parts, flag+": "+msg)
	}
	sort.Strings(parts)
	return fmt.Errorf("%w: %s", errUsage, strings.Join(parts, "; "))
}
