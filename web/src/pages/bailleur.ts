// The landlords' page: their requests, a new request (each field's error beside it), one request's
// status and timeline, its documents (uploaded with progress), the committee's questions, the
// milestones that pay the tranches, and the landlord's reservation rights.
import { ApiError, call, download, upload } from '../api';
import { announce, busy, byId, field, h, input, replace, select, textarea } from '../dom';
import { clearFieldErrors, date, documentKinds, fieldId, fundingKinds, label, landlordKinds, milestones, money, operationKinds, rightKinds, rightStatuses, showError, showFieldErrors, statuses } from '../fr';
import { decisionPart, documentsTable, rightsPart, statusBadge, summary, timelinePart, tranchesPart } from '../request-parts';
import { start } from '../shell';
import { requestedTotal, type EnvelopeLine, type RequestPage, type RequestView, type RightsEntry, type SupportingDocument } from '../views';

const open = new Set(['Submitted', 'UnderReview', 'Waitlisted', 'PendingCommittee', 'InformationRequested']);
let shown: { id: string; step: number } | null = null;
let refresher: number | undefined;

start({
  role: 'landlord',
  who: 'bailleur',
  hint: 'local-landlord-123456782-key',
  check: () => call('requests?pageSize=1'),
  ready: async () => {
    const content = byId('contenu');
    const newButton = h('button', { type: 'button', id: 'nouvelle' }, 'Nouvelle demande');
    newButton.addEventListener('click', () => void showForm());
    replace(content,
      h('section', { 'aria-labelledby': 'titre-demandes' },
        h('h2', { id: 'titre-demandes' }, 'Mes demandes'),
        h('div', { class: 'actions' }, newButton, h('button', { type: 'button', class: 'secondaire', onclick: () => void listRequests() }, 'Actualiser la liste')),
        h('div', { id: 'liste' })),
      h('section', { id: 'formulaire', 'aria-labelledby': 'titre-formulaire', hidden: true }),
      h('section', { id: 'demande', 'aria-live': 'off', hidden: true }),
      h('section', { 'aria-labelledby': 'titre-droits' },
        h('h2', { id: 'titre-droits' }, 'Mes droits de réservation'),
        h('div', { id: 'droits' })));
    await Promise.all([listRequests(), listRights()]);
    const fromHash = new URLSearchParams(location.hash.slice(1)).get('demande');
    if (fromHash) await showRequest(fromHash);
    window.addEventListener('hashchange', () => {
      const id = new URLSearchParams(location.hash.slice(1)).get('demande');
      if (id && id !== shown?.id) void showRequest(id);
    });
  },
});

