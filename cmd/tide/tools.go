package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/namekey"
)

// runNamekey prints, for each company name on stdin, its key and parts (R3).
func runNamekey(_ context.Context, args []string) error {
	if _, _, err := parse("namekey", "Read company names on stdin, one per line; write\n"+
		"name<TAB>key<TAB>region<TAB>trade_name<TAB>industry<TAB>org_form per line.", 0, args); err != nil {
		return err
	}
	return eachLine(os.Stdin, os.Stdout, func(w io.Writer, name string) {
		p := namekey.Parse(name)
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", name, p.Key, p.Region, p.TradeName, p.Industry, p.OrgForm)
	})
}

// runPhone prints, for each number on stdin, its normal form (R4).
func runPhone(_ context.Context, args []string) error {
	_, fs, err := parse("phone", "Read phone, fax or mobile numbers on stdin, one field per line; write\n"+
		"input<TAB>normalized<TAB>type<TAB>extension per number found, or input<TAB>error<TAB>message.\n"+
		"-region names the city that supplies the area code of a bare local number.", 0, args, regionFlag)
	if err != nil {
		return err
	}
	region := fs.Lookup("region").Value.String()
	return eachLine(os.Stdin, os.Stdout, func(w io.Writer, in string) {
		ns, err := intake.ParseNumbers(in, region) // the API's resolver: 昆山 reads as 苏州

		if err != nil {
			fmt.Fprintf(w, "%s\terror\t%s\n", in, err)
			return
		}
		for _, n := range ns {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", in, n.E164, n.Line, n.Extension)
		}
	})
}

// eachLine calls fn for each non-empty line of r, trimmed of the line end.
func eachLine(r io.Reader, out io.Writer, fn func(io.Writer, string)) error {
	w := bufio.NewWriter(out)
	defer w.Flush()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if line := strings.TrimRight(sc.Text(), "\r"); strings.TrimSpace(line) != "" {
			fn(w, line)
		}
	}
	return sc.Err()
}
