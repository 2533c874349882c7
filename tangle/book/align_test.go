package book

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestAlign(t *testing.T) {
	for _, tc := range []struct{ a, b, want string }{
		{"", "", ""},
		{"abc", "abc", "0 1 2"},
		{"abc", "", "- - -"},
		{"abcd", "acd", "0 - 1 2"},
		{"acd", "abcd", "0 2 3"},
		{"xaxbx", "ab", "- 0 - 1 -"},
		{"ab", "ba", "- 0"},
	} {
		got := align(strings.Split(tc.a, ""), strings.Split(tc.b, ""))
		var s []string
		for _, j := range got {
			if j < 0 {
				s = append(s, "-")
			} else {
				s = append(s, string(rune('0'+j)))
			}
		}
		if strings.Join(s, " ") != tc.want {
			t.Errorf("align(%q, %q) = %v, want %s", tc.a, tc.b, s, tc.want)
		}
	}
}

// TestAlignIsACommonSubsequence checks, on random inputs, that matched
// lines are equal, in order, and as many as the longest common
// subsequence has.
func TestAlignIsACommonSubsequence(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 500; iter++ {
		a := randomLines(r, r.IntN(12))
		b := randomLines(r, r.IntN(12))
		got := align(a, b)
		last, n := -1, 0
		for i, j := range got {
			if j < 0 {
				continue
			}
			if j <= last || a[i] != b[j] {
				t.Fatalf("align(%q, %q) = %v: not an ordered match", a, b, got)
			}
			last = j
			n++
		}
		if want := lcsLen(a, b); n != want {
			t.Fatalf("align(%q, %q) matched %d, LCS is %d", a, b, n, want)
		}
	}
}

func randomLines(r *rand.Rand, n int) []string {
	s := make([]string, n)
	for i := range s {
		s[i] = string(rune('a' + r.IntN(3)))
	}
	return s
}

func lcsLen(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
