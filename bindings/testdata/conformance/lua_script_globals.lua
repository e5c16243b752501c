-- lua_script_globals.lua — what the host tells a script about its run.
-- b24test: args="first second" env=REGION=EU,MODE=test

print(script.name)
print(#script.args, script.args[1], script.args[2])
print(script.dryRun)
print(script.env.MODE, script.env.REGION, script.env.BITRIX24_WEBHOOK_URL)
print(json.encode(script.args), json.encode(script.env))
