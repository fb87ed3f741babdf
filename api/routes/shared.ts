// Parameter schemas and helpers shared by the route modules.
import { z } from 'zod';
import { applicationIdSchema, batchIdSchema } from '../../domain/application';

export const applicationParams = z.object({ id: applicationIdSchema });
export const batchParams = z.object({ id: batchIdSchema });

/** A message body as a person sends it: the domain schema without the actor, which the API adds. */
export function withoutActor<Shape extends z.ZodRawShape & { actor: z.ZodType }>(schema: {
  shape: Shape;
}): z.ZodObject<Omit<Shape, 'actor'>> {
  const { actor: _actor, ...rest } = schema.shape;
  return z.object(rest);
}

export const ok = (body: unknown, status = 200) => ({ status, body });
