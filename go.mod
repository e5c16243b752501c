module github.com/b24run/b24run

go 1.26.8

require golang.org/x/time v0.16.0 // indirect