async function listRequests(): Promise<void> {
  const list = byId('liste');
  try {
    const page = await call<RequestPage>('requests?pageSize=100');
    if (!page.items.length) {
      replace(list, h('p', {}, 'Vous n’avez encore déposé aucune demande.'));
      return;
    }
    const items = [...page.items].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
    replace(list, h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Mes demandes, les plus récentes d’abord'),
      h('thead', {}, h('tr', {}, ...['Opération', 'Commune', 'Montant demandé', 'Déposée le', 'Statut'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...items.map((v) => h('tr', { 'data-demande': v.requestId },
        h('td', {}, h('a', { href: `#demande=${encodeURIComponent(v.requestId)}` }, v.request.operation?.name ?? v.requestId)),
        h('td', {}, v.request.operation?.municipality ?? '—'),
        h('td', { class: 'nombre' }, money(requestedTotal(v))),
        h('td', {}, date(v.submittedAt)),
        h('td', {}, statusBadge(v.status)))))));
  } catch (error) {
    showError(byId('erreurs'), error);
  }
}

async function listRights(): Promise<void> {
  try {
    const page = await call<{ items: RightsEntry[]; totalRights: number }>('reservation-rights');
    const area = byId('droits');
    if (!page.items.length) {
      replace(area, h('p', {}, 'Aucun droit de réservation pour l’instant : ils sont fixés à l’accord du comité.'));
      return;
    }
    replace(area, h('table', {},
      h('caption', {}, `${page.totalRights} droit${page.totalRights > 1 ? 's' : ''} de réservation au total`),
      h('thead', {}, h('tr', {}, ...['Demande', 'Nombre', 'Nature', 'Durée', 'État', 'Période'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...page.items.map((r) => h('tr', {},
        h('td', {}, h('a', { href: `#demande=${encodeURIComponent(r.requestId)}` }, r.requestId)), h('td', { class: 'nombre' }, r.count),
        h('td', {}, label(rightKinds, r.kind)), h('td', {}, `${r.durationYears} ans`), h('td', {}, label(rightStatuses, r.status)),
        h('td', {}, r.startDate ? `${date(r.startDate)} – ${date(r.endDate)}` : '—'))))));
  } catch (error) {
    showError(byId('erreurs'), error);
  }
}

// ---- The submission form -------------------------------------------------------------------

let idempotencyKey = crypto.randomUUID();

async function showForm(): Promise<void> {
  const section = byId('formulaire');
  let lines: EnvelopeLine[] = [];
  try {
    lines = (await call<{ lines: EnvelopeLine[] }>('envelopes')).lines.filter((l) => l.closesAt && !l.isLapsed);
  } catch (error) {
    showError(byId('erreurs'), error);
  }
  const conventions = [...new Map(lines.map((l) => [l.conventionId, l.conventionTitle])).entries()];
  const summaryBox = h('div', { class: 'alerte', id: 'resume-erreurs', role: 'alert', hidden: true });
  const sources = h('div', { id: 'sources' });
  const asked = h('div', { id: 'lignes' });
  const submit = h('button', { type: 'submit' }, 'Déposer la demande');
  const form = h('form', { id: 'form-demande', novalidate: true },
    summaryBox,
    h('p', {}, 'Tous les champs sont obligatoires, sauf mention contraire. Les montants sont en euros.'),
    h('fieldset', {}, h('legend', {}, 'Votre organisme'),
      field(fieldId('landlord.name'), 'Raison sociale', input({ autocomplete: 'organization', name: 'landlord.name' })),
      field(fieldId('landlord.kind'), 'Catégorie d’organisme', select([['', 'Choisir…'], ...landlordKinds], { name: 'landlord.kind' }))),
    h('fieldset', {}, h('legend', {}, 'L’opération'),
      field(fieldId('operation.name'), 'Nom de l’opération', input({ name: 'operation.name' }), 'Par exemple « Résidence des Lilas ».'),
      field(fieldId('operation.kind'), 'Nature de l’opération', select([['', 'Choisir…'], ...operationKinds], { name: 'operation.kind' })),
      h('div', { class: 'grille' },
        field(fieldId('operation.municipality'), 'Commune', input({ name: 'operation.municipality' }), 'Une commune de Dijon Métropole, par exemple Chenôve.'),
        field(fieldId('operation.district'), 'Quartier prioritaire (facultatif)', input({ name: 'operation.district' }), 'Le quartier QPV ou QV, s’il y a lieu, par exemple Le Mail.')),
      field(fieldId('operation.isNpnru'), 'Opération du nouveau programme de renouvellement urbain (NPNRU)', input({ type: 'checkbox', name: 'operation.isNpnru' })),
      h('fieldset', { id: fieldId('operation.dwellings') }, h('legend', {}, 'Logements par financement'),
        h('div', { class: 'grille' },
          ...[['plai', 'PLAI'], ['plus', 'PLUS'], ['pls', 'PLS'], ['li', 'Logement intermédiaire'], ['collectiveStructure', 'Places en structure collective']]
            .map(([key, text]) => field(fieldId(`operation.dwellings.${key}`), text, input({ type: 'number', min: 0, step: 1, value: 0, inputmode: 'numeric', name: `operation.dwellings.${key}` }))))),
      field(fieldId('operation.totalCostExcludingTax'), 'Coût total de l’opération (HT)', input({ type: 'number', min: 0, step: 0.01, inputmode: 'decimal', name: 'operation.totalCostExcludingTax' }), 'Le plan de financement doit en faire exactement le total.'),
      h('fieldset', { id: fieldId('operation.financingPlan') }, h('legend', {}, 'Plan de financement'),
        h('p', { class: 'erreur', id: `${fieldId('operation.financingPlan')}-erreur`, hidden: true }),
        sources,
        h('button', { type: 'button', class: 'secondaire', onclick: () => addSource(sources) }, 'Ajouter une source de financement')),
      h('div', { class: 'grille' },
        field(fieldId('operation.stateApprovalReference'), 'Référence de l’agrément de l’État', input({ name: 'operation.stateApprovalReference' }), 'Exigée pour les logements PLAI, PLUS et PLS.'),
        field(fieldId('operation.plannedWorksStart'), 'Démarrage prévu des travaux', input({ type: 'date', name: 'operation.plannedWorksStart' })),
        field(fieldId('operation.plannedCompletion'), 'Achèvement prévu', input({ type: 'date', name: 'operation.plannedCompletion' })))),
    h('fieldset', { id: fieldId('requestedLines') }, h('legend', {}, 'Ce que vous demandez à Action Logement'),
      h('p', { class: 'erreur', id: `${fieldId('requestedLines')}-erreur`, hidden: true }),
      asked,
      h('button', { type: 'button', class: 'secondaire', onclick: () => addLine(asked) }, 'Ajouter un financement demandé'),
      h('div', { class: 'grille' },
        field(fieldId('conventionId'), 'Convention', conventions.length
          ? select(conventions.map(([id, title]) => [id, `${title} (${id})`] as [string, string]), { name: 'conventionId' })
          : input({ name: 'conventionId' }), 'La période de convention ouverte à laquelle la demande est imputée.'),
        field(fieldId('envelopeLineId'), 'Ligne de l’enveloppe', lines.length
          ? select(lines.map((l) => [l.lineId, `${l.label} – reste ${money(l.remaining)}`] as [string, string]), { name: 'envelopeLineId' })
          : input({ name: 'envelopeLineId' }))),
      field('f-capitalLinkWithActionLogement', 'Votre organisme a un lien capitalistique avec Action Logement', input({ type: 'checkbox', name: 'capitalLinkWithActionLogement' }))),
    h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'secondaire', onclick: () => { section.hidden = true; byId('nouvelle').focus(); } }, 'Annuler')));
  addSource(sources);
  addSource(sources);
  addLine(asked);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(submit, () => submitRequest(form, summaryBox));
  });
  replace(section, h('h2', { id: 'titre-formulaire', tabindex: -1 }, 'Nouvelle demande de financement'), form);
  section.hidden = false;
  byId('demande').hidden = true;
  section.querySelector<HTMLElement>('h2')?.focus();
}

