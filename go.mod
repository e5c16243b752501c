module github.com/b24run/b24run

go 1.26.8
