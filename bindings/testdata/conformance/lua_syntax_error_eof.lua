-- lua_syntax_error_eof.lua — a block left open is reported at the end of
-- the file.
-- b24test: compile-error="lua_syntax_error_eof.lua:8: unexpected end of file"

for i = 1, 3 do
  if i > 1 then
    print(i)
  end
