// The baseline's activities: nothing, and an instant manufacturer that reports back by signal.
import { Context } from '@temporalio/activity';

export const rawActivities = {
  async nothing(): Promise<void> {},
  async placeOrder(): Promise<void> {
    const { client, info } = Context.current();
    await client.workflow.getHandle(info.workflowExecution!.workflowId).signal('printReport');
  },
};
export type RawActivities = typeof rawActivities;
