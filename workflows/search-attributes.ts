import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of case workflows, so operators can find a case's workflow in the
 * Temporal UI by its number, kind, status or unit. SQL visibility allows 10 Keyword attributes per
 * namespace: spend them only on what operators filter by.
 */
export const CaseNumberAttribute = defineSearchAttributeKey('CaseNumber', SearchAttributeType.KEYWORD);
export const CaseKindAttribute = defineSearchAttributeKey('CaseKind', SearchAttributeType.KEYWORD);
export const CaseStatusAttribute = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const UnitCodeAttribute = defineSearchAttributeKey('UnitCode', SearchAttributeType.KEYWORD);

export const searchAttributes = [
  CaseNumberAttribute,
  CaseKindAttribute,
  CaseStatusAttribute,
  UnitCodeAttribute,
];
