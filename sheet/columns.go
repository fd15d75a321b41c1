// Package sheet reads and writes the spreadsheets sales teams exchange:
// the import template (xlsx and csv), and the export of a list of
// resources, streamed row by row so that a list of any length costs the
// same memory. Headers are Chinese first; the English ones are read too.
package sheet

// Column is one column of the import template: its Chinese and English
// headers and what to put in it, for the template's second sheet.
type Column struct {
	Chinese, English, Explain string
	Example                   string
}

// ImportColumns are the import template's columns, in order.
var ImportColumns = []Column{
	{"公司名称", "company name", "必填。营业执照上的全称，例如 苏州日东精密电子有限公司；个人客户写姓名。", "苏州日东精密电子有限公司"},
	{"类型", "kind", "企业、个人或不确定（不确定时保留企业与个人两条关联记录）。留空为企业。", "企业"},
	{"地区", "region", "行政区划，例如 苏州。没有区号的固话靠它补全区号。", "苏州"},
	{"行业", "industry", "选填，例如 精密电子。", "精密电子"},
	{"联系人", "contact", "必填：至少一位联系人。", "王经理"},
	{"手机", "mobile", "联系人的手机，任何写法：138 1234 5678、+86-13812345678。", "13812345678"},
	{"固话", "landline", "公司的固话，带不带区号都可以（不带时按地区补全）。", "0512-6588 1234"},
	{"传真", "fax", "选填。", "0512-6588 1235"},
	{"邮箱", "email", "联系人的邮箱，选填。", "wang@example.com"},
	{"贸易通", "trademanager id", "联系人的贸易通账号，选填。", "cn-rd-wang"},
	{"备注", "note", "选填，导入后写入联系小计。", "展会名单"},
}
