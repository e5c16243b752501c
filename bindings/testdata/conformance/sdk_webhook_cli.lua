-- sdk_webhook_cli.lua — the docs' "webhook CLI" page: profile and scope,
-- printed for the user.

local profile = b24.callMethod('profile').result
print(('ID: %s, NAME: %s'):format(profile.ID, profile.NAME))
local scope = b24.callMethod('scope').result
print(('SCOPE: %s'):format(tostring(type(scope) == 'table' and #scope > 0)))
