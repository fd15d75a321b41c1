package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/sea"
)

// searchRequest is what an entry would be: a search looks before it.
type searchRequest = entryRequest

// PartsView is a company name split by the key rules (R3).
type PartsView struct {
	Region    string `json:"region"`
	TradeName string `json:"trade_name"`
	Industry  string `json:"industry"`
	OrgForm   string `json:"org_form"`
}

// SearchResponse is a collision search's answer.
type SearchResponse struct {
	Key     string       `json:"key"`
	Parts   PartsView    `json:"parts"`
	Flags   []string     `json:"flags"`
	Numbers []NumberView `json:"numbers"`
	Hits    []HitView    `json:"hits"`
	Maybe   []MaybeView  `json:"maybe"`
}

func (h handlers) searchCollisions(c *gin.Context) {
	var req searchRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	e := req.entry()
	q := sea.Query{Kind: e.Kind, Name: e.Name, Region: e.Region, Numbers: e.Numbers, Contacts: e.Contacts}
	res, err := h.d.Seas.Search(c.Request.Context(), q)
	if err != nil {
		fail(c, err)
		return
	}
	out := SearchResponse{
		Key:     res.Parts.Key,
		Parts:   PartsView{Region: res.Parts.Region, TradeName: res.Parts.TradeName, Industry: res.Parts.Industry, OrgForm: res.Parts.OrgForm},
		Flags:   append([]string{}, res.Parts.Flags...),
		Numbers: numberViews(res.Numbers),
		Hits:    hitViews(res.Hits, callerID(c)),
		Maybe:   maybeViews(res.Maybe, callerID(c)),
	}
	c.JSON(http.StatusOK, out)
}
