// The reviewers' page: what awaits a decision, oldest first; one request with its checks' findings
// and documents; the decision (approve, reduce, reject, ask for information) sent from the page to
// the committee's queue; and the decisions that were set aside, with why.
import { ApiError, call, download } from '../api';
import { announce, busy, byId, field, h, input, replace, textarea } from '../dom';
import { date, label, money, priorities, showError, showFieldErrors, clearFieldErrors, statuses } from '../fr';
import { decisionPart, documentsTable, summary, timelinePart } from '../request-parts';
import { start } from '../shell';
import { requestedTotal, type PendingReview, type PoisonDecision, type RequestView, type SupportingDocument } from '../views';

let pending: PendingReview[] = [];

start({
  role: 'reviewer',
  who: 'instructeur',
  hint: 'local-reviewer-key',
  check: () => call('committee/pending'),
  ready: async () => {
    replace(byId('contenu'),
      h('section', { 'aria-labelledby': 'titre-attente' },
        h('h2', { id: 'titre-attente' }, 'Demandes en attente de décision'),
        h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondaire', onclick: () => void listPending() }, 'Actualiser')),
        h('div', { id: 'attente' })),
      h('section', { id: 'examen', hidden: true }),
      h('section', { 'aria-labelledby': 'titre-ecartees' },
        h('h2', { id: 'titre-ecartees' }, 'Décisions écartées'),
        h('p', { class: 'aide' }, 'Une décision qui ne pouvait pas s’appliquer (demande inconnue ou déjà décidée, montant trop élevé…) est mise de côté avec son motif ; rien n’a changé pour la demande.'),
        h('div', { id: 'ecartees' })));
    await Promise.all([listPending(), listSetAside()]);
    const id = new URLSearchParams(location.hash.slice(1)).get('demande');
    if (id) await showReview(id);
    window.addEventListener('hashchange', () => {
      const next = new URLSearchParams(location.hash.slice(1)).get('demande');
      if (next) void showReview(next);
    });
  },
});

