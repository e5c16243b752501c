package js_test

import (
	"strings"
	"testing"

	"github.com/b24run/b24run/bindings/bindingstest"
	"github.com/b24run/b24run/sandbox"
)

// TestListRowsMatchPlainObjects lists contacts (PHONE and EMAIL are arrays
// of objects, names hold escapes) through callListMethod and
// fetchListMethod, whose rows are shaped and decoded lazily, and compares
// them with the plain objects callMethod gives for the same page: untouched,
// read field by field, modified after a first read and before any, printed
// by console.log.
func TestListRowsMatchPlainObjects(t *testing.T) {
	prepare := func(p *sandbox.Portal) {
		err := p.SeedFunc("contact", 3, func(i int, f map[string]any) {
			f["NAME"] = []string{"Anna \"Q\"", "Line\nBreak\\back", "Ünïcødé 😀"}[i]
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	src := `
const params = { select: ['ID', 'NAME', 'LAST_NAME', 'PHONE', 'EMAIL', 'COMPANY_ID'] };
const plain = (await $b24.callMethod('crm.contact.list', params)).getData().result;
const listed = (await $b24.callListMethod('crm.contact.list', params)).getData();
const fetched = [];
for await (const page of $b24.fetchListMethod('crm.contact.list', params)) fetched.push(...page);
const same = (what, a, b) => console.log(what, a === b ? 'same' : 'DIFFERENT: ' + a + ' vs ' + b);
for (const rows of [listed, fetched]) {
  same('untouched', JSON.stringify(rows), JSON.stringify(plain));
  same('names', rows.map((r) => r.NAME).join('|'), plain.map((r) => r.NAME).join('|'));
  same('phones', rows.map((r) => r.PHONE[0].VALUE + r.EMAIL.length).join('|'), plain.map((r) => r.PHONE[0].VALUE + r.EMAIL.length).join('|'));
  same('identity', rows.every((r) => r.PHONE === r.PHONE), true);
  same('edited', JSON.stringify(rows.map(edit)), JSON.stringify(clone(plain).map(edit)));
}
const fresh = (await $b24.callListMethod('crm.contact.list', params)).getData();
same('edited unread', JSON.stringify(fresh.map(edit)), JSON.stringify(clone(plain).map(edit)));
console.log('-- shaped');
console.log(listed[1]);
console.log('-- plain');
console.log(clone(plain).map(edit)[1]);
function edit(r) { r.PHONE[0].VALUE = 'x'; r.PHONE.push({ VALUE: 'y' }); r.NAME += '!'; r.LAST_NAME = 'L'; delete r.COMPANY_ID; r.NEW = [1]; return r; }
function clone(v) { return JSON.parse(JSON.stringify(v)); }
`
	res := exec(t, src, prepare, bindingstest.Directives{})
	if res.Err != nil {
		t.Fatalf("%v\n%s", res.Err, res.Stdout)
	}
	checks, printed, _ := strings.Cut(res.Stdout, "-- shaped\n")
	if n := strings.Count(checks, " same\n"); n != 11 || strings.Contains(checks, "DIFFERENT") {
		t.Errorf("%d checks alike, want 11:\n%s", n, checks)
	}
	shaped, plain, _ := strings.Cut(printed, "-- plain\n")
	if shaped != plain || !strings.Contains(shaped, `NAME: 'Line\nBreak\\back!'`) {
		t.Errorf("console.log of a row:\n%s\nwant as a plain object:\n%s", shaped, plain)
	}
}
