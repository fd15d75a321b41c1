package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTableIsCurrent regenerates the area code table and compares it with
// the embedded one, so that a new phonenumbers version with new geocoding
// data does not go unnoticed: run go generate in phone/ when this fails.
func TestTableIsCurrent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "areacodes.tsv")
	if err := write(out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../data/areacodes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("phone/data/areacodes.tsv is stale; run go generate ./phone")
	}
}
