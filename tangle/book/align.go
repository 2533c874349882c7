package book

// align pairs equal lines of a and b in order, as a diff would: it
// returns, for each index of a, the index of its partner in b, or -1.
// It is Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its
// Variations", 1986); tangled files differ from their sources by a few
// lines, so D is small.
func align(a, b []string) []int {
	n, m := len(a), len(b)
	match := make([]int, n)
	for i := range match {
		match[i] = -1
	}
	max := n + m
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	for d := 0; d <= max; d++ {
		// Save the frontier the next step reads: diagonals -d-1..d+1.
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			x := v[off+k-1] + 1
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				backtrack(trace, n, m, match)
				return match
			}
		}
	}
	return match
}

// backtrack walks the saved frontiers from the end to the start and
// records the diagonal moves: the lines that match.
func backtrack(trace [][]int, x, y int, match []int) {
	for d := len(trace) - 1; d >= 0 && (x > 0 || y > 0); d-- {
		v, off := trace[d], d+1
		k := x - y
		prevK := k - 1
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			prevK = k + 1
		}
		prevX := v[off+prevK]
		prevY := prevX - prevK
		if d == 0 {
			prevX, prevY = 0, 0
		}
		for x > prevX && y > prevY {
			x--
			y--
			match[x] = y
		}
		x, y = prevX, prevY
	}
}
