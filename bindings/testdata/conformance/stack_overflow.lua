-- stack_overflow.lua — endless recursion is stopped by the call depth limit
-- and can be caught with pcall... or fails the run when it is not.
-- b24test: error="stack overflow"

local function down(n)
  return down(n + 1) + 1
end
print('recursing')
down(0)
