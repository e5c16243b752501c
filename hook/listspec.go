package hook

import "strings"

// listSpec is what b24run knows of a list method's shape: where its rows
// live, which field of a row holds its id, and under which name the id is
// filtered and ordered (tasks.task.list answers "id" but filters by "ID":
// peers.md pain point 20).
type listSpec struct {
	resultKey string
	idKey     string
	cursorKey string
}

// specFor returns the known shape of method; ok is false for methods that
// answer a plain array of rows keyed "ID", the common case.
func specFor(method string) (spec listSpec, ok bool) {
	switch strings.ToLower(method) {
	case "crm.item.list":
		return listSpec{"items", "id", "id"}, true
	case "tasks.task.list":
		return listSpec{"tasks", "id", "ID"}, true
	case "crm.type.list":
		return listSpec{"types", "id", "id"}, true
	case "crm.category.list":
		return listSpec{"categories", "id", "id"}, true
	case "crm.item.productrow.list":
		return listSpec{"productRows", "id", "id"}, true
	case "crm.stagehistory.list":
		return listSpec{"items", "ID", "ID"}, true
	case "userfieldconfig.list":
		return listSpec{"fields", "id", "id"}, true
	}
	return listSpec{"", "ID", "ID"}, false
}
