-- 13-portal-overview.lua — a quick portal overview from one batch request.
--
-- Independent requests do not have to wait for each other: a batch sends them
-- together and answers them all at once. Each count comes from the total of a
-- one-page crm.item.list (returnPayload keeps total), so no rows are
-- transferred beyond the first page.
--
-- b24test: seed=company:25,contact:60,lead:35,deal:90

local LEAD, DEAL, CONTACT, COMPANY = 1, 2, 3, 4 -- crm.item.list entityTypeIds

local function count(entityTypeId, filter)
  return {'crm.item.list', {entityTypeId = entityTypeId, filter = filter or {}, select = {'id'}}}
end

local counts = b24.callBatch({
  leads = count(LEAD),
  contacts = count(CONTACT),
  companies = count(COMPANY),
  deals = count(DEAL),
  openDeals = count(DEAL, {closed = 'N'}),
  bigDeals = count(DEAL, {['>=opportunity'] = 5000}),
}, true, true)

print('CRM overview')
print(('  leads:      %d'):format(counts.leads.total))
print(('  contacts:   %d'):format(counts.contacts.total))
print(('  companies:  %d'):format(counts.companies.total))
print(('  deals:      %d (%d open, %d of 5000 or more)'):format(counts.deals.total, counts.openDeals.total, counts.bigDeals.total))

-- The IT companies, all pages, with their contacts counted in one batch.
local companiesIT = b24.callListMethod('crm.item.list', {
  entityTypeId = COMPANY,
  filter = {industry = 'IT'},
  select = {'id', 'title'},
}, 'items')
local calls = {}
for i, company in ipairs(companiesIT) do
  calls[i] = count(CONTACT, {companyId = company.id})
end
local contactsPerCompany = b24.callBatch(calls, true, true)
print(('IT companies: %d'):format(#companiesIT))
for i, company in ipairs(companiesIT) do
  print(('  %s: %d contacts'):format(company.title, contactsPerCompany[i].total))
end
