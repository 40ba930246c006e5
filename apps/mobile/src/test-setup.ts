import { afterAll } from 'vitest';

// Vant measures a fixed bar with a safe-area inset again 100, 200 and 300 ms after it mounts
// (vant/es/composables/use-height). A test file that ends sooner would have its DOM torn
// down under those timers, which then fail on a missing `window`: let them run first.
afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, 350)));
