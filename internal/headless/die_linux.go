//go:build linux

package headless

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel stop cmd when this process dies, even
// when it is killed (a go test timeout) and cannot clean up.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
