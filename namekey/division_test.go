package namekey

import "testing"

func TestPrefecture(t *testing.T) {
	tests := []struct{ region, want, why string }{
		{"苏州", "苏州市", "a prefecture's short form"},
		{"江苏省苏州市", "苏州市", "province and prefecture"},
		{"昆山", "苏州市", "a county-level city lies in its prefecture"},
		{"江苏昆山", "苏州市", "province and county-level city"},
		{"吴中区", "苏州市", "a district named in one city only"},
		{"苏州市吴中区", "苏州市", "prefecture and district"},
		{"浦东新区", "上海市", "a district of a municipality"},
		{"北京", "北京市", "a municipality is its own city"},
		{"北京市朝阳区", "北京市", "the city chooses between the 朝阳区 of Beijing and of Changchun"},
		{"朝阳区", "", "朝阳区 is in Beijing and in Changchun: nothing chooses"},
		{"江苏省", "", "a province alone has no one area code"},
		{"Suzhou", "", "English names are the phone package's business"},
		{"", "", "no region"},
		{"義烏", "金华市", "traditional characters; 义乌 lies in Jinhua"},
		{"东莞", "东莞市", "a prefecture without counties, listed at both levels with one code"},
		{"广东省中山市", "中山市", "the same, after its province"},
		{"西安", "西安市", "a city's name alone means the city, not the 西安区 of 辽源 or of 牡丹江"},
		{"中山", "中山市", "and not the 中山区 of 大连"},
		{"朝阳", "", "朝阳市 of Liaoning, or 朝阳区 of Beijing (a municipality's district is as well known as a city)"},
		{"吉林", "", "the province or its city 吉林市: nothing chooses"},
	}
	for _, tt := range tests {
		if got := Prefecture(tt.region); got != tt.want {
			t.Errorf("Prefecture(%q) = %q, want %q (%s)", tt.region, got, tt.want, tt.why)
		}
	}
}
