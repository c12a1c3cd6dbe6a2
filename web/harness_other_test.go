//go:build !linux && !js

package web_test

import "os/exec"

// dieWithParent has no portable equivalent outside Linux; TestMain's
// teardown stops the server there.
func dieWithParent(cmd *exec.Cmd) {}
