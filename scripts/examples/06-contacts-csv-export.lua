-- 06-contacts-csv-export.lua — export contacts with their company to CSV.
--
-- Streams contacts page by page with b24.fetchListMethod, resolves the company
-- titles with one crm.company.list call, and writes CSV to stdout:
--   b24run run 06-contacts-csv-export.lua > contacts.csv
-- Multi-value fields (PHONE, EMAIL) arrive as lists of {VALUE, VALUE_TYPE}; the
-- export keeps the first work value.
--
-- b24test: seed=contact:75,company:12

local function csvCell(value)
  local text = (value == nil or value == b24.null) and '' or tostring(value)
  if text:find('[",\n]') then
    return '"' .. text:gsub('"', '""') .. '"'
  end
  return text
end

local function firstValue(multiField)
  if type(multiField) ~= 'table' or #multiField == 0 then return '' end
  for _, entry in ipairs(multiField) do
    if entry.VALUE_TYPE == 'WORK' then return entry.VALUE end
  end
  return multiField[1].VALUE
end

local contacts = {}
local select = {'ID', 'NAME', 'LAST_NAME', 'POST', 'COMPANY_ID', 'PHONE', 'EMAIL'}
for page in b24.fetchListMethod('crm.contact.list', {select = select}, 'ID') do
  for _, contact in ipairs(page) do contacts[#contacts + 1] = contact end
end

local companyIds, seen = {}, {}
for _, contact in ipairs(contacts) do
  local id = contact.COMPANY_ID
  if tonumber(id) and tonumber(id) > 0 and not seen[id] then
    seen[id] = true
    companyIds[#companyIds + 1] = id
  end
end
local companies = b24.callMethod('crm.company.list', {filter = {ID = companyIds}, select = {'ID', 'TITLE'}})
local companyTitle = {}
for _, company in ipairs(companies.result) do companyTitle[company.ID] = company.TITLE end

print(table.concat({'id', 'first_name', 'last_name', 'position', 'company', 'phone', 'email'}, ','))
for _, contact in ipairs(contacts) do
  local cells = {
    contact.ID,
    contact.NAME,
    contact.LAST_NAME,
    contact.POST,
    companyTitle[contact.COMPANY_ID] or '',
    firstValue(contact.PHONE),
    firstValue(contact.EMAIL),
  }
  for i = 1, 7 do cells[i] = csvCell(cells[i]) end
  print(table.concat(cells, ','))
end
