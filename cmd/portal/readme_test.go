package main

import (
	"os"
	"strings"
	"testing"
)

// TestREADME_FirstProductionDeploymentRunsAsWritten runs the portal commands of the README's first
// production deployment, as written there (but serve), on an empty database, twice: so the README stays
// true, and its steps stay safe to run again.
func TestREADME_FirstProductionDeploymentRunsAsWritten(t *testing.T) {
	commands := readmeCommands(t, "## A first production deployment")
	if len(commands) < 5 {
		t.Fatalf("found %d commands in the README's first deployment: %q", len(commands), commands)
	}
	forEachDatabaseURL(t, func(t *testing.T, database map[string]string) {
		settings := inProduction(database)
		for round := range 2 {
			for _, args := range commands {
				inv := newInvocation(settings)
				if code := inv.run(args...); code != 0 {
					t.Fatalf("round %d: portal %s: exit %d; stderr:\n%s", round+1, strings.Join(args, " "), code, inv.stderr)
				}
			}
		}
	})
}

// readmeCommands reads the `bin/portal` lines of the first code block after a heading of README.md (with
// their continuation lines), as argument lists, leaving out serve.
func readmeCommands(t *testing.T, heading string) [][]string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), heading+"\n")
	_, block, _ := strings.Cut(section, "```sh\n")
	block, _, closed := strings.Cut(block, "```")
	if !ok || !closed {
		t.Fatalf("README.md has no code block under %q", heading)
	}
	var commands [][]string
	for _, line := range strings.Split(strings.ReplaceAll(block, "\\\n", " "), "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "bin/portal ")
		if args := shellWords(t, rest); ok && args[0] != "serve" {
			commands = append(commands, args)
		}
	}
	return commands
}

// shellWords splits a command line as the shell does for the README's simple lines: on spaces, keeping
// "double-quoted words" whole.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var word strings.Builder
	quoted, inWord := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, word.String())
				word.Reset()
			}
			inWord = false
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quotes in %q", line)
	}
	if inWord {
		words = append(words, word.String())
	}
	if len(words) == 0 {
		words = []string{""}
	}
	return words
}
