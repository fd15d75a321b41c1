package account

import (
	"crypto/sha256"
	"sync"
	"time"

	"github.com/tide-crm/tide/people"
)

// SessionCacheTTL is the longest a verified session is trusted without
// asking the database again. The announcements of ended sessions and
// changed users (Store.WatchSessions) drop an entry sooner, as the change
// commits; the TTL bounds the harm of anything they could miss.
const SessionCacheTTL = 30 * time.Second

// SessionCache keeps the sessions this process verified recently, so that
// a request's token costs no database round trip. It trusts nothing while
// it is not told of changes (Listening(false), the state it starts in):
// then every lookup goes to the database. Safe for concurrent use.
type SessionCache struct {
	mu        sync.Mutex
	listening bool
	gen       uint64 // bumped by every drop: a lookup that raced one is not kept
	byToken   map[[32]byte]cached
	byUser    map[int64]map[[32]byte]struct{}
	now       func() time.Time
}

type cached struct {
	user  people.User
	until time.Time // the TTL or the session's expiry, whichever comes first
}

// NewSessionCache returns an empty cache, not yet trusted.
func NewSessionCache() *SessionCache {
	return &SessionCache{byToken: map[[32]byte]cached{}, byUser: map[int64]map[[32]byte]struct{}{}, now: time.Now}
}

// Listening tells the cache whether the announcements reach it. Either way
// it forgets everything: what was cached may have changed unannounced.
func (c *SessionCache) Listening(on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listening = on
	c.gen++
	clear(c.byToken)
	clear(c.byUser)
}

// UserChanged drops the cached sessions of the user.
func (c *SessionCache) UserChanged(userID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for k := range c.byUser[userID] {
		delete(c.byToken, k)
	}
	delete(c.byUser, userID)
}

// get returns the cached user of token, and the generation a lookup from
// the database must present to put its answer.
func (c *SessionCache) get(token string) (people.User, bool, uint64) {
	k := sha256.Sum256([]byte(token))
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byToken[k]
	if ok && !c.now().Before(e.until) {
		c.drop(k, e.user.ID)
		ok = false
	}
	return e.user, ok && c.listening, c.gen
}

// put keeps what the database answered at generation gen, unless something
// was dropped since (the answer may predate the change) or the cache is
// not trusted.
func (c *SessionCache) put(token string, u people.User, expires time.Time, gen uint64) {
	k := sha256.Sum256([]byte(token))
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.listening || gen != c.gen {
		return
	}
	c.byToken[k] = cached{user: u, until: minTime(c.now().Add(SessionCacheTTL), expires)}
	if c.byUser[u.ID] == nil {
		c.byUser[u.ID] = map[[32]byte]struct{}{}
	}
	c.byUser[u.ID][k] = struct{}{}
}

// forget drops one token at once (its logout in this process).
func (c *SessionCache) forget(token string) {
	k := sha256.Sum256([]byte(token))
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if e, ok := c.byToken[k]; ok {
		c.drop(k, e.user.ID)
	}
}

func (c *SessionCache) drop(k [32]byte, userID int64) {
	delete(c.byToken, k)
	if set := c.byUser[userID]; set != nil {
		delete(set, k)
		if len(set) == 0 {
			delete(c.byUser, userID)
		}
	}
}

// changed drops the user's cached sessions in this process at once, after
// a change this process made (the others hear of it from the database).
func (s *Service) changed(userID int64) {
	if s.Sessions != nil {
		s.Sessions.UserChanged(userID)
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