function addSource(container: HTMLElement): void {
  const i = container.children.length;
  const base = `operation.financingPlan[${i}]`;
  container.append(h('div', { class: 'grille ligne', 'data-index': i },
    field(fieldId(`${base}.name`), `Source ${i + 1} : financeur`, input({ name: `${base}.name` }), i === 0 ? 'Par exemple « Prêt CDC » ou « Fonds propres ».' : undefined),
    field(fieldId(`${base}.amount`), `Source ${i + 1} : montant`, input({ type: 'number', min: 0, step: 0.01, inputmode: 'decimal', name: `${base}.amount` }))));
}

function addLine(container: HTMLElement): void {
  const i = container.children.length;
  const base = `requestedLines[${i}]`;
  container.append(h('div', { class: 'grille ligne', 'data-index': i },
    field(fieldId(`${base}.kind`), `Financement ${i + 1} : nature`, select([['', 'Choisir…'], ...fundingKinds], { name: `${base}.kind` })),
    field(fieldId(`${base}.amount`), `Financement ${i + 1} : montant`, input({ type: 'number', min: 0, step: 0.01, inputmode: 'decimal', name: `${base}.amount` })),
    field(fieldId(`${base}.loanDurationYears`), `Financement ${i + 1} : durée du prêt en années (prêts seulement)`, input({ type: 'number', min: 1, step: 1, inputmode: 'numeric', name: `${base}.loanDurationYears` }))));
}

function value(form: HTMLFormElement, name: string): string {
  const element = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  return element?.value.trim() ?? '';
}

function number(form: HTMLFormElement, name: string): number | undefined {
  const text = value(form, name).replace(/\s/g, '').replace(',', '.');
  return text === '' ? undefined : Number(text);
}

