// Entry of the PDF worker thread (pool.ts). The code base is TypeScript loaded through tsx's ESM hook,
// and a worker does not inherit the hooks of the thread that started it, so it registers them itself.
import { register } from 'tsx/esm/api';

register();
const { default: renderTask } = await import('./render.ts');
export default renderTask;
