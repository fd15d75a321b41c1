package api_test

import (
	"testing"
)

// Problem documents speak the language the client asks for: Chinese by
// default (and for zh, zh-TW, or a language tide does not speak), English
// for en; titles, details and every field's reason alike, and the shape of
// a body in the client's words.
func TestProblemsSpeakChineseOrEnglish(t *testing.T) {
	f := newFixture(t)
	entry := map[string]any{"kind": "company", "name": " ", "region": ""}
	for _, tt := range []struct {
		lang, title, detail, reason string
	}{
		{"", "请求内容不符合要求", "录入信息不完整或有误", "必填"},
		{"zh-TW, zh;q=0.9", "请求内容不符合要求", "录入信息不完整或有误", "必填"},
		{"fr-FR", "请求内容不符合要求", "录入信息不完整或有误", "必填"},
		{"en-US,en;q=0.9", "The request is not valid", "the entry is incomplete or malformed", "required"},
	} {
		c := f.as("rep")
		c.Lang = tt.lang
		if tt.lang == "" {
			c.Lang = "*" // no preference: Chinese
		}
		p := c.Problem("POST", "/api/v1/resources", entry, 422)
		reasons := map[string]string{}
		for _, e := range p.Errors {
			reasons[e.Field] = e.Reason
		}
		if p.Title != tt.title || p.Detail != tt.detail || reasons["region"] != tt.reason {
			t.Errorf("Accept-Language %q: title %q, detail %q, region %q; want %q, %q, %q",
				tt.lang, p.Title, p.Detail, reasons["region"], tt.title, tt.detail, tt.reason)
		}
	}
	zh := f.as("rep")
	zh.Lang = "zh-CN"
	p := zh.Problem("POST", "/api/v1/collisions/search", `{"numbers":["0512 6588 1234"]}`, 400)
	if p.Detail != `字段 "numbers[0]" 必须是对象，字段为 type, value` || p.Errors[0].Reason != "必须是对象，字段为 type, value" {
		t.Errorf("a shape error in Chinese: %q / %+v", p.Detail, p.Errors)
	}
	sup := f.as("support")
	sup.Lang = "zh-CN"
	p = sup.Problem("POST", "/api/v1/resources/1/pick", nil, 403)
	if p.Title != "无权操作" || p.Detail != "support 角色不能调用 POST /api/v1/resources/:id/pick（允许的角色：rep）" {
		t.Errorf("a refusal in Chinese: %+v", p)
	}
}
