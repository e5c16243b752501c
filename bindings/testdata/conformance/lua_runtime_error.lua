-- lua_runtime_error.lua — a Lua runtime error ends the run with the
-- script's file and line.
-- b24test: error="lua_runtime_error.lua:7: attempt to index a non-table object(nil) with key 'ID'"

print('start')
local deal = nil
print(deal.ID)
