package imports

import (
	"errors"
	"strconv"
	"strings"

	"github.com/tide-crm/tide/bulk"
	"github.com/tide-crm/tide/catalog"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/phone"
)

// kinds reads the 类型 column, in Chinese or English; empty is an enterprise.
var kinds = map[string]string{"": intake.KindEnterprise, "企业": intake.KindEnterprise, "个人": intake.KindIndividual,
	"不确定": intake.KindUnknown, "enterprise": intake.KindEnterprise, "individual": intake.KindIndividual, "unknown": intake.KindUnknown}

// entry is one row read as an entry: what a rep would type in the entry
// form, its note, and which template column each field of the entry came
// from, to name columns in problems.
type entry struct {
	intake.Entry
	Note    string
	columns map[string]string // entry field → template column
}

// entryOf reads a row as an entry. The 行业 column is not part of an
// entry: the industry is parsed from the name (R3).
func entryOf(fields map[string]string) entry {
	kind, ok := kinds[strings.ToLower(fields["类型"])]
	if !ok {
		kind = fields["类型"] // refused by the entry's own check, naming the column
	}
	e := entry{Entry: intake.Entry{Kind: kind, Name: fields["公司名称"], Region: fields["地区"]}, Note: fields["备注"],
		columns: map[string]string{"kind": "类型", "name": "公司名称", "region": "地区", "contacts": "联系人",
			"contacts[0].name": "联系人", "contacts[0].mobile": "手机", "contacts[0].email": "邮箱",
			"contacts[0].trade_manager_id": "贸易通", "numbers": "固话"}}
	for _, tc := range [][2]string{{phone.Landline, "固话"}, {phone.Fax, "传真"}} {
		if v := fields[tc[1]]; v != "" {
			e.columns["numbers["+strconv.Itoa(len(e.Numbers))+"]"] = tc[1]
			e.Numbers = append(e.Numbers, intake.EntryNumber{Type: tc[0], Value: v})
		}
	}
	c := intake.EntryContact{Name: fields["联系人"], Mobile: fields["手机"], Email: fields["邮箱"], TradeManagerID: fields["贸易通"]}
	if c != (intake.EntryContact{}) {
		e.Contacts = []intake.EntryContact{c}
	}
	return e
}

// problems are an Invalid fault's fields as the template's columns name
// them, in English and in Chinese.
func (e entry) problems(err error) []bulk.Problem {
	var fe *fault.Error
	if !errors.As(err, &fe) {
		return []bulk.Problem{{Column: "", Reason: err.Error(), Chinese: err.Error()}}
	}
	zh := catalog.For(catalog.Chinese)
	var out []bulk.Problem
	for _, f := range fe.Fields {
		out = append(out, bulk.Problem{Column: e.column(f.Field), Field: f.Field, Reason: f.Reason, Chinese: zh.Reason(f)})
	}
	return out
}

// column is the template column a field of the entry came from: the
// field's own, else its parent's ("contacts[0].mobile.value" came from
// the contact's mobile, 手机).
func (e entry) column(field string) string {
	for f := field; f != ""; {
		if col, ok := e.columns[f]; ok {
			return col
		}
		i := strings.LastIndexAny(f, ".[")
		if i < 0 {
			break
		}
		f = f[:i]
	}
	return ""
}