function checked(form: HTMLFormElement, name: string): boolean {
  return (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
}

function readForm(form: HTMLFormElement): unknown {
  const rows = (prefix: string) => [...form.querySelectorAll(`#${prefix} > .ligne`)].map((_, i) => i);
  return {
    landlord: { name: value(form, 'landlord.name'), kind: value(form, 'landlord.kind') || null },
    operation: {
      name: value(form, 'operation.name'),
      municipality: value(form, 'operation.municipality'),
      district: value(form, 'operation.district') || null,
      isNpnru: checked(form, 'operation.isNpnru'),
      kind: value(form, 'operation.kind') || null,
      dwellings: Object.fromEntries(['plai', 'plus', 'pls', 'li', 'collectiveStructure'].map((k) => [k, number(form, `operation.dwellings.${k}`) ?? 0])),
      totalCostExcludingTax: number(form, 'operation.totalCostExcludingTax') ?? 0,
      financingPlan: rows('sources')
        .map((i) => ({ name: value(form, `operation.financingPlan[${i}].name`), amount: number(form, `operation.financingPlan[${i}].amount`) ?? 0 })),
      stateApprovalReference: value(form, 'operation.stateApprovalReference') || null,
      plannedWorksStart: value(form, 'operation.plannedWorksStart') || null,
      plannedCompletion: value(form, 'operation.plannedCompletion') || null,
    },
    requestedLines: rows('lignes').map((i) => ({
      kind: value(form, `requestedLines[${i}].kind`) || null,
      amount: number(form, `requestedLines[${i}].amount`) ?? 0,
      loanDurationYears: number(form, `requestedLines[${i}].loanDurationYears`) ?? null,
    })),
    conventionId: value(form, 'conventionId'),
    envelopeLineId: value(form, 'envelopeLineId'),
    capitalLinkWithActionLogement: checked(form, 'capitalLinkWithActionLogement'),
  };
}

async function submitRequest(form: HTMLFormElement, summaryBox: HTMLElement): Promise<void> {
  clearFieldErrors(form, summaryBox);
  try {
    const view = await call<RequestView>('requests', { method: 'POST', body: readForm(form), headers: { 'Idempotency-Key': idempotencyKey } });
    idempotencyKey = crypto.randomUUID();
    byId('formulaire').hidden = true;
    announce('Demande déposée.');
    await listRequests();
    // Named as shown first, so that the hash's change does not render it a second time (without the message).
    shown = { id: view.requestId, step: view.step };
    location.hash = `demande=${encodeURIComponent(view.requestId)}`;
    await showRequest(view.requestId, 'Votre demande est déposée. Elle passe maintenant les contrôles puis part au comité.');
  } catch (error) {
    if (error instanceof ApiError && error.problem.errors) showFieldErrors(form, summaryBox, error.problem);
    else showFieldErrors(form, summaryBox, error instanceof ApiError ? error.problem : { status: 0, detail: String(error) });
  }
}

// ---- One request ---------------------------------------------------------------------------

async function showRequest(requestId: string, message?: string): Promise<void> {
  const section = byId('demande');
  window.clearInterval(refresher);
  try {
    const [view, documents] = await Promise.all([
      call<RequestView>(`requests/${encodeURIComponent(requestId)}`),
      call<SupportingDocument[]>(`requests/${encodeURIComponent(requestId)}/documents`),
    ]);
    render(section, view, documents, message);
    shown = { id: view.requestId, step: view.step };
    section.hidden = false;
    byId('formulaire').hidden = true;
    section.querySelector<HTMLElement>('h2')?.focus();
    // Follows the request while its page is open: a step taken elsewhere (the checks, the committee, a payment) shows up.
    refresher = window.setInterval(() => void refresh(), 3000);
  } catch (error) {
    showError(byId('erreurs'), error);
  }
}

async function refresh(): Promise<void> {
  if (!shown || document.hidden) return;
  const section = byId('demande');
  if (section.contains(document.activeElement) && document.activeElement instanceof HTMLTextAreaElement) return;
  try {
    const view = await call<RequestView>(`requests/${encodeURIComponent(shown.id)}`);
    if (view.step === shown.step) return;
    const documents = await call<SupportingDocument[]>(`requests/${encodeURIComponent(shown.id)}/documents`);
    shown.step = view.step;
    render(section, view, documents);
    announce(`La demande est maintenant : ${label(statuses, view.status)}.`);
    void listRequests();
    void listRights();
  } catch {
    // The next tick tries again.
  }
}

function render(section: HTMLElement, view: RequestView, documents: SupportingDocument[], message?: string): void {
  const errors = h('div', { class: 'alerte', role: 'alert', hidden: true });
  replace(section,
    h('h2', { tabindex: -1, id: 'titre-demande' }, `Demande « ${view.request.operation?.name ?? view.requestId} »`),
    message ? h('p', { class: 'succes' }, message) : null,
    h('p', {}, 'Statut : ', statusBadge(view.status)),
    errors,
    view.status === 'InformationRequested' && view.informationRequest && !view.informationRequest.answer ? answerForm(view, errors) : null,
    summary(view),
    decisionPart(view),
    tranchesPart(view),
    rightsPart(view),
    documentsPart(view, documents, errors),
    ['Approved', 'Disbursing'].includes(view.status) ? milestoneForm(view, documents, errors) : null,
    open.has(view.status) ? withdrawForm(view, errors) : null,
    timelinePart(view));
}

function answerForm(view: RequestView, errors: HTMLElement): HTMLElement {
  const question = view.informationRequest!;
  const answer = textarea({ name: 'answer', rows: 4 });
  const button = h('button', { type: 'submit' }, 'Envoyer la réponse');
  const form = h('form', { class: 'info', novalidate: true, 'aria-labelledby': 'titre-question' },
    h('h3', { id: 'titre-question' }, 'Le comité vous demande des informations'),
    h('blockquote', {}, question.question),
    h('p', {}, `À répondre avant le ${date(question.dueAt)} ; sans réponse, la demande sera classée sans suite.`),
    field('f-answer', 'Votre réponse', answer),
    button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(button, async () => {
      try {
        await call(`requests/${encodeURIComponent(view.requestId)}/information-answer`, { method: 'POST', body: { answer: answer.value } });
        await showRequest(view.requestId, 'Votre réponse est transmise au comité.');
      } catch (error) {
        if (error instanceof ApiError && error.problem.errors) showFieldErrors(form, errors, error.problem);
        else showError(errors, error);
      }
    });
  });
  return form;
}

