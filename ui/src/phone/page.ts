// The phone page, without a framework so it stays small on a weak Wi-Fi: the name and PIN
// form, then the member's year (hours against the target, the pace, categories, what they
// attended). 退出 and three idle minutes clear everything shown and typed.
import type { MyHours } from '@/generated/MyHours';
import { barPercent, hoursText, lookUp, paceOf, say } from './model';

export const IDLE_MS = 3 * 60 * 1000;

export interface PageOptions {
  fetcher: typeof fetch;
  /** The idle timer; tests pass their own. */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** An element with its class, text and children. */
function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** Empties `node` (older phone browsers lack replaceChildren). */
function clear(node: HTMLElement) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export interface PhonePage {
  /** Clears the member's figures and the form, as 退出 does. */
  exit(note?: string): void;
  /** The idle timer ran out. */
  idle(): void;
}

export function mountPhonePage(root: HTMLElement, options: PageOptions): PhonePage {
  const setTimer = options.setTimer ?? ((run, ms) => window.setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => window.clearTimeout(timer as number));
  let timer: unknown = null;

  function stopTimer() {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function restartTimer() {
    stopTimer();
    timer = setTimer(() => page.idle(), IDLE_MS);
  }

  function showForm(note = '') {
    stopTimer();
    clear(root);
    const name = el('input', { id: 'name', name: 'name', type: 'text', autocomplete: 'off', maxlength: '20', 'data-testid': 'phone-name' }) as HTMLInputElement;
    const pin = el('input', {
      id: 'pin',
      name: 'pin',
      type: 'password',
      autocomplete: 'off',
      maxlength: '8',
      'data-testid': 'phone-pin',
    }) as HTMLInputElement;
    const message = el('p', { class: 'error', role: 'alert', 'data-testid': 'phone-error' }, note);
    const submit = el('button', { type: 'submit', 'data-testid': 'phone-submit' }, say('submit')) as HTMLButtonElement;
    const form = el(
      'form',
      { class: 'card', 'data-testid': 'phone-form', autocomplete: 'off' },
      el('h1', {}, say('title')),
      el('p', { class: 'muted' }, say('intro')),
      el('label', { for: 'name' }, say('name')),
      name,
      el('label', { for: 'pin' }, say('secret')),
      pin,
      el('p', { class: 'hint' }, say('secret_hint')),
      message,
      submit,
      el('p', { class: 'muted small' }, say('privacy')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!name.value.trim() || !pin.value.trim()) {
        message.textContent = say('required');
        return;
      }
      submit.disabled = true;
      submit.textContent = say('busy');
      message.textContent = '';
      void lookUp(options.fetcher, name.value, pin.value).then((result) => {
        if (result.ok) {
          showHours(result.hours);
        } else {
          pin.value = '';
          submit.disabled = false;
          submit.textContent = say('submit');
          message.textContent = result.message;
        }
      });
    });
    root.append(form);
  }

  function showHours(hours: MyHours) {
    clear(root);
    const pace = paceOf(hours);
    const figure = el(
      'section',
      { class: 'card figure' },
      el(
        'div',
        { class: 'who' },
        el('strong', { 'data-testid': 'phone-member' }, hours.name),
        el('span', { class: 'muted' }, say('year', { year: hours.year })),
      ),
      el('div', { class: 'muted' }, say('hours')),
      el('div', { class: 'big', 'data-testid': 'phone-hours' }, hoursText(hours.hours)),
    );
    if (hours.target !== null) {
      // The CSP allows no style attribute in markup; a width set through the DOM is allowed.
      const fill = el('span', { 'data-testid': 'phone-bar' });
      fill.style.width = `${barPercent(hours)}%`;
      const bar = el('div', { class: 'bar' }, fill);
      figure.append(el('div', { class: 'muted' }, say('of_target', { n: hoursText(hours.target) })), bar);
    }
    figure.append(el('p', { class: `pace pace--${pace}`, 'data-testid': 'phone-pace' }, pace === 'exempt' ? say('exempt') : say(`pace.${pace}`)));

    const categories = el('section', { class: 'card' }, el('h2', {}, say('categories')));
    const list = el('ul', { class: 'rows', 'data-testid': 'phone-categories' });
    for (const c of hours.categories) {
      const label = el('span', {}, c.label);
      if (!c.counted) label.append(el('em', {}, say('not_counted')));
      list.append(el('li', {}, label, el('strong', {}, say('hours_unit', { n: hoursText(c.hours) }))));
    }
    categories.append(list);

    const attended = el('section', { class: 'card' }, el('h2', {}, say('attended')));
    const rows = el('ul', { class: 'rows attended', 'data-testid': 'phone-attended' });
    for (const a of hours.attended) {
      rows.append(
        el(
          'li',
          {},
          el('span', {}, el('small', { class: 'muted' }, `${a.date} · ${a.label}`), el('br'), a.title || say(`kind.${a.kind}`)),
          el('strong', {}, say('hours_unit', { n: hoursText(a.hours) })),
        ),
      );
    }
    if (!hours.attended.length) rows.append(el('li', { class: 'muted' }, say('attended_empty')));
    attended.append(rows);

    const exit = el('button', { type: 'button', class: 'exit', 'data-testid': 'phone-exit' }, say('exit'));
    exit.addEventListener('click', () => page.exit());
    root.append(figure, categories, attended, exit);
    restartTimer();
  }

  const page: PhonePage = {
    exit(note = '') {
      showForm(note);
    },
    idle() {
      showForm(say('idle'));
    },
  };

  // Any touch, key or scroll while the figures show restarts the idle timer.
  for (const type of ['click', 'keydown', 'touchstart', 'scroll']) {
    root.ownerDocument.addEventListener(
      type,
      () => {
        if (timer !== null) restartTimer();
      },
      { passive: true },
    );
  }
  showForm();
  return page;
}
