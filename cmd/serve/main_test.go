package main

import (
	"path/filepath"
	"testing"
)

func TestChooseAddr(t *testing.T) {
	cases := []struct{ flag, port, want string }{
		{"", "", "localhost:8080"},
		{"", "9000", "localhost:9000"},
		{"", " 9000 ", "localhost:9000"},
		{"127.0.0.1:0", "9000", "127.0.0.1:0"},
		{":7000", "", "localhost:7000"},
		{"7000", "", "localhost:7000"},
		{"0.0.0.0:80", "", "0.0.0.0:80"},
		{"[::1]:8080", "", "[::1]:8080"},
	}
	for _, c := range cases {
		if got, err := chooseAddr(c.flag, c.port); err != nil || got != c.want {
			t.Errorf("chooseAddr(%q, %q) = %q, %v; want %q", c.flag, c.port, got, err, c.want)
		}
	}
	for _, c := range []struct{ flag, port string }{{"", "abc"}, {"", "99999"}, {"", "-1"}, {"localhost:", ""}, {"a:b:c", ""}} {
		if got, err := chooseAddr(c.flag, c.port); err == nil {
			t.Errorf("chooseAddr(%q, %q) = %q, want an error", c.flag, c.port, got)
		}
	}
}

func TestRunRejectsBadSetup(t *testing.T) {
	for _, args := range [][]string{
		{"-dir", filepath.Join(t.TempDir(), "nope"), "-addr", "127.0.0.1:0"},
		{"-bogus"},
		{"-dir", t.TempDir(), "extra"},
		{"-dir", t.TempDir(), "-prefix", "../up", "-addr", "127.0.0.1:0"},
	} {
		if err := run(args); err == nil {
			t.Errorf("run(%q): no error", args)
		}
	}
}
