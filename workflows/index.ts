// Every workflow type the sscard worker runs.
export { cardApplication } from './card-application/workflow';
export { cardBatch } from './batch/workflow';
export { cardLife } from './card-life/workflow';
export { ecardSync, nationalRegistrySync } from './card-feeds/workflow';
export { comingOfAge } from './coming-of-age/workflow';
export { renewalCampaign } from './renewal-campaign/workflow';
