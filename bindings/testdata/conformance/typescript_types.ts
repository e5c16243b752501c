// typescript_types.ts — TypeScript runs as written: interfaces, type
// aliases, generics, enums, classes with access modifiers, casts and
// type-only imports are stripped.
// b24test: seed=deal:5

import type { AjaxResult } from '@bitrix24/b24jssdk';

interface Deal {
  ID: string;
  TITLE: string;
  OPPORTUNITY?: string;
}

type Stage = 'NEW' | 'WON' | 'LOSE';

enum Color {
  Red = 'red',
  Green = 'green',
}

class Counter<T> {
  private counts = new Map<T, number>();

  constructor(public readonly label: string) {}

  add(key: T): this {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return this;
  }

  get size(): number {
    return this.counts.size;
  }
}

async function load<T>(method: string, params: Record<string, unknown>): Promise<T> {
  const res: AjaxResult = await $b24.callMethod(method, params);
  return res.getData()!.result as T;
}

const deal = await load<Deal>('crm.deal.get', { id: 3 });
const stage: Stage = 'WON';
const counter = new Counter<string>('titles').add(deal.TITLE).add(deal.TITLE);
console.log(deal.ID, deal.TITLE, stage, Color.Green, counter.label, counter.size);
const amount = Number(deal.OPPORTUNITY ?? 0) satisfies number;
console.log(typeof amount, <number>1 + 1);
