module github.com/howserverswait/book

go 1.26.0

require github.com/yuin/goldmark v1.8.7

require golang.org/x/sys v0.50.0 // indirect
