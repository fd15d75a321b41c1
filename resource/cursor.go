package resource

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// CursorAfter is the opaque cursor of the page that follows r, the last
// resource of a page: its id, and with byDeadline its deadline (keyset
// paging on (deadline, id) or on id). Both transports hand it out.
func CursorAfter(r Resource, byDeadline bool) string {
	s := strconv.FormatInt(r.ID, 10)
	if byDeadline && r.ProtectedUntil != nil {
		s += "." + strconv.FormatInt(r.ProtectedUntil.UnixNano(), 10)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

// ParseCursor reads a cursor CursorAfter made.
func ParseCursor(s string) (Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, err
	}
	idPart, nanos, hasDeadline := strings.Cut(string(b), ".")
	id, err := strconv.ParseInt(idPart, 10, 64)
	if err != nil || id < 1 {
		return Cursor{}, errors.New("bad cursor")
	}
	cur := Cursor{ID: id}
	if hasDeadline {
		n, err := strconv.ParseInt(nanos, 10, 64)
		if err != nil {
			return Cursor{}, err
		}
		cur.Deadline = time.Unix(0, n)
	}
	return cur, nil
}
