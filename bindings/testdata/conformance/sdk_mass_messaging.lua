-- sdk_mass_messaging.lua — in the style of the "mass messaging" recipe: the
-- first page of client contacts, one notification each.
-- b24test: seed=contact:4

local contacts = b24.callMethod('crm.item.list', {entityTypeId = 3, order = {id = 'asc'}, select = {'id', 'name'}})
local items = contacts.result.items
local sent = 0
for _, contact in ipairs(items) do
  local ok = pcall(b24.callMethod, 'im.notify.system.add', {USER_ID = 1, MESSAGE = 'Hello, contact #' .. contact.id})
  if ok then sent = sent + 1 end
end
print(('sent %d of %d'):format(sent, #items))
