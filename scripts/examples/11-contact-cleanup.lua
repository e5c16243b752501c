-- 11-contact-cleanup.lua — data clean-up: normalise contact phone numbers.
--
-- Reads every contact with b24.callListMethod, rewrites phone numbers such as
-- "+1 555 007 0259" to the E.164 form "+15550070259", and saves only the
-- contacts that change, with b24.callBatchByChunk (50 updates per request).
-- A multi-value field item is updated in place by sending its ID with the new
-- VALUE. Set DRY_RUN=1 in the configuration's script env to only print what
-- would change.
--
-- b24test: seed=contact:70

local dryRun = script.env.DRY_RUN == '1' or script.dryRun

local function normalise(phone)
  return (phone:gsub('[^%d+]', ''))
end

local contacts = b24.callListMethod('crm.contact.list', {select = {'ID', 'NAME', 'LAST_NAME', 'PHONE'}})

local calls, samples = {}, {}
for _, contact in ipairs(contacts) do
  local changed = {}
  if type(contact.PHONE) == 'table' then
    for _, phone in ipairs(contact.PHONE) do
      if normalise(phone.VALUE) ~= phone.VALUE then
        changed[#changed + 1] = {ID = phone.ID, VALUE = normalise(phone.VALUE), VALUE_TYPE = phone.VALUE_TYPE}
      end
    end
  end
  if #changed > 0 then
    if #samples < 3 then
      samples[#samples + 1] = ('  %s %s: %s -> %s'):format(contact.NAME, contact.LAST_NAME, contact.PHONE[1].VALUE, changed[1].VALUE)
    end
    calls[#calls + 1] = {'crm.contact.update', {id = contact.ID, fields = {PHONE = changed}}}
  end
end
print(('Contacts checked: %d, to fix: %d'):format(#contacts, #calls))
for _, line in ipairs(samples) do print(line) end

if dryRun then
  print('Dry run: nothing saved.')
else
  local saved, errors = b24.callBatchByChunk(calls, false)
  local ok, failed = 0, 0
  for i = 1, #calls do
    if saved[i] == true then ok = ok + 1 end
    if errors and errors[i] then failed = failed + 1 end
  end
  print(('Saved: %d, errors: %d'):format(ok, failed))

  local check = b24.callMethod('crm.contact.get', {id = contacts[1].ID}).result
  local phones = {}
  for i, phone in ipairs(check.PHONE) do phones[i] = phone.VALUE end
  print(('Contact #%s now has: %s'):format(contacts[1].ID, table.concat(phones, ', ')))
end
