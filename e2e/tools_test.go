package e2e

import (
	"os/exec"
	"strings"
	"testing"
)

// tide phone reads numbers with the API's own region resolver: a bare local
// number in 昆山, a county-level city, takes 苏州's area code, as an entry
// in 昆山 does (the command refused it before).
func TestPhoneCommandResolvesRegionsLikeTheAPI(t *testing.T) {
	t.Parallel()
	bin, err := prodBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "phone", "-region", "昆山")
	cmd.Stdin = strings.NewReader("6588 1234\n")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "+8651265881234\tlandline") {
		t.Errorf("tide phone -region 昆山: %v: %s", err, out)
	}
}
