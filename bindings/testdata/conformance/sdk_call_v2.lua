-- sdk_call_v2.lua — the docs' "call REST API v2" demo: crm.item.get, with a
-- structured log line once the company is loaded.
-- b24test: seed=company:3 log='msg="[demo]: company loaded" script=sdk_call_v2.lua id=2'

local COMPANY = 4

local function getCompany(id)
  local response = b24.callMethod('crm.item.get', {entityTypeId = COMPANY, id = id})
  log.info('[demo]: company loaded', {id = id})
  return response.result.item
end

local company = getCompany(2)
print(('%d %s %s'):format(company.id, company.title, type(company.createdTime)))
