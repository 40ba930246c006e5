import { startApi, startFailureLine } from './start.js';

try {
  const api = await startApi();
  const stop = () => {
    void api.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(startFailureLine(error));
  process.exit(1);
}
