package web

import (
	"net/http"
	"strconv"
	"strings"
)

// releaseOutcome is a resource that stayed, and why.
type releaseOutcome struct {
	ID      int64
	Refusal string
}

// mineForm is what 我的客户 shows again after a release or a signing that
// did not all happen: the boxes ticked, the reason typed, the refusals.
type mineForm struct {
	Ticked      map[int64]bool
	Reason      string
	ReasonError string
	Refused     []releaseOutcome
	Released    int
}

// release is 放弃 to 公海 (R15), of one resource or many ticked in 我的客户,
// with one reason. Each goes through its own workflow, one after the
// other. When all went, the list comes back saying how many; otherwise the
// list is shown again with the boxes still ticked, the reason as typed, and
// why each that stayed did not go. A missing reason is refused next to the
// field before anything moves.
func (c *console) release(w http.ResponseWriter, r *http.Request, s *session) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	x := mineForm{Reason: strings.TrimSpace(r.PostFormValue("reason")), Ticked: map[int64]bool{}}
	for _, v := range r.PostForm["id"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			x.Ticked[id] = true
		}
	}
	switch {
	case len(x.Ticked) == 0:
		x.ReasonError = s.words.Word("tick at least one customer to release")
	case x.Reason == "":
		x.ReasonError = s.words.Word("required")
	}
	if x.ReasonError != "" {
		c.renderMine(w, r, s, http.StatusUnprocessableEntity, x)
		return
	}
	released := 0
	for id := range x.Ticked {
		if _, err := c.d.Seas.Release(r.Context(), *s.user, id, x.Reason); err != nil {
			_, text := refusal(s, err)
			x.Refused = append(x.Refused, releaseOutcome{ID: id, Refusal: text})
			continue
		}
		delete(x.Ticked, id)
		released++
	}
	if len(x.Refused) > 0 {
		x.Released = released
		c.renderMine(w, r, s, http.StatusConflict, x)
		return
	}
	http.Redirect(w, r, "/mine?released="+strconv.Itoa(released), http.StatusSeeOther)
}

// sign is 签约 (R14): the deal is closed, the resource stays and no longer
// expires.
func (c *console) sign(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	if _, err := c.d.Seas.Sign(r.Context(), *s.user, id); err != nil {
		_, text := refusal(s, err)
		c.renderMine(w, r, s, http.StatusConflict, mineForm{Refused: []releaseOutcome{{ID: id, Refusal: text}}})
		return
	}
	http.Redirect(w, r, "/mine?signed="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
