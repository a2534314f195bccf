import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { keyedList } from './keyed-list.ts';

interface Item {
  readonly id: string;
  readonly label: string;
}

function show(host: HTMLElement, items: readonly Item[]): void {
  render(html`<ul>${keyedList(items, (item) => item.id, (item, index) => html`<li data-id=${item.id} data-index=${index}>${item.label}</li>`)}</ul>`, host);
}

const texts = (host: HTMLElement) => Array.from(host.querySelectorAll('li')).map((li) => li.textContent);
const itemsOf = (...ids: string[]): Item[] => ids.map((id) => ({ id, label: `item ${id}` }));

describe('keyedList', () => {
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => host.remove());

  it('renders the items in order and follows every change of order, content and length', () => {
    show(host, itemsOf('a', 'b', 'c'));
    expect(texts(host)).to.deep.equal(['item a', 'item b', 'item c']);
    show(host, [{ id: 'c', label: 'item c, changed' }, ...itemsOf('a', 'd')]);
    expect(texts(host)).to.deep.equal(['item c, changed', 'item a', 'item d']);
    show(host, []);
    expect(texts(host)).to.deep.equal([]);
    show(host, itemsOf('e', 'a'));
    expect(texts(host)).to.deep.equal(['item e', 'item a']);
  });

  it('keeps an item\'s own element while its key stays, moved rather than rebuilt (a focused button keeps its focus)', () => {
    show(host, itemsOf('a', 'b', 'c', 'd'));
    const [a, b, c, d] = Array.from(host.querySelectorAll('li'));
    show(host, itemsOf('d', 'b', 'a', 'x', 'c'));
    const after = Array.from(host.querySelectorAll('li'));
    expect(after[0]).to.equal(d);
    expect(after[1]).to.equal(b);
    expect(after[2]).to.equal(a);
    expect(after[4]).to.equal(c);
    expect(after.map((li) => li.dataset['index'])).to.deep.equal(['0', '1', '2', '3', '4'], 'the index given to the template follows the item');
  });

  it('leaves no node behind for the items that go, however the list churns', () => {
    const count = () => host.querySelector('ul')!.childNodes.length;
    show(host, itemsOf('a', 'b', 'c'));
    const three = count();
    for (let n = 0; n < 100; n++) {
      show(host, itemsOf(`n${n}`, 'b', `m${n}`));
      show(host, itemsOf(`m${n}`, `k${n}`, 'b'));
    }
    show(host, itemsOf('a', 'b', 'c'));
    expect(count()).to.equal(three);
    show(host, []);
    expect(Array.from(host.querySelector('ul')!.childNodes).filter((node) => node.nodeType !== Node.COMMENT_NODE)).to.have.length(0);
    expect(count()).to.be.at.most(2, 'only the list\'s own markers are left once it is empty');
  });

  it('gives a key seen twice an item of its own for each', () => {
    show(host, [{ id: 'a', label: 'first' }, { id: 'a', label: 'second' }]);
    expect(texts(host)).to.deep.equal(['first', 'second']);
  });
});