async function listPending(): Promise<void> {
  const area = byId('attente');
  try {
    pending = await call<PendingReview[]>('committee/pending');
    if (!pending.length) {
      replace(area, h('p', {}, 'Aucune demande n’attend de décision.'));
      return;
    }
    const oldestFirst = [...pending].sort((a, b) => a.request.submittedAt.localeCompare(b.request.submittedAt));
    replace(area, h('table', {},
      h('caption', {}, `${pending.length} demande${pending.length > 1 ? 's' : ''}, les plus anciennes d’abord`),
      h('thead', {}, h('tr', {}, ...['Opération', 'Bailleur', 'Commune', 'Montant demandé', 'Déposée le', 'Priorité', 'Rang au comité'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...oldestFirst.map((p) => h('tr', { 'data-demande': p.request.requestId },
        h('td', {}, h('a', { href: `#demande=${encodeURIComponent(p.request.requestId)}` }, p.request.request.operation?.name ?? p.request.requestId)),
        h('td', {}, p.request.request.landlord?.name ?? p.request.landlordId),
        h('td', {}, p.request.request.operation?.municipality ?? '—'),
        h('td', { class: 'nombre' }, money(requestedTotal(p.request))),
        h('td', {}, date(p.request.submittedAt)),
        h('td', {}, p.priority ? label(priorities, p.priority) : '—'),
        h('td', { class: 'nombre' }, p.position))))));
  } catch (error) {
    showError(byId('erreurs'), error);
  }
}

async function listSetAside(): Promise<void> {
  const area = byId('ecartees');
  try {
    const poison = await call<PoisonDecision[]>('committee/poison-decisions');
    replace(area, poison.length
      ? h('table', {},
        h('caption', { class: 'visually-hidden' }, 'Décisions écartées'),
        h('thead', {}, h('tr', {}, ...['Écartée le', 'Motif', 'Décision reçue'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...poison.map((p) => h('tr', {},
          h('td', {}, date(p.setAsideAt ?? p.insertedOn)),
          h('td', { lang: 'en' }, p.reason),
          h('td', {}, h('pre', {}, p.message))))))
      : h('p', {}, 'Aucune décision écartée.'));
  } catch (error) {
    showError(byId('erreurs'), error);
  }
}

function findings(view: RequestView): string[] {
  return view.timeline.filter((e) => e.action === 'SentToCommittee' && e.details).map((e) => e.details!);
}

async function showReview(requestId: string): Promise<void> {
  const section = byId('examen');
  const review = pending.find((p) => p.request.requestId === requestId);
  if (!review) {
    replace(section, h('h2', { tabindex: -1 }, 'Demande'), h('p', {}, 'Cette demande n’attend plus de décision.'));
    section.hidden = false;
    return;
  }
  const view = review.request;
  const errors = h('div', { class: 'alerte', role: 'alert', hidden: true });
  let documents: SupportingDocument[] = [];
  try {
    documents = await call<SupportingDocument[]>(`committee/requests/${encodeURIComponent(requestId)}/documents`);
  } catch (error) {
    showError(errors, error);
  }
  const found = findings(view);
  replace(section,
    h('h2', { tabindex: -1 }, `Examen : « ${view.request.operation?.name ?? view.requestId} »`),
    errors,
    summary(view),
    h('section', { 'aria-labelledby': 'titre-constats' },
      h('h3', { id: 'titre-constats' }, 'Constats des contrôles'),
      found.length ? h('ul', { id: 'constats' }, ...found.map((f) => h('li', { lang: 'en' }, f))) : h('p', {}, 'Les contrôles n’ont rien relevé.')),
    h('section', { 'aria-labelledby': 'titre-pieces' },
      h('h3', { id: 'titre-pieces' }, 'Pièces du dossier'),
      documentsTable(documents, (d) => void download(`committee/requests/${encodeURIComponent(requestId)}/documents/${d.documentId}`, d.fileName).catch((e) => showError(errors, e)))),
    decisionForm(view, errors),
    decisionPart(view),
    timelinePart(view));
  section.hidden = false;
  section.querySelector<HTMLElement>('h2')?.focus();
}

function decisionForm(view: RequestView, errors: HTMLElement): HTMLElement {
  const total = requestedTotal(view);
  const radio = (value: string, text: string, checked = false) => {
    const id = `issue-${value}`;
    return h('div', { class: 'champ case' }, h('input', { type: 'radio', name: 'outcome', value, id, checked }), h('label', { for: id }, text));
  };
  const amount = input({ type: 'number', min: 0, step: 0.01, inputmode: 'decimal', name: 'approvedAmount', value: total });
  const reason = textarea({ name: 'reason' });
  const question = textarea({ name: 'question' });
  const conditions = textarea({ name: 'conditions' });
  const reviewer = input({ name: 'reviewer', autocomplete: 'name', value: localStorage.getItem('partenariat.reviewer') ?? '' });
  const summaryBox = h('div', { class: 'alerte', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit' }, 'Enregistrer la décision');
  const approveFields = h('div', { id: 'si-accord' },
    field('f-approvedAmount', 'Montant accordé', amount, `Le montant demandé est ${money(total)} ; un montant inférieur est un accord réduit.`),
    field('f-conditions', 'Conditions (facultatif, une par ligne)', conditions));
  const rejectFields = h('div', { id: 'si-refus', hidden: true }, field('f-reason', 'Motif du refus', reason));
  const askFields = h('div', { id: 'si-question', hidden: true }, field('f-question', 'Question au bailleur', question, 'Le bailleur a un délai pour répondre ; sans réponse, la demande est classée sans suite.'));
  const form = h('form', { id: 'form-decision', novalidate: true, 'aria-labelledby': 'titre-decider' },
    h('h3', { id: 'titre-decider' }, 'Décider'),
    summaryBox,
    h('fieldset', { id: 'f-outcome' }, h('legend', {}, 'Décision'),
      radio('Approved', 'Accorder (en totalité ou pour un montant réduit)', true),
      radio('Rejected', 'Refuser'),
      radio('InformationRequested', 'Demander des informations au bailleur'),
      h('p', { class: 'erreur', id: 'f-outcome-erreur', hidden: true })),
    approveFields, rejectFields, askFields,
    field('f-reviewer', 'Instructeur qui décide', reviewer),
    button);
  form.addEventListener('change', () => {
    const outcome = (form.elements.namedItem('outcome') as RadioNodeList).value;
    approveFields.hidden = outcome !== 'Approved';
    rejectFields.hidden = outcome !== 'Rejected';
    askFields.hidden = outcome !== 'InformationRequested';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(form, summaryBox);
    const outcome = (form.elements.namedItem('outcome') as RadioNodeList).value;
    const body = {
      requestId: view.requestId,
      outcome,
      reviewer: reviewer.value.trim(),
      approvedAmount: outcome === 'Approved' && amount.value ? Number(amount.value.replace(',', '.')) : null,
      conditions: outcome === 'Approved' ? conditions.value.split('\n').map((c) => c.trim()).filter(Boolean) : null,
      reason: outcome === 'Rejected' ? reason.value.trim() : null,
      question: outcome === 'InformationRequested' ? question.value.trim() : null,
    };
    void busy(button, async () => {
      try {
        await call('committee/decisions', { method: 'POST', body });
        localStorage.setItem('partenariat.reviewer', body.reviewer);
        await waitApplied(view.requestId, form);
      } catch (error) {
        if (error instanceof ApiError) showFieldErrors(form, summaryBox, error.problem);
        else showError(errors, error);
      }
    });
  });
  return form;
}

/** The decision goes through the committee's queue: the page says so, then follows the request until it moves. */
async function waitApplied(requestId: string, form: HTMLElement): Promise<void> {
  const note = h('p', { class: 'info', id: 'decision-envoyee' }, 'Décision transmise au comité ; elle s’applique dans quelques secondes…');
  form.replaceWith(note);
  announce('Décision transmise.');
  for (let attempt = 0; attempt < 60; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await listPending();
    await listSetAside();
    if (!pending.some((p) => p.request.requestId === requestId)) {
      note.className = 'succes';
      note.textContent = 'Décision appliquée : la demande a quitté la file du comité.';
      announce(note.textContent);
      return;
    }
  }
  note.textContent = `La décision n’est pas encore appliquée ; consultez les décisions écartées. Statut : ${label(statuses, 'PendingCommittee')}.`;
}