function documentsPart(view: RequestView, documents: SupportingDocument[], errors: HTMLElement): HTMLElement {
  const file = input({ type: 'file', accept: 'application/pdf,image/png,image/jpeg', name: 'file' });
  const kind = select(documentKinds, { name: 'kind' });
  const progress = h('progress', { max: 100, value: 0, hidden: true, id: 'progression', 'aria-label': 'Progression de l’envoi' });
  const button = h('button', { type: 'submit' }, 'Joindre la pièce');
  const form = h('form', { novalidate: true, id: 'form-piece' },
    h('div', { class: 'grille' },
      field('f-kind', 'Nature de la pièce', kind),
      field('f-file', 'Fichier', file, 'PDF, PNG ou JPEG, 20 Mo au plus.')),
    progress, button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      file.setAttribute('aria-invalid', 'true');
      const slot = byId('f-file-erreur');
      slot.hidden = false;
      slot.textContent = 'Choisissez le fichier à joindre.';
      file.focus();
      return;
    }
    void busy(button, async () => {
      progress.hidden = false;
      progress.value = 0;
      try {
        const query = `kind=${encodeURIComponent(kind.value)}&fileName=${encodeURIComponent(chosen.name)}`;
        await upload<SupportingDocument>(`requests/${encodeURIComponent(view.requestId)}/documents?${query}`, chosen, (sent, total) => {
          progress.value = total ? Math.round((sent / total) * 100) : 0;
          progress.textContent = `${progress.value} %`;
        });
        await showRequest(view.requestId, `La pièce « ${chosen.name} » est jointe.`);
      } catch (error) {
        progress.hidden = true;
        showError(errors, error);
        errors.focus();
      }
    });
  });
  return h('section', { 'aria-labelledby': 'titre-pieces' },
    h('h3', { id: 'titre-pieces' }, 'Pièces justificatives'),
    documentsTable(documents, (d) => void download(`requests/${encodeURIComponent(view.requestId)}/documents/${d.documentId}`, d.fileName).catch((e) => showError(errors, e))),
    form);
}

