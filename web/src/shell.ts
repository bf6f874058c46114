// What every page shares: the sign-in with the user's key (checked against the API before the page
// shows anything), sign-out, and the error region.
import { ApiError } from './api';
import { busy, byId, field, h, input, replace } from './dom';
import { showError } from './fr';
import { currentKey, forgetKey, storeKey, useRole } from './session';

export interface SignIn {
  role: string;
  /** What the key opens, e.g. 'bailleur'. */
  who: string;
  /** A call that succeeds only with a key of that role. */
  check: () => Promise<unknown>;
  /** Shows the page's content once signed in. */
  ready: () => Promise<void> | void;
  /** A demonstration key to suggest (local runs). */
  hint?: string;
}

export function start(options: SignIn): void {
  useRole(options.role);
  const area = byId('connexion');
  const content = byId('contenu');
  const errors = byId('erreurs');

  const showForm = (): void => {
    content.hidden = true;
    const key = input({ type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
    const button = h('button', { type: 'submit' }, 'Se connecter');
    const form = h('form', { class: 'connexion', novalidate: true },
      h('h2', {}, 'Connexion'),
      field('cle', `Clé d’accès ${options.who}`, key, options.hint ? `La clé d’API remise à votre organisme. Démonstration locale : ${options.hint}` : 'La clé d’API remise à votre organisme.'),
      button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      errors.hidden = true;
      if (!key.value.trim()) {
        key.setAttribute('aria-invalid', 'true');
        const slot = byId('cle-erreur');
        slot.hidden = false;
        slot.textContent = 'Saisissez votre clé d’accès.';
        key.focus();
        return;
      }
      storeKey(key.value.trim());
      void busy(button, async () => {
        try {
          await options.check();
          await showContent();
        } catch (error) {
          forgetKey();
          showError(errors, error instanceof ApiError && (error.problem.status === 401 || error.problem.status === 403)
            ? new ApiError({ ...error.problem, status: 401 }) : error);
          key.focus();
        }
      });
    });
    replace(area, form);
    area.hidden = false;
  };

  const showContent = async (): Promise<void> => {
    const out = h('button', { type: 'button', class: 'secondaire' }, 'Se déconnecter');
    out.addEventListener('click', () => {
      forgetKey();
      location.reload();
    });
    replace(area, h('p', { class: 'session' }, `Connecté (${options.who}). `, out));
    content.hidden = false;
    await options.ready();
  };

  if (currentKey()) {
    options.check().then(showContent, () => {
      forgetKey();
      showForm();
    });
  } else {
    showForm();
  }
}
