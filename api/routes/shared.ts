// Parameter schemas and helpers shared by the route modules.
import { z } from 'zod';
import { applicationIdSchema, batchIdSchema } from '../../domain/application';

export const applicationParams = z.object({ id: applicationIdSchema });
export const batchParams = z.object({ id: batchIdSchema });

export const ok = (body: unknown, status = 200) => ({ status, body });
