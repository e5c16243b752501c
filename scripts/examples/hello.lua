-- hello.lua — the first script to run: who am I on this portal?
--
-- Calls user.current through the webhook and prints a greeting. If this works,
-- the webhook URL, its secret and the portal's certificate are all fine.
--
-- Run it with b24run (the webhook comes from b24run.toml):
--   b24run run hello.lua
--
-- b24test: seed=user:3

local me = b24.callMethod('user.current').result

print(('Hello, %s %s!'):format(me.NAME, me.LAST_NAME))
print(('You are user #%s, %s.'):format(me.ID, me.WORK_POSITION ~= '' and me.WORK_POSITION or 'no position set'))
