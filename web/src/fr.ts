// What the pages say, in French: the API's enum names, its error codes, amounts and dates.
import { ApiError, type Problem } from './api';
import { h, replace } from './dom';

export const statuses: Record<string, string> = {
  Submitted: 'Déposée',
  UnderReview: 'En cours d’instruction',
  Waitlisted: 'En liste d’attente',
  PendingCommittee: 'En attente du comité',
  InformationRequested: 'Informations demandées',
  Approved: 'Accordée',
  Rejected: 'Refusée',
  Disbursing: 'En cours de versement',
  Disbursed: 'Versée',
  RightsAssigned: 'Droits de réservation attribués',
  Closed: 'Clôturée',
  ClosedWithoutFollowUp: 'Classée sans suite',
  Withdrawn: 'Retirée',
  Expired: 'Expirée',
  Cancelled: 'Annulée',
};

export const actions: Record<string, string> = {
  Submitted: 'Demande déposée',
  ReviewStarted: 'Instruction commencée',
  CreditReserved: 'Crédit réservé sur l’enveloppe',
  Waitlisted: 'Mise en liste d’attente',
  LeftWaitlist: 'Sortie de la liste d’attente',
  SentToCommittee: 'Transmise au comité',
  InformationRequested: 'Informations demandées par le comité',
  InformationAnswered: 'Réponse du bailleur',
  ClosedWithoutFollowUp: 'Classée sans suite',
  Approved: 'Accordée par le comité',
  Rejected: 'Refusée par le comité',
  DecisionRefused: 'Décision écartée',
  TranchePaid: 'Tranche versée',
  MilestoneRefused: 'Jalon refusé',
  Disbursed: 'Versement terminé',
  RightsAssigned: 'Droits de réservation attribués',
  Closed: 'Clôturée',
  Withdrawn: 'Retirée par le bailleur',
  Cancelled: 'Annulée',
  Expired: 'Expirée',
  EventRefused: 'Évènement refusé',
  DocumentUploaded: 'Pièce déposée',
};

export const landlordKinds: [string, string][] = [
  ['Oph', 'Office public de l’habitat (OPH)'],
  ['Esh', 'Entreprise sociale pour l’habitat (ESH)'],
  ['Cooperative', 'Coopérative HLM'],
  ['Sem', 'Société d’économie mixte (SEM)'],
  ['ApprovedNonProfit', 'Organisme agréé (maîtrise d’ouvrage d’insertion)'],
  ['LocalAuthority', 'Collectivité territoriale'],
];

export const operationKinds: [string, string][] = [
  ['NewBuild', 'Construction neuve'],
  ['OffPlanPurchase', 'Vente en l’état futur d’achèvement (VEFA)'],
  ['AcquisitionImprovement', 'Acquisition-amélioration'],
  ['Rehabilitation', 'Réhabilitation'],
];

export const fundingKinds: [string, string][] = [
  ['Grant', 'Subvention'],
  ['Loan', 'Prêt'],
  ['ConcessionalLoan', 'Prêt bonifié'],
];

export const documentKinds: [string, string][] = [
  ['FinancingPlan', 'Plan de financement'],
  ['StateApproval', 'Décision d’agrément de l’État'],
  ['BuildingPermit', 'Permis de construire'],
  ['SitePlan', 'Plan de situation'],
  ['WorksStartOrder', 'Ordre de service de démarrage des travaux'],
  ['CompletionDeclaration', 'Déclaration d’achèvement (DAACT)'],
  ['Other', 'Autre pièce'],
];

export const milestones: [string, string][] = [
  ['WorksStarted', 'Démarrage des travaux (1re tranche)'],
  ['Completion', 'Achèvement (solde)'],
];

export const trancheMilestones: Record<string, string> = {
  WorksStartOrder: 'Ordre de service',
  CompletionDeclaration: 'Déclaration d’achèvement',
};

export const rightKinds: Record<string, string> = { SingleRight: 'Droit unique', RecurringRight: 'Droit de suite' };
export const rightStatuses: Record<string, string> = { Planned: 'Prévus', Assigned: 'Attribués', Expired: 'Échus' };
export const outcomes: Record<string, string> = { Approved: 'Accord', Rejected: 'Refus' };
export const priorities: Record<string, string> = {
  Npnru: 'Renouvellement urbain (NPNRU)',
  PriorityDistrict: 'Quartier prioritaire',
  SruDeficitMunicipality: 'Commune déficitaire SRU',
};

