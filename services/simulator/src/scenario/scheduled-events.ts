import type { CaseEvent, CityEvent, PermitEvent, TrafficIncident } from '@citybrain/domain';
import { CASE_PLATFORM_SOURCE } from './case-lifecycle';
import type { EventIds } from './event-ids';
import type { Locator } from './locator';
import type { ScenarioSchedule } from './scenario-plan';

/** The government-service platform (浙江政务服务网) where projects get their code. */
export const PERMIT_FILING_SOURCE = 'gov-service-platform';
/** Longgang's single administrative approval bureau: reviews and issues ("one seal for approvals"). */
export const PERMIT_APPROVAL_SOURCE = 'approval-bureau';

/**
 * The events whose times are planned up front — permit stages (including the backfill before the
 * period), incident reports and the drills' work orders — sorted by event time; events at or after the end are left out.
 */
export function scheduledEvents(schedule: ScenarioSchedule, ids: EventIds, locator: Locator): CityEvent[] {
  const { endMs } = schedule.options;
  const events: CityEvent[] = [];

  for (const permit of schedule.permits) {
    const location = locator.of(permit.grid);
    for (const step of permit.steps) {
      if (step.atMs >= endMs) break;
      const event: PermitEvent = {
        eventId: ids.next(),
        eventTimeMs: step.atMs,
        source: step.stage === 'filed' ? PERMIT_FILING_SOURCE : PERMIT_APPROVAL_SOURCE,
        location,
        family: 'permit',
        permitId: permit.permitId,
        projectName: permit.projectName,
        stage: step.stage,
      };
      events.push(event);
    }
  }

  for (const incident of schedule.incidents) {
    const location = locator.of(incident.grid);
    for (const update of incident.updates) {
      if (update.atMs >= endMs) break;
      const event: TrafficIncident = {
        eventId: ids.next(),
        eventTimeMs: update.atMs,
        source: incident.source,
        location,
        family: 'traffic',
        type: 'incident',
        incidentId: incident.incidentId,
        incidentType: incident.incidentType,
        status: update.status,
        injured: update.injured,
        dead: update.dead,
        vehiclesInvolved: update.vehiclesInvolved,
        description: update.description,
      };
      events.push(event);
    }
  }

  for (const order of schedule.orders) {
    const location = locator.of(order.grid);
    for (const step of order.steps) {
      if (step.atMs >= endMs) break;
      const event: CaseEvent = {
        eventId: ids.next(),
        eventTimeMs: step.atMs,
        source: step.stage === 'received' ? 'hotline-12345' : CASE_PLATFORM_SOURCE,
        location,
        family: 'case',
        caseId: order.caseId,
        stage: step.stage,
        serviceCode: order.serviceCode,
        urgency: order.urgency,
        channel: 'hotline',
        description: 'road damage reported on the hotline',
      };
      events.push(event);
    }
  }

  // Array.prototype.sort is stable: equal times keep the order above.
  return events.sort((a, b) => a.eventTimeMs - b.eventTimeMs);
}
