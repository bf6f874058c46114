// A few DOM helpers: elements built in code (no innerHTML with data), announcements for screen
// readers, a busy state for buttons.
type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Says something to screen readers (and shows it) in the page's live status region. */
export function announce(text: string): void {
  const region = document.getElementById('statut');
  if (region) region.textContent = text;
}

/** Disables a button while a call runs. */
export async function busy<T>(button: HTMLButtonElement | null, work: () => Promise<T>): Promise<T> {
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  try {
    return await work();
  } finally {
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

/** A field with its label, help and error slot, tied together for assistive technologies. */
export function field(id: string, label: string, control: HTMLElement, help?: string): HTMLElement {
  control.id = id;
  const described: string[] = [];
  const helpElement = help ? h('p', { class: 'aide', id: `${id}-aide` }, help) : null;
  if (helpElement) described.push(helpElement.id);
  const error = h('p', { class: 'erreur', id: `${id}-erreur`, hidden: true });
  described.push(error.id);
  control.setAttribute('aria-describedby', described.join(' '));
  const isCheck = control instanceof HTMLInputElement && control.type === 'checkbox';
  return isCheck
    ? h('div', { class: 'champ case' }, control, h('label', { for: id }, label), helpElement, error)
    : h('div', { class: 'champ' }, h('label', { for: id }, label), helpElement, control, error);
}

export function input(attributes: Attributes = {}): HTMLInputElement {
  return h('input', { type: 'text', ...attributes });
}

export function select(options: [string, string][], attributes: Attributes = {}): HTMLSelectElement {
  return h('select', attributes, ...options.map(([value, text]) => h('option', { value }, text)));
}

export function textarea(attributes: Attributes = {}): HTMLTextAreaElement {
  return h('textarea', { rows: 3, ...attributes });
}