export function label(table: Record<string, string> | [string, string][], value: string | null | undefined): string {
  if (!value) return '—';
  const map = Array.isArray(table) ? Object.fromEntries(table) : table;
  return map[value] ?? value;
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
export function money(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : euros.format(value);
}

export function date(value: string | null | undefined): string {
  if (!value) return '—';
  const parsed = new Date(value.length === 10 ? `${value}T00:00:00` : value);
  return Number.isNaN(parsed.getTime())
    ? value
    : value.length === 10
      ? parsed.toLocaleDateString('fr-FR', { dateStyle: 'long' })
      : parsed.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
}

/** A field's error in French by the API's stable code; the API's own detail when no code says enough. */
const messages: Record<string, string> = {
  required: 'Ce champ est obligatoire.',
  invalidValue: 'Cette valeur n’est pas admise.',
  mustBePositive: 'La valeur doit être supérieure à zéro.',
  mustNotBeNegative: 'La valeur ne peut pas être négative.',
  outOfRange: 'La valeur est hors des limites admises.',
  wholeCents: 'Le montant doit avoir au plus deux décimales.',
  invalidFormat: 'Le format n’est pas reconnu.',
  invalidChecksum: 'Le numéro est incorrect (clé de contrôle).',
  unknown: 'Cette valeur n’est pas connue.',
  duplicate: 'Cette valeur est en double.',
  mismatch: 'Les montants ne concordent pas.',
  datesOutOfOrder: 'Les dates ne sont pas dans le bon ordre.',
  notApplicable: 'Ce champ ne s’applique pas ici.',
  notInMunicipality: 'Ce quartier n’est pas dans cette commune.',
  periodNotOpen: 'La période de la convention n’est pas ouverte.',
  exceedsLimit: 'Le montant dépasse la limite.',
  invalidState: 'Impossible dans l’état actuel de la demande.',
  conflict: 'Conflit avec une demande précédente.',
};

// Codes whose French message is generic: the API's detail (which names the choices or the
// figures) follows it.
const withDetail = new Set(['unknown', 'mismatch', 'notInMunicipality', 'periodNotOpen', 'exceedsLimit', 'outOfRange', 'invalidValue', 'datesOutOfOrder']);

export function fieldMessages(problem: Problem, field: string): { french: string; detail?: string }[] {
  const codes = problem.codes?.[field] ?? [];
  const details = problem.errors?.[field] ?? [];
  return details.map((detail, i) => {
    const code = codes[i];
    const french = code ? messages[code] : undefined;
    if (!french) return { french: detail };
    return withDetail.has(code) ? { french, detail } : { french };
  });
}

const titles: Record<number, string> = {
  0: 'Le service ne répond pas : vérifiez la connexion, puis réessayez.',
  400: 'La saisie comporte des erreurs.',
  401: 'Clé d’accès absente ou inconnue : reconnectez-vous.',
  403: 'Cette action n’est pas ouverte à votre profil.',
  404: 'Élément introuvable.',
  409: 'Action impossible dans l’état actuel.',
  413: 'Fichier trop volumineux.',
  415: 'Type de fichier non accepté (PDF, PNG ou JPEG).',
  503: 'Le service est momentanément indisponible.',
};

/** The French sentence for an error, with the API's detail (in English) after it. */
export function describe(error: unknown): { french: string; detail?: string } {
  if (error instanceof ApiError) {
    const p = error.problem;
    return { french: titles[p.status] ?? `Erreur ${p.status}.`, detail: p.detail };
  }
  return { french: 'Erreur inattendue.', detail: String(error) };
}

/** Shows an error in an alert region (role=alert is announced). */
export function showError(region: HTMLElement, error: unknown): void {
  const { french, detail } = describe(error);
  region.hidden = false;
  replace(region, h('p', {}, french), detail ? h('p', { class: 'detail', lang: 'en' }, `Détail : ${detail}`) : null);
}

/**
 * Shows each field's errors beside it (the field's id is 'f-' and its path with '.', '[' and ']'
 * made '-'), marks it invalid, lists every error in the form's summary with a link to its field,
 * and moves the focus to the summary. Errors of fields without a control go to the summary only.
 */
export function showFieldErrors(form: HTMLElement, summary: HTMLElement, problem: Problem): void {
  clearFieldErrors(form, summary);
  const items: HTMLElement[] = [];
  for (const fieldPath of Object.keys(problem.errors ?? {})) {
    const id = fieldId(fieldPath);
    const control = form.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    const errorSlot = form.querySelector<HTMLElement>(`#${CSS.escape(id)}-erreur`);
    for (const message of fieldMessages(problem, fieldPath)) {
      const text = message.detail ? `${message.french} (${message.detail})` : message.french;
      if (errorSlot) {
        errorSlot.hidden = false;
        errorSlot.append(h('span', {}, message.french), message.detail ? h('span', { class: 'detail', lang: 'en' }, ` ${message.detail}`) : '');
      }
      items.push(h('li', {}, control ? h('a', { href: `#${id}` }, `${fieldLabel(form, id) ?? fieldPath} : ${text}`) : `${fieldPath} : ${text}`));
    }
    control?.setAttribute('aria-invalid', 'true');
  }
  summary.hidden = false;
  replace(summary, h('h3', { tabindex: -1 }, `${problem.status === 400 ? 'Corrigez les champs signalés' : describe(new ApiError(problem)).french}`),
    items.length ? h('ul', {}, ...items) : h('p', { lang: 'en', class: 'detail' }, problem.detail ?? ''));
  summary.querySelector<HTMLElement>('h3')?.focus();
}

export function clearFieldErrors(form: HTMLElement, summary: HTMLElement): void {
  summary.hidden = true;
  summary.replaceChildren();
  form.querySelectorAll<HTMLElement>('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  form.querySelectorAll<HTMLElement>('.erreur').forEach((e) => {
    e.hidden = true;
    e.replaceChildren();
  });
}

export function fieldId(path: string): string {
  return `f-${path.replace(/[.[\]]+/g, '-').replace(/-$/, '')}`;
}

function fieldLabel(form: HTMLElement, id: string): string | null {
  return form.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent ?? form.querySelector(`#${CSS.escape(id)} > legend`)?.textContent ?? null;
}
