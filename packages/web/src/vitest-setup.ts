/**
 * Vant components measure themselves on a timer after mounting (e.g. a fixed nav bar's placeholder height,
 * 100 ms later). Give such timers time to run before a test file's DOM environment is torn down, or they
 * fire into a missing `window` and fail the run at random.
 */
import { afterAll } from 'vitest';

afterAll(() => new Promise((resolve) => setTimeout(resolve, 400)));
