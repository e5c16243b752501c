-- syntax_error.lua — a syntax error is reported with the file, line and column.
-- b24test: compile-error="syntax_error.lua:6:17"

local ok = 1
print(ok)
local broken = {;
