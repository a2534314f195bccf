/**
 * Keeps Tab and Shift+Tab inside a modal dialog (WAI-ARIA dialog pattern): from the last
 * focusable element Tab goes to the first, and Shift+Tab from the first to the last. The
 * native modal `<dialog>` makes the page inert but lets Tab leave for the browser's own UI;
 * in the console's softphone panel (an iframe) that would drop focus into the console.
 */

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex="0"]';

/** The elements Tab stops on inside `container`, in order (an unchecked radio of a checked group is skipped). */
export function tabStops(container: Element): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => {
    if (el.closest('[hidden]') || el.getClientRects().length === 0) return false;
    if (el instanceof HTMLInputElement && el.type === 'radio' && !el.checked) {
      const group = container.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${el.name}"]`);
      return !Array.from(group).some((radio) => radio.checked);
    }
    return true;
  });
}

/** Handles a keydown inside `container`: wraps Tab at either end. Returns true when it moved focus. */
export function trapTab(event: KeyboardEvent, container: Element): boolean {
  if (event.key !== 'Tab') return false;
  const stops = tabStops(container);
  if (stops.length === 0) {
    event.preventDefault();
    return true;
  }
  const root = container.getRootNode() as ShadowRoot | Document;
  const current = root.activeElement;
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  const inside = current instanceof Element && container.contains(current);
  if (event.shiftKey && (current === first || !inside)) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && (current === last || !inside)) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}
