package normalize

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"１２３，４５６．７８万元", "123,456.78万元"},
		{"一般公共服务（类）支出", "一般公共服务(类)支出"},
		{"占９７．６５％；其他", "占97.65%;其他"},
		{"分别为100，200万元", "分别为100，200万元"},
		{"收入，支出", "收入，支出"},
		{"“三公”经费", "“三公”经费"},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  bool
	}{
		{"2,099.36", "2099.36", false},
		{"１２３，４５６．７８", "123456.78", false},
		{"-34.4", "-34.4", false},
		{"+15", "15", false},
		{"0", "0", false},
		{"82,096,797.42", "82096797.42", false},
		{"2145.8700000000013", "2145.8700000000013", false},
		{"20,99.36", "", true},
		{"1,2345", "", true},
		{"12.", "", true},
		{"", "", true},
		{"万元", "", true},
		{"1.2.3", "", true},
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in)
		if tt.err {
			if !errors.Is(err, ErrNumber) {
				t.Errorf("ParseNumber(%q) = %s, %v; want ErrNumber", tt.in, got, err)
			}
			continue
		}
		if err != nil || !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("ParseNumber(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2,099.36万元", "20993600"},
		{"１２３，４５６．７８万元", "1234567800"},
		{"1969元", "1969"},
		{"1.5亿元", "150000000"},
		{"0万元", "0"},
		{"0.50万元", "5000"},
		{"12.345千元", "12345"},
	}
	for _, tt := range tests {
		got, err := ParseAmount(tt.in)
		if err != nil || !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("ParseAmount(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"2,099.36", "2,099.36美元", "万元"} {
		if got, err := ParseAmount(bad); err == nil {
			t.Errorf("ParseAmount(%q) = %s; want an error", bad, got)
		}
	}
}

func TestParsePercent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"16.19*%", "16.19"}, {"97.65%", "97.65"}, {"９７．６５％", "97.65"}, {"-8.96 %", "-8.96"}, {"100%", "100"},
	}
	for _, tt := range tests {
		got, err := ParsePercent(tt.in)
		if err != nil || !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("ParsePercent(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestSignedAndTableUnit(t *testing.T) {
	v := decimal.RequireFromString("34.4")
	for verb, want := range map[string]string{"减少": "-34.4", "下降": "-34.4", "节约": "-34.4", "增加": "34.4", "增长": "34.4"} {
		if got := Signed(v, verb); !got.Equal(decimal.RequireFromString(want)) {
			t.Errorf("Signed(34.4, %s) = %s; want %s", verb, got, want)
		}
	}
	for in, want := range map[string]string{"单位：万元": "万元", "金额单位: 元": "元", "单位：亿元　": "亿元", "说明": ""} {
		if got := TableUnit(in); got != want {
			t.Errorf("TableUnit(%q) = %q; want %q", in, got, want)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"2,099.36", "１２３，４５６．７８", "-34.4", "16.19*%", "1,2345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			return
		}
		// A parsed number prints back to the same digits, separators aside.
		again, err := ParseNumber(v.String())
		if err != nil || !again.Equal(v) {
			t.Fatalf("ParseNumber(%q) = %s, which does not parse back (%v)", s, v, err)
		}
	})
}
