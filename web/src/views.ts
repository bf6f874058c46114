// The API's answers the pages read (only the fields they show).
export interface TimelineEntry { at: string; actor: string; action: string; status: string; details?: string }
export interface Tranche { number: number; milestone: string; amount: number; paid: number; paidOn?: string; evidenceDocumentId?: string }
export interface Decision { outcome: string; requestedAmount: number; approvedAmount: number; isReducedApproval: boolean; reason?: string; conditions: string[]; reviewer: string; decidedOn: string }
export interface Rights { count: number; kind: string; durationYears: number; status: string; startDate?: string; endDate?: string }
export interface FinancingRequest {
  landlord?: { name?: string; kind?: string };
  operation?: {
    name?: string; municipality?: string; district?: string; isNpnru?: boolean; kind?: string;
    dwellings?: Record<string, number>; totalCostExcludingTax?: number; financingPlan?: { name?: string; amount?: number }[];
    stateApprovalReference?: string; plannedWorksStart?: string; plannedCompletion?: string;
  };
  requestedLines?: { kind?: string; amount?: number; loanDurationYears?: number }[];
  conventionId?: string;
  envelopeLineId?: string;
}
export interface RequestView {
  requestId: string; landlordId: string; status: string; submittedAt: string; updatedAt: string; request: FinancingRequest;
  timeline: TimelineEntry[]; informationRequest?: { question: string; dueAt: string; answer?: string };
  decision?: Decision; tranches: Tranche[]; reservationRights?: Rights; step: number;
}
export interface RequestPage { items: RequestView[]; continuationToken?: string }
export interface SupportingDocument { documentId: string; requestId: string; kind: string; fileName: string; contentType: string; size: number; sha256: string; uploadedAt: string }
export interface EnvelopeLine {
  conventionId: string; conventionTitle: string; periodStart: string; periodEnd: string; lineId: string; label: string;
  planned: number; reserved: number; committed: number; disbursed: number; remaining: number; lapsed: number; isLapsed: boolean;
  reservedRequests: number; committedRequests: number; closesAt?: string;
}
export interface RightsEntry { requestId: string; landlordId: string; count: number; kind: string; durationYears: number; status: string; startDate?: string; endDate?: string }
export interface PendingReview { position: number; priority?: string; request: RequestView }
export interface PoisonDecision { messageId: string; insertedOn?: string; reason: string; message: string; setAsideAt?: string }

export function requestedTotal(view: RequestView): number {
  return (view.request.requestedLines ?? []).reduce((sum, line) => sum + (line.amount ?? 0), 0);
}
