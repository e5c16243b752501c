-- 04-task-automation.lua — a follow-up task for every stale deal.
--
-- A deal is stale when it is still in an early stage (New or Preparation) and
-- nobody has a task about it. The script loads those deals with
-- b24.fetchListMethod, loads the CRM links of the open tasks with
-- b24.callListMethod (tasks.task.list returns {tasks = {...}} with lower-case
-- ids; b24run knows it filters by ID), and creates one task per stale deal,
-- assigned to the deal's manager and linked to the deal.
--
-- b24test: seed=deal:60,task:12,user:5

local DEAL = 2 -- crm.item.list entityTypeId of deals
local EARLY_STAGES = {'NEW', 'PREPARATION'}
local DEADLINE_DAYS = 3

local function loadEarlyDeals()
  local deals = {}
  local params = {
    entityTypeId = DEAL,
    filter = {stageId = EARLY_STAGES},
    select = {'id', 'title', 'stageId', 'assignedById'},
  }
  for page in b24.fetchListMethod('crm.item.list', params, 'id', 'items') do
    for _, deal in ipairs(page) do deals[#deals + 1] = deal end
  end
  return deals
end

local function loadDealsWithOpenTasks()
  local tasks = b24.callListMethod('tasks.task.list', {
    filter = {['<STATUS'] = 5}, -- 5 = completed
    select = {'ID', 'TITLE', 'UF_CRM_TASK'},
  }, 'tasks')
  local dealIds = {}
  for _, task in ipairs(tasks) do
    local links = task.ufCrmTask
    if type(links) == 'table' then
      for _, link in ipairs(links) do
        local id = link:match('^D_(%d+)$')
        if id then dealIds[tonumber(id)] = true end
      end
    end
  end
  return dealIds
end

local function createFollowUpTask(deal)
  local deadline = os.date('!%Y-%m-%dT%H:%M:%SZ', os.time() + DEADLINE_DAYS * 24 * 60 * 60)
  local response = b24.callMethod('tasks.task.add', {
    fields = {
      TITLE = 'Follow up: ' .. deal.title,
      DESCRIPTION = ('The deal "%s" (ID %d) is still at stage %s. Call the client and move it forward.')
        :format(deal.title, deal.id, deal.stageId),
      RESPONSIBLE_ID = deal.assignedById,
      PRIORITY = 2,
      DEADLINE = deadline,
      UF_CRM_TASK = {'D_' .. deal.id},
    },
  })
  return response.result.task
end

local deals = loadEarlyDeals()
local covered = loadDealsWithOpenTasks()
local stale = {}
for _, deal in ipairs(deals) do
  if not covered[deal.id] then stale[#stale + 1] = deal end
end
print(('Deals in %s: %d, with an open task: %d, stale: %d')
  :format(table.concat(EARLY_STAGES, '/'), #deals, #deals - #stale, #stale))

for _, deal in ipairs(stale) do
  local task = createFollowUpTask(deal)
  print(('  task #%s for deal #%d -> user #%s: %s'):format(task.id, deal.id, task.responsibleId, task.title))
end

local open = b24.callMethod('tasks.task.list', {filter = {['<STATUS'] = 5}, select = {'ID'}})
print(('Open tasks now: %d'):format(open.total))
