// Every action people take, described once (./define.ts).
import { APPLICATION_ACTIONS } from './applications';
import { CARD_ACTIONS } from './cards';
import type { ActionDescriptor } from './define';

export const ALL_ACTIONS: readonly ActionDescriptor[] = [...APPLICATION_ACTIONS, ...CARD_ACTIONS];

export { defineAction, rolesOf, type ActionDescriptor, type Words } from './define';
