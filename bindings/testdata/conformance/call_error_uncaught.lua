-- call_error_uncaught.lua — a portal error nobody catches fails the run with
-- the script's line and "CODE: description".
-- b24test: error="call_error_uncaught.lua:6: NOT_FOUND: Item not found"

print('before')
b24.callMethod('crm.item.get', {entityTypeId = 2, id = 12345})
print('not reached')
