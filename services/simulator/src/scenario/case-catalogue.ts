import type { CaseChannel } from '@citybrain/domain';

/** The department that takes a case's order (接单) and handles it. */
export type Agency = 'law-enforcement' | 'municipal-works' | 'traffic-police' | 'sanitation';

/** A kind of city-management case (Open311 service). */
export interface ServiceDefinition {
  /** Open311 `service_code`. */
  readonly code: string;
  /** Open311 `service_name`, English and Chinese. */
  readonly name: string;
  /** Typical reports, one is picked per case. */
  readonly descriptions: readonly string[];
  /** Relative frequency among all cases. */
  readonly weight: number;
  /** Share of its cases that are urgent. */
  readonly urgentShare: number;
  /** Who reports it, with relative weights. */
  readonly channels: readonly (readonly [CaseChannel, number])[];
  readonly agency: Agency;
}

/**
 * The services the simulator reports, with Longgang's article example first: a resident reports
 * renovation waste and old furniture piled by a road, and the law-enforcement officer has it cleared.
 */
export const SERVICE_CATALOGUE: readonly ServiceDefinition[] = [
  {
    code: 'waste.dumping',
    name: 'Construction waste dumping 建筑垃圾乱倒',
    descriptions: [
      'Renovation waste and old furniture piled by the road',
      'Construction rubble dumped on the river bank',
    ],
    weight: 0.2,
    urgentShare: 0.05,
    channels: [
      ['resident', 0.45],
      ['hotline', 0.25],
      ['inspector', 0.15],
      ['camera', 0.15],
    ],
    agency: 'law-enforcement',
  },
  {
    code: 'road.damage',
    name: 'Damaged road surface 道路破损',
    descriptions: ['Pothole in the carriageway', 'Broken paving slabs on the pavement'],
    weight: 0.15,
    urgentShare: 0.25,
    channels: [
      ['resident', 0.35],
      ['hotline', 0.2],
      ['inspector', 0.35],
      ['camera', 0.1],
    ],
    agency: 'municipal-works',
  },
  {
    code: 'manhole.missing',
    name: 'Missing manhole cover 井盖缺失',
    descriptions: ['Manhole cover missing on the pavement', 'Broken manhole cover in the cycle lane'],
    weight: 0.05,
    urgentShare: 0.9,
    channels: [
      ['resident', 0.4],
      ['hotline', 0.3],
      ['inspector', 0.3],
    ],
    agency: 'municipal-works',
  },
  {
    code: 'noise',
    name: 'Noise nuisance 噪声扰民',
    descriptions: ['Construction noise after 22:00', 'Loudspeaker of a shop at full volume'],
    weight: 0.12,
    urgentShare: 0.05,
    channels: [
      ['resident', 0.3],
      ['hotline', 0.65],
      ['inspector', 0.05],
    ],
    agency: 'law-enforcement',
  },
  {
    code: 'illegal.parking',
    name: 'Illegal parking 违章停车',
    descriptions: ['Car parked on the pavement blocking the entrance', 'Truck parked in the bus lane'],
    weight: 0.2,
    urgentShare: 0.02,
    channels: [
      ['resident', 0.2],
      ['hotline', 0.1],
      ['inspector', 0.2],
      ['camera', 0.5],
    ],
    agency: 'traffic-police',
  },
  {
    code: 'streetlight.out',
    name: 'Streetlight out 路灯不亮',
    descriptions: ['Streetlight not working', 'Several streetlights out along the road'],
    weight: 0.1,
    urgentShare: 0.05,
    channels: [
      ['resident', 0.4],
      ['hotline', 0.2],
      ['inspector', 0.4],
    ],
    agency: 'municipal-works',
  },
  {
    code: 'street.vending',
    name: 'Street vending on the pavement 占道经营',
    descriptions: ['Stalls occupying the pavement', 'Fruit stall blocking the crossing'],
    weight: 0.13,
    urgentShare: 0.02,
    channels: [
      ['resident', 0.15],
      ['hotline', 0.1],
      ['inspector', 0.45],
      ['camera', 0.3],
    ],
    agency: 'law-enforcement',
  },
  {
    code: 'garbage.overflow',
    name: 'Overflowing bins 垃圾满溢',
    descriptions: ['Overflowing garbage bins at the market', 'Rubbish bags left beside the bins'],
    weight: 0.05,
    urgentShare: 0.05,
    channels: [
      ['resident', 0.4],
      ['inspector', 0.3],
      ['camera', 0.3],
    ],
    agency: 'sanitation',
  },
];

/** The catalogue as weighted choices. */
export const SERVICE_WEIGHTS: readonly (readonly [ServiceDefinition, number])[] = SERVICE_CATALOGUE.map(
  (s) => [s, s.weight] as const,
);

/** The definition of a service code. @throws RangeError for a code not in the catalogue. */
export function serviceDefinition(code: string): ServiceDefinition {
  const found = SERVICE_CATALOGUE.find((s) => s.code === code);
  if (found === undefined) throw new RangeError(`unknown service code ${code}`);
  return found;
}
