import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces travel as a payload, so the payload codec encrypts them too:
 * an activity's error can quote a resident's address ("could not send ... to anna@...").
 * Loaded by path (`dataConverter.failureConverterPath`) by the client, the worker and the workflow
 * bundle alike.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
