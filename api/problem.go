package api

import (
	"errors"
	"log/slog"
	"math"
	"net/http"
	"runtime/debug"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/catalog"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/requestid"
	"github.com/tide-crm/tide/sea"
)

// ProblemContentType is the media type of every error answer (RFC 9457).
const ProblemContentType = "application/problem+json"

// Problem is an error answer.
type Problem struct {
	Type     string             `json:"type"`
	Title    string             `json:"title"`
	Status   int                `json:"status"`
	Detail   string             `json:"detail"`
	Instance string             `json:"instance,omitempty"`
	Errors   []fault.FieldError `json:"errors,omitempty"`
	Hits     []HitView          `json:"hits,omitempty"`
	// Rule and RuleVersion name the rule version that refused, when a rule did (R22).
	Rule        string `json:"rule,omitempty"`
	RuleVersion string `json:"rule_version,omitempty"`
	// RequestID is the id of the request (X-Request-Id), to quote to an
	// operator, who finds it in the log.
	RequestID string `json:"request_id,omitempty"`
}

type problemKind struct {
	status int
	slug   string
	title  string
}

// problems maps every fault kind to its answer: the only place where errors
// become HTTP statuses. The type URIs are stable; clients may switch on them.
var problems = map[fault.Kind]problemKind{
	fault.Invalid:         {http.StatusUnprocessableEntity, "validation", "The request is not valid"},
	fault.Malformed:       {http.StatusBadRequest, "malformed", "The request could not be read"},
	fault.Unauthenticated: {http.StatusUnauthorized, "unauthenticated", "Authentication required"},
	fault.Forbidden:       {http.StatusForbidden, "forbidden", "Not allowed"},
	fault.NotFound:        {http.StatusNotFound, "not-found", "Not found"},
	fault.Conflict:        {http.StatusConflict, "conflict", "Conflict with the current state"},
	fault.Collision:       {http.StatusConflict, "collision", "Collision: the resource already exists"},
	fault.Unavailable:     {http.StatusServiceUnavailable, "unavailable", "A dependency is unavailable"},
	fault.TooManyRequests: {http.StatusTooManyRequests, "too-many-requests", "Too many requests"},
	fault.RuleFailed:      {http.StatusConflict, "rule-failed", "A rule could not decide"},
	fault.Internal:        {http.StatusInternalServerError, "internal", "Internal error"},
}

// unavailableRetryAfter is the Retry-After, in seconds, of a 503 that does
// not know better: a database restart or failover takes seconds.
const unavailableRetryAfter = 5

// localizer answers in the language the request asks for (Accept-Language;
// Chinese unless English is preferred).
func localizer(c *gin.Context) catalog.Localizer {
	return catalog.For(catalog.Match(c.GetHeader("Accept-Language")))
}

// ProblemType returns the type URI of a fault kind.
func ProblemType(k fault.Kind) string { return "urn:tide:problem:" + problems[k].slug }

// writeProblem answers err as problem+json. Internal details are logged,
// never sent.
func writeProblem(c *gin.Context, err error) {
	k := fault.KindOf(err)
	pk, ok := problems[k]
	if !ok {
		k, pk = fault.Internal, problems[fault.Internal]
	}
	l := localizer(c)
	p := Problem{Type: ProblemType(k), Title: l.Word(pk.title), Status: pk.status, Instance: c.Request.URL.Path,
		RequestID: requestid.From(c.Request.Context())}
	var fe *fault.Error
	switch {
	case k != fault.Internal && errors.As(err, &fe):
		p.Detail = l.Text(fe.Text)
		if fe.Text.Format == "" { // built by hand, without a translatable form
			p.Detail = fe.Detail
		}
		for _, f := range fe.Fields {
			p.Errors = append(p.Errors, fault.FieldError{Field: f.Field, Reason: l.Reason(f)})
		}
		if hits := sea.HitsOf(err); hits != nil {
			p.Hits = hitViews(hits, callerID(c))
		}
		p.Rule, _ = fe.Extra["rule"].(string)
		p.RuleVersion, _ = fe.Extra["rule_version"].(string)
		if fe.RetryAfter > 0 {
			c.Header("Retry-After", strconv.Itoa(int(math.Ceil(fe.RetryAfter.Seconds()))))
		}
	case k == fault.Unavailable: // classified by the dependency's package, not wrapped
		p.Detail = l.Word("a dependency is unavailable; try again shortly")
	default:
		p.Detail = l.Word("the server failed to handle the request; it has been logged")
	}
	c.Header("Content-Language", l.Tag().String())
	if k == fault.Unavailable && c.Writer.Header().Get("Retry-After") == "" {
		c.Header("Retry-After", strconv.Itoa(unavailableRetryAfter))
	}
	level := slog.LevelInfo
	if pk.status >= 500 {
		level = slog.LevelError
	}
	slog.Log(c.Request.Context(), level, "request failed", "path", c.Request.URL.Path, "status", pk.status, "err", err,
		"request_id", p.RequestID)
	c.Header("Content-Type", ProblemContentType)
	c.AbortWithStatusJSON(pk.status, p)
}

// fail records err for the error middleware and stops the chain.
func fail(c *gin.Context, err error) {
	_ = c.Error(err)
	c.Abort()
}

// errorMiddleware answers the last error a handler recorded.
func errorMiddleware(c *gin.Context) {
	c.Next()
	if len(c.Errors) > 0 && !c.Writer.Written() {
		writeProblem(c, c.Errors.Last().Err)
	}
}

// recovery turns a panic into a 500 problem; no panic reaches a client.
func recovery(c *gin.Context, v any) {
	slog.Error("panic", "path", c.Request.URL.Path, "panic", v, "stack", string(debug.Stack()))
	writeProblem(c, errors.New("panic"))
}
