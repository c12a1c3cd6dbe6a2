//go:build linux

package web_test

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel stop cmd when the test binary dies, even
// when it is killed (a go test timeout) and TestMain cannot clean up.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
