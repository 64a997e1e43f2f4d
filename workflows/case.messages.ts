/**
 * The message contract of the case workflow: its input, queries, signals and updates. This file
 * has no side effects, so the API imports it without loading workflow code. Wire names are
 * stable: renaming one breaks running cases.
 */
import { defineQuery } from '@temporalio/workflow';
import type { CaseKind, CaseStatus, Channel, Priority } from '../domain/cases/case-states';

export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

export interface CaseWorkflowInput {
  caseId: string;
  number: string;
  kind: CaseKind;
  channel: Channel;
  eventCode: string | null;
  district: string | null;
  priority: Priority;
  language: string;
}

export interface CaseWorkflowState {
  caseId: string;
  number: string;
  status: CaseStatus;
  unitCode: string | null;
  eventCode: string | null;
  version: number;
}

export const caseStateQuery = defineQuery<CaseWorkflowState>('caseStateQuery');
