import { routeCase, type RoutingRuleInput, type UnitInput } from '../../../domain/routing/route-case';

const units: UnitInput[] = [
  { code: 'ZDM', district: null, active: true },
  { code: 'SM', district: null, active: true },
  { code: 'UD-MOKOTOW', district: 'Mokotów', active: true },
  { code: 'UD-WOLA', district: 'Wola', active: false },
];

const rules: RoutingRuleInput[] = [
  { eventCode: 'POTHOLE', district: null, unitCode: 'ZDM' },
  { eventCode: 'SIDEWALK', district: null, unitCode: 'UD' },
  { eventCode: 'POTHOLE', district: 'Mokotów', unitCode: 'UD' },
  { eventCode: null, district: 'Wola', unitCode: 'SM' },
];

describe('routing a case to a unit', () => {
  it('uses the event rule', () => {
    expect(routeCase({ eventCode: 'POTHOLE', district: 'Bemowo' }, rules, units)).toMatchObject({
      routed: true,
      unitCode: 'ZDM',
    });
  });

  it('prefers the rule for the event in the case district', () => {
    expect(routeCase({ eventCode: 'POTHOLE', district: 'Mokotów' }, rules, units)).toMatchObject({
      routed: true,
      unitCode: 'UD-MOKOTOW',
    });
  });

  it('resolves UD to the office of the case district', () => {
    expect(routeCase({ eventCode: 'SIDEWALK', district: 'Mokotów' }, rules, units)).toMatchObject({
      unitCode: 'UD-MOKOTOW',
    });
  });

  it('cannot route a district-office event without a district, and says why', () => {
    expect(routeCase({ eventCode: 'SIDEWALK', district: null }, rules, units)).toEqual({
      routed: false,
      reason: 'the district office handles this event, but the case has no district',
    });
  });

  it('skips inactive units and falls back to a less specific rule', () => {
    const withInactive = [...rules, { eventCode: 'SIDEWALK', district: 'Wola', unitCode: 'UD' }];
    expect(routeCase({ eventCode: 'SIDEWALK', district: 'Wola' }, withInactive, units)).toMatchObject({
      routed: true,
      unitCode: 'SM',
    });
  });

  it('sends a case without an event to triage unless a district rule takes it', () => {
    expect(routeCase({ eventCode: null, district: 'Bemowo' }, rules, units)).toEqual({
      routed: false,
      reason: 'the case has no event yet',
    });
    expect(routeCase({ eventCode: null, district: 'Wola' }, rules, units)).toMatchObject({ unitCode: 'SM' });
  });

  it('reports an event without any rule', () => {
    expect(routeCase({ eventCode: 'NOISE', district: 'Bemowo' }, rules, units)).toEqual({
      routed: false,
      reason: 'no routing rule matches the event and district',
    });
  });
});
