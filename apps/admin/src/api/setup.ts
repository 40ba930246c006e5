import { api, call } from './http.js';

type SetupBody = Parameters<typeof api.setup.$post>[0]['json'];

/** Whether the first run is still to be done (a 404 `SETUP.DONE` when it is over). */
export const setupStatus = () => call(api.setup.$get());
export const completeSetup = (json: SetupBody) => call(api.setup.$post({ json }));
