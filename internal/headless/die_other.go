//go:build !linux && !js

package headless

import "os/exec"

// dieWithParent has no portable equivalent outside Linux; callers stop the
// server themselves there.
func dieWithParent(cmd *exec.Cmd) {}
