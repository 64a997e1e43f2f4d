import { Context } from '@temporalio/activity';

export interface ActivityLogger {
  warn(message: string, meta?: Record<string, unknown>): void;
}

/** The running activity's logger, or the console when called as a plain function (scripts, tests). */
export const activityLogger: ActivityLogger = {
  warn(message, meta) {
    let context: Context | null = null;
    try {
      context = Context.current();
    } catch {
      // Called as a plain function (scripts, tests): there is no activity context to log through.
    }
    if (context) context.log.warn(message, meta);
    else console.warn(message, meta ?? '');
  },
};
