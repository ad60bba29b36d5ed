import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Page tests render whole MUI pages; on a busy 2-core CI machine the first render of a suite alone can take
// seconds, so waits and tests get more room than the defaults (1 s and 5 s).
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(30_000);
