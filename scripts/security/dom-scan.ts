/**
 * What a payload left in ContactPad's DOM (the softphone frame, every shadow root and any
 * window ContactPad opened): elements or attributes the payload's markup would have created
 * (injected), and the text a user sees (to tell that a value was shown as text).
 *
 * An element counts as injected when
 * - it has an attribute named `on...` (ContactPad binds listeners in script, never as attributes);
 * - an attribute other than the ones that only ever hold text (title, aria-label,
 *   aria-description, alt, placeholder, value) holds a mark: payload markup carries its mark in
 *   an id, class or URL;
 * - a URL attribute (href, src, action, formaction, xlink:href, data) starts with javascript:,
 *   vbscript: or data:text/html;
 * - its tag is one payloads create (script, iframe, object, embed, base, meta, link, style,
 *   svg, math, img, video, audio, marquee, details, form, template, noscript, x-cp..., or a name
 *   no page writes, such as `scr<script`) and a mark is in its own text (a product element such
 *   as <details> holds caller text only in its children).
 */
import type { Frame } from 'playwright-core';

/** One injected element, for the report. */
export interface Injection {
  readonly mark: string;
  readonly element: string;
}

/** What {@link scanFrame} found. */
export interface DomScan {
  readonly injected: readonly Injection[];
  /** Every text node's text, whitespace collapsed, shadow roots included (closed <details> too: they are one click away). */
  readonly text: string;
  /** Every title attribute's value (a tooltip shows the whole of a value cut short on screen). */
  readonly titles: readonly string[];
}

/** Runs in the page: one pass over the document and every open shadow root. */
export function scanDocument(markSource: string): { injected: Array<{ mark: string; element: string }>; text: string; titles: string[] } {
  const markPattern = new RegExp(markSource, 'g');
  const TEXT_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'alt', 'placeholder', 'value']);
  const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data']);
  const PAYLOAD_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'style', 'svg', 'math', 'img', 'video', 'audio', 'marquee', 'details', 'form', 'template', 'noscript', 'x-cp', 'map', 'area', 'body']);
  const injected: Array<{ mark: string; element: string }> = [];
  const texts: string[] = [];
  const titles: string[] = [];
  const marksIn = (text: string) => [...new Set(text.match(markPattern) ?? [])];
  const describe = (element: Element) => element.outerHTML.slice(0, 160);

  const visit = (root: Document | ShadowRoot) => {
    const walker = root.ownerDocument
      ? (root.ownerDocument as Document).createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
      : (root as Document).createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement?.tagName.toLowerCase();
        if (parent !== 'style' && parent !== 'script') texts.push(node.textContent ?? '');
        continue;
      }
      const element = node as Element;
      const tag = element.tagName.toLowerCase();
      const found = new Set<string>();
      let handler = false;
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value;
        if (name === 'title') titles.push(value);
        if (name.startsWith('on')) handler = true;
        if (!TEXT_ATTRIBUTES.has(name)) for (const mark of marksIn(`${name}=${value}`)) found.add(mark);
        if (URL_ATTRIBUTES.has(name) && /^\s*(javascript|vbscript|data:text\/html)/i.test(value.replace(/[\u0000-\u0020]/g, ''))) {
          injected.push({ mark: marksIn(value)[0] ?? '(no mark)', element: describe(element) });
        }
      }
      if (handler) injected.push({ mark: marksIn(describe(element))[0] ?? '(no mark)', element: describe(element) });
      // A tag name no page writes (`scr<script`: a payload's leftover parsed as a tag) counts as a payload's too.
      if (PAYLOAD_TAGS.has(tag) || /[^a-z0-9-]/.test(tag)) {
        // Its own text only: a product <details> or <form> holds caller text in its children.
        const own = Array.from(element.childNodes).filter((child) => child.nodeType === Node.TEXT_NODE).map((child) => child.textContent ?? '').join('');
        for (const mark of marksIn(own)) found.add(mark);
      }
      for (const mark of found) injected.push({ mark, element: describe(element) });
      if (element.shadowRoot) visit(element.shadowRoot);
      if (tag === 'template') visit((element as HTMLTemplateElement).content as unknown as ShadowRoot);
    }
  };
  visit(document);
  return { injected, text: texts.join(' ').replace(/\s+/g, ' ').trim(), titles };
}

/** Scans one frame (ContactPad's, or the video window's page). */
export async function scanFrame(frame: Frame, markPattern: RegExp): Promise<DomScan> {
  return frame.evaluate(scanDocument, markPattern.source);
}