function milestoneForm(view: RequestView, documents: SupportingDocument[], errors: HTMLElement): HTMLElement {
  const kind = select(milestones, { name: 'kind' });
  const when = input({ type: 'date', name: 'date' });
  const file = input({ type: 'file', accept: 'application/pdf,image/png,image/jpeg', name: 'evidenceFile' });
  const evidence = select([['', 'Choisir…'], ...documents.map((d) => [d.documentId, `${label(documentKinds, d.kind)} – ${d.fileName}`] as [string, string])], { name: 'evidenceDocumentId' });
  const button = h('button', { type: 'submit' }, 'Déclarer le jalon');
  const form = h('form', { novalidate: true, id: 'form-jalon', 'aria-labelledby': 'titre-jalon' },
    h('h3', { id: 'titre-jalon' }, 'Déclarer un jalon'),
    h('p', { class: 'aide' }, 'Le démarrage des travaux, justifié par l’ordre de service, déclenche la première tranche ; l’achèvement, justifié par la déclaration d’achèvement, le solde. Joignez le justificatif ici, ou choisissez-le parmi les pièces déjà jointes.'),
    h('div', { class: 'grille' },
      field('f-milestone-kind', 'Jalon', kind),
      field(fieldId('date'), 'Date', when),
      field('f-evidence-file', 'Justificatif à joindre', file, 'PDF, PNG ou JPEG, 20 Mo au plus.'),
      field(fieldId('evidenceDocumentId'), 'Ou pièce déjà jointe', evidence)),
    button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    void busy(button, async () => {
      try {
        if (chosen) {
          // The evidence and its milestone in one call: the document is stored only if the milestone applies.
          const evidenceKind = kind.value === 'WorksStarted' ? 'WorksStartOrder' : 'CompletionDeclaration';
          const query = `kind=${evidenceKind}&fileName=${encodeURIComponent(chosen.name)}&milestone=${encodeURIComponent(kind.value)}&milestoneDate=${encodeURIComponent(when.value)}`;
          await upload<SupportingDocument>(`requests/${encodeURIComponent(view.requestId)}/documents?${query}`, chosen, () => undefined);
        } else {
          await call(`requests/${encodeURIComponent(view.requestId)}/milestones`, { method: 'POST', body: { kind: kind.value, date: when.value || null, evidenceDocumentId: evidence.value || null } });
        }
        await showRequest(view.requestId, 'Le jalon est déclaré ; le versement de la tranche suit.');
      } catch (error) {
        if (error instanceof ApiError && error.problem.errors) showFieldErrors(form, errors, milestoneFields(error.problem));
        else showError(errors, error);
      }
    });
  });
  return form;
}

/** The upload's fields named as the milestone form names them (its date, its evidence). */
function milestoneFields(problem: ApiError['problem']): ApiError['problem'] {
  if (!problem.errors) return problem;
  const names: Record<string, string> = { milestone: 'milestone-kind', milestoneDate: 'date' };
  const errors: Record<string, string[]> = {};
  for (const [name, messages] of Object.entries(problem.errors)) errors[names[name] ?? name] = [...(errors[names[name] ?? name] ?? []), ...messages];
  return { ...problem, errors };
}

function withdrawForm(view: RequestView, errors: HTMLElement): HTMLElement {
  const reason = input({ name: 'reason' });
  const button = h('button', { type: 'submit', class: 'danger' }, 'Retirer la demande');
  const form = h('form', { novalidate: true, id: 'form-retrait' },
    h('h3', {}, 'Retirer la demande'),
    field('f-reason', 'Motif du retrait (facultatif)', reason),
    button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!window.confirm('Retirer définitivement cette demande ?')) return;
    void busy(button, async () => {
      try {
        await call(`requests/${encodeURIComponent(view.requestId)}/withdrawal`, { method: 'POST', body: { reason: reason.value || null } });
        await showRequest(view.requestId, 'La demande est retirée.');
      } catch (error) {
        showError(errors, error);
      }
    });
  });
  return form;
}
