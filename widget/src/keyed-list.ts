/**
 * keyedList(items, key, template): a list whose items keep their DOM while their key stays
 * (moved, not rebuilt, when the order changes), as lit's repeat() does, without the node repeat
 * leaves behind. lit-html 3.3.1 and later remove a repeat() item with removePart(), which takes
 * away the item's start marker and content but leaves its end marker, an empty comment, in the
 * list (lit issue 5298, "removePart() leaks end marker comment, causing unbounded DOM
 * accumulation under sustained churn"; the regression of lit PR 4975; fix proposed in lit PR 5299;
 * also lit issue 5010). In ContactPad's interaction list, which lets go of a finished interaction
 * for every new one, that was a node per call for the whole shift.
 *
 * Built on lit's public directive API (lit/directive.js, lit/directive-helpers.js: insertPart,
 * setChildPartValue, setCommittedValue, removePart; ChildPart.startNode and endNode). An item
 * that goes is removed with removePart() and then its end marker as well (a no-op once lit
 * removes it itself).
 */
import { noChange, type TemplateResult } from 'lit';
import { directive, Directive, PartType, type ChildPart, type PartInfo } from 'lit/directive.js';
import { insertPart, removePart, setChildPartValue, setCommittedValue } from 'lit/directive-helpers.js';

type KeyOf<T> = (item: T, index: number) => unknown;
type TemplateOf<T> = (item: T, index: number) => TemplateResult | string | typeof noChange;

/** Removes an item's part: its content, its start marker (removePart) and its end marker (lit issue 5298). */
function removeItemPart(part: ChildPart): void {
  const end = part.endNode;
  removePart(part);
  end?.parentNode?.removeChild(end);
}

class KeyedListDirective extends Directive {
  #parts = new Map<unknown, ChildPart>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.CHILD) throw new Error('keyedList() can only be used in child expressions');
  }

  render<T>(items: Iterable<T>, _key: KeyOf<T>, template: TemplateOf<T>): unknown[] {
    return [...items].map((item, index) => template(item, index));
  }

  override update<T>(container: ChildPart, [items, keyOf, template]: [Iterable<T>, KeyOf<T>, TemplateOf<T>]): unknown {
    const list = [...items];
    const keys = uniqueKeys(list.map((item, index) => keyOf(item, index)));
    const wanted = new Set(keys);
    // Items gone first, so that the parts kept sit next to each other when they are placed below.
    for (const [key, part] of this.#parts) {
      if (wanted.has(key)) continue;
      removeItemPart(part);
      this.#parts.delete(key);
    }
    const parts = new Map<unknown, ChildPart>();
    const order: ChildPart[] = [];
    // Last to first: each item's part goes right before the part of the item after it (the list's end for the last).
    let next: ChildPart | undefined;
    for (let index = list.length - 1; index >= 0; index--) {
      const key = keys[index];
      let part = this.#parts.get(key);
      if (part === undefined) part = insertPart(container, next);
      else if (part.endNode?.nextSibling !== (next ? next.startNode : container.endNode)) insertPart(container, next, part);
      setChildPartValue(part, template(list[index] as T, index));
      parts.set(key, part);
      order.unshift(part);
      next = part;
    }
    this.#parts = parts;
    setCommittedValue(container, order);
    return noChange;
  }
}

/** The keys, each once: a key seen again gets a key of its own for that occurrence (its item gets its own DOM). */
function uniqueKeys(keys: readonly unknown[]): unknown[] {
  const seen = new Map<unknown, number>();
  return keys.map((key) => {
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    return count === 0 ? key : `${String(key)}\u0000${count}`;
  });
}

/** Renders `items` in order, each with `template`, keyed by `key`: see the file comment. */
export const keyedList = directive(KeyedListDirective) as <T>(items: Iterable<T>, key: KeyOf<T>, template: TemplateOf<T>) => unknown;
